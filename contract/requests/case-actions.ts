import type { Localized } from '../locale.ts';

/**
 * The short bodies of the actions on a case and its tasks: 撤回 (withdraw), 收回 (take back), 恢复计时
 * (resume), 催办 (urge), 特别程序 (suspend), 转办 / 委派 (hand over), 抄送 (copy), 办理意见 (resolve).
 * The server validates with these (server/cases, server/inbox); the staff's and applicants'
 * dialogs check with them before they send.
 */

const reason = { type: 'string', minLength: 1, maxLength: 500, pattern: '\\S', title: '理由', 'x-title-en': 'Reason' } as const;
const username = { type: 'string', minLength: 1, maxLength: 64, title: '办理人', 'x-title-en': 'Person' } as const;

/** 行政许可法 Art. 45: the procedures whose time is not counted in the licensing period. */
export const SPECIAL_PROCEDURES = {
  hearing: { 'zh-CN': '听证', en: 'Hearing' },
  tender: { 'zh-CN': '招标', en: 'Tender' },
  auction: { 'zh-CN': '拍卖', en: 'Auction' },
  inspection: { 'zh-CN': '检验', en: 'Inspection' },
  testing: { 'zh-CN': '检测', en: 'Testing' },
  quarantine: { 'zh-CN': '检疫', en: 'Quarantine' },
  appraisal: { 'zh-CN': '鉴定', en: 'Appraisal' },
  expert_review: { 'zh-CN': '专家评审', en: 'Expert review' },
} as const satisfies Record<string, Localized>;
export type SpecialProcedure = keyof typeof SPECIAL_PROCEDURES;

/** POST /cases/{caseNo}/withdraw, /take-back, /resume; POST /tasks/{id}/unclaim and the like */
export const reasonSchema = { type: 'object', additionalProperties: false, required: ['reason'], properties: { reason } } as const;

/** How often one person may urge one case (催办): the page shows when the next urge is possible. */
export const URGE_INTERVAL_MS = 10 * 60_000;

/** POST /cases/{caseNo}/urge */
export const urgeSchema = {
  type: 'object',
  additionalProperties: false,
  properties: { note: { type: 'string', minLength: 1, maxLength: 200, pattern: '\\S', title: '催办说明', 'x-title-en': 'Note' } },
} as const;

/** POST /tasks/{id}/suspend */
export const suspendSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['procedure', 'reason'],
  properties: { procedure: { type: 'string', enum: Object.keys(SPECIAL_PROCEDURES), title: '特别程序', 'x-title-en': 'Special procedure' }, reason },
} as const;

/** POST /tasks/{id}/transfer and /delegate */
export const handOverSchema = { type: 'object', additionalProperties: false, required: ['to', 'reason'], properties: { to: username, reason } } as const;

/** POST /tasks/{id}/copy */
export const copySchema = {
  type: 'object',
  additionalProperties: false,
  required: ['to'],
  properties: {
    to: { type: 'array', minItems: 1, maxItems: 20, items: username, title: '抄送人', 'x-title-en': 'Copy to' },
    note: { ...reason, title: '附言', 'x-title-en': 'Note' },
  },
} as const;

/** POST /tasks/{id}/resolve (a delegated task handed back with the delegate's opinion) */
export const resolveSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['opinion'],
  properties: { opinion: { ...reason, maxLength: 2000, title: '办理意见', 'x-title-en': 'Opinion' } },
} as const;

/** POST /tasks/{id}/attachments: the holder adds a file they uploaded to the case */
export const reviewAttachmentSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['attachmentId'],
  properties: {
    attachmentId: { type: 'string', format: 'uuid', title: '附件编号', 'x-title-en': 'Attachment id' },
    note: { ...reason, title: '说明', 'x-title-en': 'Note' },
  },
} as const;
