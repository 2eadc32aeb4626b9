import type { Localized } from '../locale.ts';
import { fieldProblem, type FieldProblem } from '../problems.ts';
import { REGION_CODE_PATTERN } from '../regions.ts';

/**
 * 问题闭环 (server/problems, docs/problems.md): where a problem comes from, where it stands, how the
 * applicant was visited back (回访), and the bodies of POST /problems, /problems/{id}/rectify and
 * /problems/{id}/review, checked by the server and by the leaders' 问题清单 before they send.
 */

export const PROBLEM_SOURCES = {
  bad_rating: { 'zh-CN': '差评', en: 'Bad rating' },
  walkthrough: { 'zh-CN': '走流程', en: 'Walk-through' },
  monitoring: { 'zh-CN': '监测预警', en: 'Monitoring' },
} as const satisfies Record<string, Localized>;
export type ProblemSource = keyof typeof PROBLEM_SOURCES;

/** open → rectified (the owner's leader) → closed (销号, the 数据局); sent back: rectified → open */
export const PROBLEM_STATUSES = {
  open: { 'zh-CN': '待整改', en: 'Open' },
  rectified: { 'zh-CN': '待审核', en: 'Rectified, to review' },
  closed: { 'zh-CN': '已销号', en: 'Closed' },
} as const satisfies Record<string, Localized>;
export type ProblemStatus = keyof typeof PROBLEM_STATUSES;

/** 回访: how the applicant was reached */
export const VISIT_METHODS = {
  phone: { 'zh-CN': '电话回访', en: 'Phone call' },
  on_site: { 'zh-CN': '上门回访', en: 'Visit in person' },
  hall: { 'zh-CN': '大厅面谈', en: 'Met at the hall' },
  sms: { 'zh-CN': '短信回访', en: 'Text message' },
  online: { 'zh-CN': '网上回访', en: 'Online' },
} as const satisfies Record<string, Localized>;
export type VisitMethod = keyof typeof VISIT_METHODS;

/** 差评整改: 15 working days from the rating (seed 001) */
export const BAD_RATING_DUE_DAYS = 15;
/** what a raiser may give a problem: 1 … 60 working days */
export const DUE_DAYS = { min: 1, max: 60 } as const;

const text = (max: number, zh: string, en: string) => ({ type: 'string', minLength: 1, maxLength: max, pattern: '\\S', title: zh, 'x-title-en': en }) as const;

/** POST /problems: a 走流程 finding (the 数据局 for any department, a leader for their own) */
export const raiseProblemSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['departmentCode', 'title', 'description'],
  properties: {
    departmentCode: { type: 'string', minLength: 1, maxLength: 32, title: '责任部门', 'x-title-en': 'Department' },
    regionCode: { type: 'string', pattern: REGION_CODE_PATTERN, title: '区划', 'x-title-en': 'Region' },
    caseNo: { type: 'string', pattern: '^[0-9]{20}$', title: '办件编码', 'x-title-en': 'Case no.' },
    itemCode: { type: 'string', minLength: 1, maxLength: 64, title: '事项', 'x-title-en': 'Item' },
    title: text(200, '问题标题', 'Title'),
    description: text(4000, '问题描述', 'Description'),
    dueDays: { type: 'integer', minimum: DUE_DAYS.min, maximum: DUE_DAYS.max, title: '整改时限（工作日）', 'x-title-en': 'Working days to rectify' },
  },
} as const;
export interface RaiseProblemBody {
  departmentCode: string;
  regionCode?: string;
  caseNo?: string;
  itemCode?: string;
  title: string;
  description: string;
  dueDays?: number;
}

const visit = {
  type: 'object',
  additionalProperties: false,
  required: ['at', 'method', 'feedback'],
  title: '回访',
  'x-title-en': 'Return visit',
  properties: {
    at: { type: 'string', format: 'date-time', title: '回访时间', 'x-title-en': 'Visited at' },
    method: { type: 'string', enum: Object.keys(VISIT_METHODS), title: '回访方式', 'x-title-en': 'How' },
    feedback: text(1000, '申请人意见', "The applicant's answer"),
  },
} as const;

/** POST /problems/{id}/rectify: what was done; a 差评's also the 回访 (rectifyBadRatingSchema) */
export const rectifyProblemSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['rectification'],
  properties: { rectification: text(4000, '整改情况', 'What was done'), visit },
} as const;
export const rectifyBadRatingSchema = { ...rectifyProblemSchema, required: ['rectification', 'visit'] } as const;
export interface RectifyProblemBody {
  rectification: string;
  visit?: { at: string; method: VisitMethod; feedback: string };
}

/** What the schema cannot say: a 回访 took place, not in the future (a minute's leeway for clocks). */
export function rectificationRules(body: RectifyProblemBody, now = new Date()): FieldProblem[] {
  if (body.visit && Date.parse(body.visit.at) > now.getTime() + 60_000)
    return [fieldProblem('visit.at', '回访时间：不能晚于现在', 'visit.at: cannot be in the future')];
  return [];
}

/** POST /problems/{id}/review: the 数据局 accepts (销号) or sends back with a reason */
export const reviewProblemSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['decision'],
  properties: {
    decision: { type: 'string', enum: ['accept', 'send_back'], title: '审核结论', 'x-title-en': 'Decision' },
    reason: text(1000, '审核意见', 'Reason'),
  },
} as const;
export interface ReviewProblemBody {
  decision: 'accept' | 'send_back';
  reason?: string;
}

export function reviewRules(body: ReviewProblemBody): FieldProblem[] {
  if (body.decision === 'send_back' && !body.reason?.trim()) return [fieldProblem('reason', '审核意见：退回整改请写明理由', 'reason: say why it is sent back')];
  return [];
}
