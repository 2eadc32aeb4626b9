import { always, answer, bearer, error, idParam, instant, json, nullable, type Paths } from '../openapi/helpers.ts';
import { OFFER_STATUSES } from '../../contract/proactive/policy.ts';

const offer = always({
  id: { type: 'integer' },
  policy: { type: 'string', description: "the policy's code" },
  name: { type: 'string' },
  benefit: { type: 'string', description: 'what the person or company gets, in their language' },
  subjectName: { type: 'string', description: 'whom it is about (the child born; the person themself; the company)' },
  relation: { type: 'string', description: 'self, father or mother; company (惠企: the offer is the company’s, seen by each of its accounts)' },
  status: { enum: [...OFFER_STATUSES] },
  caseNo: nullable(),
  reason: nullable(),
  offeredAt: instant,
  expiresAt: instant,
});
const counts = always(Object.fromEntries(OFFER_STATUSES.map((s) => [s, { type: 'integer' }])));
const outcome = always({
  offered: { type: 'integer' },
  granted: { type: 'integer' },
  ineligible: { type: 'integer' },
  already: { type: 'integer', description: 'recipients who had the benefit before (a policy once per recipient): nothing raised' },
});

/** 免申即享 paths of /api/v1. */
export function proactivePaths(): Paths {
  return {
    '/proactive/offers': {
      get: {
        summary:
          '免申即享: the signed-in person’s offers (by their verified ID number), or a company account’s, the company’s (by its credit code); the open ones first',
        security: bearer,
        responses: {
          200: answer('the offers', always({ offers: { type: 'array', items: offer } })),
          401: error('not signed in'),
          403: error('not an applicant'),
        },
      },
    },
    '/proactive/offers/{id}/accept': {
      post: {
        summary:
          '一键领取: takes the offer up; a case of the policy’s item opens in the person’s name (a company’s offer: in the company’s, taken up by its legal representative or an agent authorised to apply) on the channel "proactive"',
        security: bearer,
        parameters: idParam,
        requestBody: {
          required: false,
          content: json(
            always(
              { phone: { type: 'string', description: 'the contact mobile of the case; required where the account has none (a company’s account)' } },
              'phone',
            ),
          ),
        },
        responses: {
          200: answer('taken up', always({ id: { type: 'integer' }, status: { const: 'accepted' }, caseNo: { type: 'string' } })),
          401: error('not signed in'),
          403: error('not an applicant; authorization_insufficient: an agent of the company whose authorisation does not cover applying'),
          404: error('no such offer of this person or company'),
          409: error('the offer is settled (taken up, declined, taken up by the other parent) or has lapsed'),
          422: error('no contact phone (the account has none and none was given), or not a mobile number'),
          503: error('the population or legal-person registry is unavailable'),
        },
      },
    },
    '/proactive/offers/{id}/decline': {
      post: {
        summary: '不需要: refuses the offer, with a reason if given; the refusal is recorded',
        security: bearer,
        parameters: idParam,
        requestBody: { required: false, content: json(always({ reason: { type: 'string', maxLength: 200 } }, 'reason')) },
        responses: {
          200: answer('declined', always({ id: { type: 'integer' }, status: { const: 'declined' } })),
          401: error('not signed in'),
          403: error('not an applicant; authorization_insufficient: an agent of the company whose authorisation does not cover applying'),
          404: error('no such offer of this person or company'),
          409: error('the offer is settled or has lapsed'),
          422: error('a reason longer than 200 characters'),
        },
      },
    },
    '/proactive/policies': {
      get: {
        summary: '免申即享 policies: what raises each, how it grants, its decision, and its offers by status',
        security: bearer,
        responses: {
          200: answer(
            'the policies',
            always({
              policies: {
                type: 'array',
                items: always({
                  code: { type: 'string' },
                  name: { type: 'string' },
                  benefit: { type: 'string' },
                  itemCode: { type: 'string' },
                  trigger: { type: 'object' },
                  grant: { enum: ['offer', 'direct'] },
                  recipients: { enum: ['subject', 'parents', 'company'] },
                  oncePer: { enum: ['occasion', 'recipient'] },
                  decision: { type: 'string' },
                  offers: counts,
                }),
              },
            }),
          ),
          401: error('not signed in'),
          403: error('not an administrator, analyst or leader'),
        },
      },
    },
    '/proactive/rounds': {
      post: {
        summary: '立即执行: one round of the policies now (the registries’ new events, the birthdays due), as the schedule runs it',
        security: bearer,
        responses: {
          200: answer('what the round did, per policy', always({ outcome: { type: 'object', additionalProperties: outcome } })),
          401: error('not signed in'),
          403: error('not an administrator'),
          503: error('the registries are unavailable: the round stopped where it was and goes on next time'),
        },
      },
    },
  };
}
