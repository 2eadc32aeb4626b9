import { resubmissionSchema, submissionSchema, supplySchema } from './submission-schema.ts';
import { CASE_STATUSES } from './case-status.ts';
import { suspendSchema } from './suspension.service.ts';
import { publicLookupPaths } from './public-lookup.ts';
import { bearer, caseOperation, caseParam, clean, error, json, type Paths, type Schemas } from '../openapi/helpers.ts';

/** The component schemas of cases: what is submitted, a case and its status, a suspension's body (POST /tasks/{id}/suspend). */
export function caseSchemas(): Schemas {
  return {
    CaseStatus: { type: 'string', enum: Object.keys(CASE_STATUSES) },
    Submission: clean(submissionSchema),
    Resubmission: clean(resubmissionSchema),
    Supply: clean(supplySchema),
    Case: {
      type: 'object',
      properties: {
        caseNo: { type: 'string', description: '办件编码: region(6) + date YYYYMMDD (Asia/Shanghai) + daily sequence(6); an item case of a bundle adds -NN' },
        kind: { enum: ['item', 'bundle'] },
        item: {
          type: 'object',
          description: "the item's code, version and name; for a bundle case the bundle's",
          properties: { code: { type: 'string' }, version: { type: 'integer' }, name: { type: 'string' } },
        },
        items: {
          type: 'array',
          description: "a bundle case's item cases, each decided by its own department",
          items: {
            type: 'object',
            properties: {
              caseNo: { type: 'string' },
              itemCode: { type: 'string' },
              name: { type: 'string' },
              departmentCode: { type: 'string' },
              status: { $ref: '#/components/schemas/CaseStatus' },
              statusLabel: { type: 'string' },
              promisedDueAt: { type: ['string', 'null'] },
            },
          },
        },
        answers: { type: 'object', description: "a bundle case's scenario answers" },
        onItemRejected: { enum: ['refuse_bundle', 'continue'], description: "a bundle case's rule for a refused item" },
        bundleCaseNo: { type: ['string', 'null'], description: 'for an item case of a bundle: the bundle case' },
        commitments: {
          type: 'array',
          description: '告知承诺 (kind replacement) and 容缺 deferrals (kind deferral, with dueAt and fulfilledAt)',
          items: { type: 'object' },
        },
        status: { $ref: '#/components/schemas/CaseStatus' },
        statusLabel: { type: 'string' },
        final: { type: 'boolean' },
        channel: { type: 'string' },
        applicant: { type: 'object' },
        form: { type: 'object' },
        materials: { type: 'array', items: { type: 'object' } },
        opinions: { type: 'array', items: { type: 'object' } },
        deadline: {
          type: ['object', 'null'],
          description: 'from acceptance: promised (承诺) and statutory (法定) due times in working days, and the warning colour',
          properties: {
            acceptedAt: { type: 'string' },
            promisedDueAt: { type: 'string' },
            statutoryDueAt: { type: 'string' },
            colour: { enum: ['green', 'yellow', 'red', null] },
          },
        },
        timeline: {
          type: 'array',
          items: {
            type: 'object',
            properties: { at: { type: 'string' }, type: { type: 'string' }, label: { type: 'string' }, actor: { type: 'string' }, detail: { type: 'object' } },
          },
        },
      },
    },
    Suspension: clean(suspendSchema),
  };
}

