import type { Localized } from '../i18n/locale.ts';
import { shanghaiDay } from '../calendar/index.ts';

/** The notices of 行政许可法 Art. 32 and of closing a case; the seal issue stamps them. */
export const NOTICE_KINDS = {
  acceptance: { 'zh-CN': '受理通知书', en: 'Notice of acceptance', prefix: '受' },
  deficient_acceptance: { 'zh-CN': '容缺受理通知书', en: 'Notice of acceptance with deferred materials', prefix: '容' },
  correction: { 'zh-CN': '补正材料告知书', en: 'Notice to correct the application', prefix: '补' },
  not_accepted: { 'zh-CN': '不予受理决定书', en: 'Decision not to accept', prefix: '不受' },
  correction_expired: { 'zh-CN': '终止办理告知书（逾期未补正）', en: 'Notice of closing: not corrected in time', prefix: '终' },
  deficiency_expired: { 'zh-CN': '终止办理告知书（逾期未补齐材料）', en: 'Notice of termination: deferred materials not handed in', prefix: '终' },
  approved: { 'zh-CN': '办结通知书（准予）', en: 'Notice of decision: approved', prefix: '结' },
  refused: { 'zh-CN': '办结通知书（不予）', en: 'Notice of decision: refused', prefix: '结' },
  payment_expired: { 'zh-CN': '终止办理告知书（逾期未缴费）', en: 'Notice of termination: fee not paid in time', prefix: '终' },
  delivered: { 'zh-CN': '送达回证', en: 'Proof of delivery', prefix: '送' },
} as const;
export type NoticeKind = keyof typeof NOTICE_KINDS;

/** 《中华人民共和国行政许可法》第三十二条 — the basis of every acceptance decision. */
export const ACCEPTANCE_LEGAL_BASIS: Localized = {
  'zh-CN': '《中华人民共和国行政许可法》第三十二条',
  en: 'Administrative Licensing Law of the PRC, Article 32',
};

export interface Notice {
  kind: NoticeKind;
  title: Localized;
  /** 文号, e.g. 受〔2026〕430100202611230000001号 */
  number: string;
  /** the notice as the applicant reads it (Chinese, the official language of the document) */
  text: string;
  issuedAt: string;
}

const dayText = (at: Date) => {
  const [y, m, d] = shanghaiDay(at).split('-');
  return `${y}年${Number(m)}月${Number(d)}日`;
};

export interface NoticeInput {
  caseNo: string;
  applicantName: string;
  /** the item's or the bundle's name */
  subject: string;
  reasons?: Localized[];
  /** names of materials deferred under 容缺 */
  deferred?: string[];
  dueAt?: Date;
  promisedDays?: number;
}

/** Writes a notice from the case's facts; every problem is listed at once (一次性告知). */
export function renderNotice(kind: NoticeKind, input: NoticeInput, issuedAt = new Date()): Notice {
  const head = `${input.applicantName}：\n您于本机关申请办理的“${input.subject}”（办件编号 ${input.caseNo}），`;
  const list = (input.reasons ?? []).map((r, i) => `${i + 1}. ${r['zh-CN']}`).join('\n');
  const due = input.dueAt ? dayText(input.dueAt) : '';
  const bodies: Record<NoticeKind, string> = {
    acceptance: `${head}申请材料齐全、符合法定形式，根据${ACCEPTANCE_LEGAL_BASIS['zh-CN']}，决定予以受理。承诺办结时限为${input.promisedDays ?? ''}个工作日，至${due}。`,
    deficient_acceptance: `${head}主要申请材料齐全，根据${ACCEPTANCE_LEGAL_BASIS['zh-CN']}及容缺受理有关规定，决定予以容缺受理。请于${due}前补交以下材料：${(input.deferred ?? []).join('、')}。逾期未补交的，终止办理。`,
    correction: `${head}申请材料不齐全或不符合法定形式，根据${ACCEPTANCE_LEGAL_BASIS['zh-CN']}，现一次性告知需要补正的全部内容：\n${list}\n请于${due}前补正后重新提交；逾期未补正的，本次申请办结。`,
    not_accepted: `${head}经审查，不予受理，理由如下：\n${list}\n依据：${ACCEPTANCE_LEGAL_BASIS['zh-CN']}。如不服本决定，可依法申请行政复议或者提起行政诉讼。`,
    correction_expired: `${head}本机关已于此前一次性告知需要补正的内容，您未在期限内补正，本次申请办结。您可重新提出申请。`,
    deficiency_expired: `${head}已于此前容缺受理。您未在承诺期限内补交容缺材料，根据容缺受理承诺，终止办理。`,
    approved: `${head}经审查，决定准予。${list ? `\n${list}` : ''}`,
    refused: `${head}经审查，决定不予准予，理由如下：\n${list}\n如不服本决定，可依法申请行政复议或者提起行政诉讼。`,
    payment_expired: `${head}已决定准予，但您未在缴费期限内缴纳费用，办理结果未予出具，本次办理终止。已缴纳的费用将原路退回。`,
    delivered: `${head}办理结果已送达。${list ? `\n${list}` : ''}`,
  };
  const meta = NOTICE_KINDS[kind];
  return {
    kind,
    title: { 'zh-CN': meta['zh-CN'], en: meta.en },
    number: `${meta.prefix}〔${shanghaiDay(issuedAt).slice(0, 4)}〕${input.caseNo}号`,
    text: `${bodies[kind]}\n\n${dayText(issuedAt)}`,
    issuedAt: issuedAt.toISOString(),
  };
}
