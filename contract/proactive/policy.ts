import { DECISION_KEY_PATTERN } from '../dmn/decision-key.ts';
import { SUBJECT_PATTERN } from '../catalog/instant-approval.ts';

/**
 * 免申即享 (issue 19 part 4, docs/proactive-services.md): a policy the platform applies without an
 * application. Its rule is a deployed decision table (the same contract as 秒批's: an output
 * `outcome` of "approve" means eligible) over the facts of the registries (contract/catalog/
 * instant-approval.ts names them); it is evaluated on the registries' events (a birth registered)
 * or on a schedule (birthdays), or on the platform's own data (an e-licence issued). An eligible
 * person or company (惠企, checked against the 法人库) is offered the benefit (a notification and an
 * entry in 我的办件, accepted with one click) or, where the policy says so, granted it directly:
 * either way a case of the policy's item is opened on the channel "proactive".
 *
 * A policy is `processes/<folder>/policy.json`, beside the item it opens cases of.
 */
export const PROACTIVE_TRIGGERS = ['birth_registered', 'birthday', 'e_license_issued'] as const;
export type ProactiveTrigger = (typeof PROACTIVE_TRIGGERS)[number];

/**
 * a birth in the 人口库; a birthday (the age turned); an e-licence of that type issued by the
 * platform (开办餐饮店's 食品经营许可证): to a person for a person's policy, to a company (held by
 * its 统一社会信用代码) for a policy whose recipient is the company
 */
export type PolicyTrigger = { on: 'birth_registered' } | { on: 'birthday'; age: number } | { on: 'e_license_issued'; licenseType: string };

/** What a case's form field is filled from: the subject's or the recipient's registry record, or a constant. */
export const FORM_SOURCES = [
  'subject.name',
  'subject.idNo',
  'subject.birthDate',
  'subject.sex',
  'subject.householdAddress',
  'recipient.name',
  'recipient.idNo',
  'recipient.relation',
  /** the accepting account's mobile phone */
  'recipient.phone',
  /** a birth's parents, as the registry's event names them */
  'mother.name',
  'mother.idNo',
  'father.name',
  'father.idNo',
  /** a company's policy: the company's 法人库 record */
  'company.name',
  'company.creditCode',
  'company.legalRepresentative',
  'company.address',
] as const;
export type FormSource = (typeof FORM_SOURCES)[number];

export interface ProactivePolicy {
  code: string;
  name: string;
  nameEn: string;
  /** what the person gets, as the offer says it */
  benefit: string;
  benefitEn: string;
  /** the item whose case carries the benefit */
  itemCode: string;
  trigger: PolicyTrigger;
  /** the facts' prefix of the person the rule is about (the child born, the person having the birthday) */
  subject: string;
  /**
   * who is offered the benefit: the subject, or the subject's parents (a birth), or — 惠企 — the
   * company the subject is (a record of the 法人库, found by its 统一社会信用代码): the offer goes to
   * the company's accounts and is taken up by whoever may apply for it, in the company's name
   */
  recipients: 'subject' | 'parents' | 'company';
  /**
   * how often the benefit is had: once per occasion (each child born, each birthday), or once per
   * recipient whatever raises it again (one start-up subsidy a life, one 开办补贴 a company): a
   * recipient with an open, taken-up, granted or refused offer of the policy, or a case of its item
   * in their name that is not refused, raises no other
   */
  oncePer: 'occasion' | 'recipient';
  /** offer: the recipient accepts with one click; direct: the case is opened at once */
  grant: 'offer' | 'direct';
  /** the deployed decision that says who is eligible (outcome "approve") */
  decision: string;
  /** the case's form: field → where its value comes from (a source above, or "=<text>" for a constant) */
  form: Record<string, string>;
  /** the item's materials the registries stand in for (免提交), with the source named on the case */
  sharedMaterials: { code: string; source: string }[];
  /** how many days an offer stays open (then it lapses) */
  offerDays: number;
}

const CODE = '^[a-z][a-z0-9-]{2,48}$';

export const policySchema = {
  type: 'object',
  additionalProperties: false,
  required: [
    'code',
    'name',
    'nameEn',
    'benefit',
    'benefitEn',
    'itemCode',
    'trigger',
    'subject',
    'recipients',
    'oncePer',
    'grant',
    'decision',
    'form',
    'sharedMaterials',
    'offerDays',
  ],
  properties: {
    code: { type: 'string', pattern: CODE },
    name: { type: 'string', minLength: 2, maxLength: 60 },
    nameEn: { type: 'string', minLength: 2, maxLength: 120 },
    benefit: { type: 'string', minLength: 2, maxLength: 200 },
    benefitEn: { type: 'string', minLength: 2, maxLength: 300 },
    itemCode: { type: 'string', minLength: 2, maxLength: 63 },
    trigger: {
      oneOf: [
        { type: 'object', additionalProperties: false, required: ['on'], properties: { on: { const: 'birth_registered' } } },
        {
          type: 'object',
          additionalProperties: false,
          required: ['on', 'age'],
          properties: { on: { const: 'birthday' }, age: { type: 'integer', minimum: 1, maximum: 120 } },
        },
        {
          type: 'object',
          additionalProperties: false,
          required: ['on', 'licenseType'],
          properties: { on: { const: 'e_license_issued' }, licenseType: { type: 'string', minLength: 2, maxLength: 64 } },
        },
      ],
    },
    subject: { type: 'string', pattern: SUBJECT_PATTERN },
    recipients: { type: 'string', enum: ['subject', 'parents', 'company'] },
    oncePer: { type: 'string', enum: ['occasion', 'recipient'] },
    grant: { type: 'string', enum: ['offer', 'direct'] },
    decision: { type: 'string', pattern: DECISION_KEY_PATTERN },
    form: { type: 'object', additionalProperties: { type: 'string', anyOf: [{ enum: [...FORM_SOURCES] }, { pattern: '^=' }] } },
    sharedMaterials: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['code', 'source'],
        properties: { code: { type: 'string' }, source: { type: 'string', minLength: 2, maxLength: 60 } },
      },
    },
    offerDays: { type: 'integer', minimum: 1, maximum: 365 },
  },
} as const;

/** Where an offer stands: open, taken up (a case), refused (with the person's or company's reason), given by another parent's acceptance, or lapsed. */
export const OFFER_STATUSES = ['offered', 'accepted', 'declined', 'granted', 'superseded', 'lapsed'] as const;
export type OfferStatus = (typeof OFFER_STATUSES)[number];