/** 办件 paths of /api/v1; the reason a case operation takes is the inbox's Reason schema. */
export function casePaths(): Paths {
  const reason = { $ref: '#/components/schemas/Reason' };
  return {
    '/cases': {
      post: {
        summary: 'Submit a case for an item (itemCode) or a bundle (bundleCode + answers: 一表申请, 一套材料); starts its process',
        security: bearer,
        parameters: [
          {
            name: 'Idempotency-Key',
            in: 'header',
            required: false,
            schema: { type: 'string' },
            description: 'a repeat with the same key returns the first case (200) instead of creating another',
          },
        ],
        requestBody: { required: true, content: json({ $ref: '#/components/schemas/Submission' }) },
        responses: {
          201: { description: 'created', content: json({ type: 'object', properties: { caseNo: { type: 'string' }, status: { type: 'string' } } }) },
          200: { description: 'replayed: the case of an earlier request with the same Idempotency-Key' },
          401: error('not logged in'),
          403: error('not an applicant or clerk'),
          422: error(
            'invalid form, unknown item or bundle, incomplete answers, unknown material or attachment, a deferral or commitment the catalog does not allow',
          ),
          503: error('engine unavailable; nothing saved'),
        },
      },
    },
    '/prefill': {
      get: {
        summary:
          'What is known of an applicant for a new item or bundle: form values and materials from their earlier cases (前序流程已收取的材料不需提交); the attachment ids may be named again in POST /cases',
        security: bearer,
        parameters: [
          { name: 'itemCode', in: 'query', required: false, schema: { type: 'string' } },
          { name: 'bundleCode', in: 'query', required: false, schema: { type: 'string' } },
          {
            name: 'idNo',
            in: 'query',
            required: false,
            schema: { type: 'string' },
            description: "the applicant's ID number: required for a clerk, must be the account's own for an applicant",
          },
        ],
        responses: {
          200: { description: 'form values, their source cases, reusable materials' },
          404: error('no such item or bundle'),
          422: error('neither or both of itemCode and bundleCode; an ID number the caller may not use'),
        },
      },
    },
    '/cases/{caseNo}': {
      get: {
        summary: 'A case with its status and timeline',
        security: bearer,
        parameters: caseParam,
        responses: { 200: { description: 'the case', content: json({ $ref: '#/components/schemas/Case' }) }, 404: error('no such case visible to the caller') },
      },
    },
    '/cases/{caseNo}/resubmission': {
      post: {
        summary: '补正: hand the whole application in again after a correction notice; checked like a submission, then accepted or not again',
        security: bearer,
        parameters: caseParam,
        requestBody: { required: true, content: json({ $ref: '#/components/schemas/Resubmission' }) },
        responses: {
          200: { description: 'resubmitted; acceptance runs again' },
          404: error('no such case of the caller'),
          409: error('the case is not waiting for a correction'),
          422: error('invalid form, material or attachment'),
        },
      },
    },
    '/cases/{caseNo}/materials': {
      post: {
        summary: '容缺: hand in materials accepted as deferred; with the last one the result may be issued',
        security: bearer,
        parameters: caseParam,
        requestBody: { required: true, content: json({ $ref: '#/components/schemas/Supply' }) },
        responses: {
          200: {
            description: 'recorded',
            content: json({
              type: 'object',
              properties: { caseNo: { type: 'string' }, complete: { type: 'boolean', description: 'every deferred material is in' } },
            }),
          },
          404: error('no such case of the caller'),
          409: error('the case owes no deferred material'),
          422: error('a material the case does not owe, or an invalid attachment'),
        },
      },
    },
    '/cases/{caseNo}/tracking': {
      get: {
        summary:
          "办件跟踪: the case's process instance and every instance it called (acceptance, a bundle's items), each with its BPMN XML and its finished and current activity ids, and the open steps in words",
        security: bearer,
        parameters: caseParam,
        responses: { 200: { description: 'the tracking' }, 404: error('no such case visible to the caller') },
      },
    },
    '/cases/{caseNo}/resume': caseOperation(
      'Ends a suspension (reviewer or leader of the department): the due dates move by the working days it took',
      reason,
      'the case is not suspended',
    ),
    '/cases/{caseNo}/withdraw': caseOperation(
      '撤回 by the applicant (or the window clerk): before acceptance only; the process is deleted',
      reason,
      'accepted or closed already',
    ),
    '/cases/{caseNo}/take-back': caseOperation(
      "撤回 by staff: takes back the caller's last step while the step it led to is unclaimed",
      reason,
      'the next step was claimed or the case moved on',
    ),
    '/cases/{caseNo}/urge': caseOperation(
      '催办: notifies the holders of the open tasks; one urge per person and case every 10 minutes (429 otherwise)',
      { type: 'object' },
      'no open task',
    ),
    '/cases/{caseNo}/files/{attachmentId}': {
      get: {
        summary:
          'A file of the case, shown inline (its own type, RFC 5987 name): a submitted material, or for staff a file a reviewer added; for whoever may see the case',
        security: bearer,
        parameters: [...caseParam, { name: 'attachmentId', in: 'path', required: true, schema: { type: 'string' } }],
        responses: { 200: { description: 'the file (PDF, JPEG or PNG)' }, 404: error('no such case visible to the caller, or no such file of it') },
      },
    },
    ...publicLookupPaths(clean),
  };
}
