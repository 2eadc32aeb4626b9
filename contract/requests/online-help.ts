import { fieldProblem, type FieldProblem } from '../problems.ts';
import { CODE_PATTERNS } from '../catalog/codes.ts';

/**
 * 线上帮办 (server/online-help): the bodies of asking for help on an online application, the
 * conversation, the applicant's consent, a helper's filling of a field, closing and rating; checked
 * by the server and by the pages before they send. docs/online-help.md says the rules.
 */

/** waiting (no helper yet) → joined (a helper of the centre took it) → closed (resolved or not). */
export const HELP_STATUSES = ['waiting', 'joined', 'closed'] as const;
export type HelpStatus = (typeof HELP_STATUSES)[number];

/** What the conversation records: the words, and every act (who joined, consent given and withdrawn, a field filled and confirmed, closing, the rating). */
export const HELP_ENTRY_KINDS = ['text', 'joined', 'consent_given', 'consent_withdrawn', 'filled', 'confirmed', 'closed', 'rated'] as const;
export type HelpEntryKind = (typeof HELP_ENTRY_KINDS)[number];

/** The longest message of the conversation, in characters. */
export const HELP_MESSAGE_MAX = 1000;
/** The longest value a helper fills or a form snapshot holds for one field, in characters. */
export const HELP_VALUE_MAX = 2000;
/** 响应率: a request counts as answered in time when a helper joined within this many minutes (the figures take another with ?withinMinutes=). */
export const HELP_RESPONSE_MINUTES = 5;

export interface HelpRequestBody {
  itemCode?: string;
  bundleCode?: string;
  caseNo?: string;
  regionCode?: string;
  question?: string;
}

export const helpRequestSchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    itemCode: { type: 'string', pattern: CODE_PATTERNS.item, title: '事项编码', 'x-title-en': 'Item code' },
    bundleCode: { type: 'string', pattern: CODE_PATTERNS.bundle, title: '一件事编码', 'x-title-en': 'Bundle code' },
    caseNo: { type: 'string', pattern: '^[0-9]{20}(-[0-9]{2})?$', title: '办件编码', 'x-title-en': 'Case number' },
    regionCode: { type: 'string', pattern: '^[0-9]{6,12}$', title: '办理地', 'x-title-en': 'Place' },
    question: { type: 'string', maxLength: HELP_MESSAGE_MAX, title: '遇到的问题', 'x-title-en': 'Your question' },
  },
} as const;

/** One of item and bundle: what the application is of. */
export function helpRequestRules(body: HelpRequestBody): FieldProblem[] {
  if (Boolean(body.itemCode) === Boolean(body.bundleCode))
    return [
      fieldProblem(
        'itemCode',
        '事项编码：请指明正在申报的事项或一件事（二者选一）',
        'itemCode: name the item or the bundle being applied for (one of the two)',
      ),
    ];
  return [];
}

export const helpMessageSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['text'],
  properties: { text: { type: 'string', minLength: 1, maxLength: HELP_MESSAGE_MAX, title: '消息', 'x-title-en': 'Message' } },
} as const;

/** A message of spaces only says nothing. */
export function helpMessageRules(body: { text: string }): FieldProblem[] {
  return body.text.trim() ? [] : [fieldProblem('text', '消息：请输入内容', 'text: write something')];
}

export const helpConsentSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['consent'],
  properties: { consent: { type: 'boolean', title: '允许帮办员代填', 'x-title-en': 'Let the helper fill fields' } },
} as const;

const fieldName = { type: 'string', minLength: 1, maxLength: 100, title: '字段', 'x-title-en': 'Field' } as const;

/** The applicant's form as they fill it: field → value (the server keeps the form's own fields, personal ones masked). */
export const helpFormSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['form'],
  properties: {
    form: {
      type: 'object',
      maxProperties: 200,
      additionalProperties: {
        anyOf: [{ type: 'string', maxLength: HELP_VALUE_MAX }, { type: 'number' }, { type: 'boolean' }, { type: 'null' }],
      },
      title: '申请表',
      'x-title-en': 'Form',
    },
  },
} as const;

export const helpFillSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['field', 'value'],
  properties: {
    field: fieldName,
    value: {
      anyOf: [{ type: 'string', maxLength: HELP_VALUE_MAX }, { type: 'number' }, { type: 'boolean' }],
      title: '填写内容',
      'x-title-en': 'Value',
    },
  },
} as const;

export const helpConfirmSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['field'],
  properties: { field: fieldName },
} as const;

export interface HelpCloseBody {
  resolved: boolean;
  note?: string;
}

export const helpCloseSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['resolved'],
  properties: {
    resolved: { type: 'boolean', title: '问题是否解决', 'x-title-en': 'Resolved' },
    note: { type: 'string', maxLength: 500, title: '说明', 'x-title-en': 'Note' },
  },
} as const;

/** The applicant's satisfaction: the 好差评 levels (1 非常不满意 … 5 非常满意), and a comment. */
export const helpRatingSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['level'],
  properties: {
    level: { type: 'integer', minimum: 1, maximum: 5, title: '满意度', 'x-title-en': 'Satisfaction' },
    comment: { type: 'string', maxLength: 500, title: '评价内容', 'x-title-en': 'Comment' },
  },
} as const;
