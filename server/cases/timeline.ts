import type { Transaction } from 'sequelize';
import { TimelineEvent } from './timeline-event.model.ts';
import type { Locale, Localized } from '../i18n/locale.ts';
import { deliveryEventLabel } from '../../contract/delivery-events.ts';
import type { TimelineRecord } from './case-records.ts';
import { reportTimelineEntry } from './case-reporting.ts';

/** What can happen to a case, as a person reads it on the timeline. */
export const TIMELINE_TYPES = {
  'case.submitted': { 'zh-CN': '提交申请', en: 'Application submitted' },
  'acceptance.accepted': { 'zh-CN': '受理', en: 'Accepted' },
  'acceptance.not_accepted': { 'zh-CN': '不予受理', en: 'Not accepted' },
  'acceptance.review_requested': { 'zh-CN': '转窗口人工受理', en: 'Sent to a window clerk for acceptance' },
  'acceptance.correction': { 'zh-CN': '一次性告知补正', en: 'Correction required' },
  'case.resubmitted': { 'zh-CN': '补正后重新提交', en: 'Resubmitted after correction' },
  'case.materials_supplied': { 'zh-CN': '补交容缺材料', en: 'Deferred materials handed in' },
  'case.terminated': { 'zh-CN': '终止办理', en: 'Terminated' },
  'bundle.decided': { 'zh-CN': '联办结论', en: 'Joint decision' },
  /** 秒批 (server/instant-approval): the decision table's verdict, with its version, inputs and rules */
  'instant.approved': { 'zh-CN': '秒批：规则判定准予', en: 'Instant approval: approved by the rules' },
  'instant.referred': { 'zh-CN': '秒批未通过，转人工审核', en: 'Not approved instantly: referred to a reviewer' },
  'review.rule_started': { 'zh-CN': '会签开始', en: 'Multi-person review started' },
  'review.rule_decided': { 'zh-CN': '会签结果', en: 'Multi-person review result' },
  'task.signer_added': { 'zh-CN': '加签', en: 'Reviewer added' },
  'task.signer_removed': { 'zh-CN': '减签', en: 'Reviewer removed' },
  'task.taken_over': { 'zh-CN': '代理人接办', en: 'Taken over by a deputy' },
  'case.deadline_warning': { 'zh-CN': '超期预警', en: 'Deadline warning' },
  /** the working calendar changed (a year's State Council arrangement imported, a day set): the due times counted again (server/cases/deadline-reschedule.ts) */
  'case.deadline_rescheduled': { 'zh-CN': '工作日历调整，办理时限重新计算', en: 'Due date counted again after a working calendar change' },
  'task.attachment_added': { 'zh-CN': '审查中补充附件', en: 'File added during review' },
  'case.suspended': { 'zh-CN': '特别程序（暂停计时）', en: 'Suspended (special procedure)' },
  'case.resumed': { 'zh-CN': '特别程序结束（恢复计时）', en: 'Resumed' },
  'case.withdrawn': { 'zh-CN': '申请人撤回', en: 'Withdrawn by the applicant' },
  /** 运维监控 (server/operations): the case started again before a chosen step of its process */
  'case.moved': { 'zh-CN': '运维调整办理环节', en: 'Moved to another step by operations' },
  /** 运维监控: the case's process instance migrated to another version of its process (a batch of the engine) */
  'case.migrated': { 'zh-CN': '迁移到流程新版本', en: 'Migrated to another version of its process' },
  'task.unclaimed': { 'zh-CN': '取消签收', en: 'Task released' },
  'task.transferred': { 'zh-CN': '转办', en: 'Transferred' },
  'task.delegated': { 'zh-CN': '委派', en: 'Delegated' },
  'task.resolved': { 'zh-CN': '委派办理完毕，交还确认', en: 'Delegated work handed back' },
  'task.copied': { 'zh-CN': '抄送', en: 'Copied' },
  'task.urged': { 'zh-CN': '催办', en: 'Urged' },
  'task.sent_back': { 'zh-CN': '退回', en: 'Sent back' },
  'task.taken_back': { 'zh-CN': '撤回', en: 'Taken back' },
  'task.claimed': { 'zh-CN': '签收', en: 'Task claimed' },
  'task.completed': { 'zh-CN': '办理', en: 'Task completed' },
  'case.approved': { 'zh-CN': '办结（准予）', en: 'Closed: approved' },
  'case.refused': { 'zh-CN': '办结（不予）', en: 'Closed: refused' },
  'payment.ordered': { 'zh-CN': '生成缴费订单', en: 'Payment order opened' },
  'payment.received': { 'zh-CN': '缴费成功', en: 'Fee paid' },
  'payment.refunded': { 'zh-CN': '退费', en: 'Fee refunded' },
  'payment.expired': { 'zh-CN': '逾期未缴费', en: 'Fee not paid in time' },
  /** 给付 (server/payments/pay-out.ts): the benefit paid to the applicant through the gateway's transfer */
  'payout.paid': { 'zh-CN': '补贴（津贴）已发放', en: 'Benefit paid' },
  'result.sealed': { 'zh-CN': '电子印章签章', en: 'Document sealed and signed' },
  'e_license.issued': { 'zh-CN': '电子证照入库', en: 'E-license issued' },
  'delivery.started': { 'zh-CN': '出件', en: 'Results dispatched' },
  'delivery.event': { 'zh-CN': '物流动态', en: 'Delivery update' },
  'delivery.delivered': { 'zh-CN': '已送达', en: 'Delivered' },
} satisfies Record<string, Localized>;

export type TimelineType = keyof typeof TIMELINE_TYPES;

/** A timeline entry in words: its type's label; a delivery update names its event (已揽收 …) in the language too. */
export function timelineLabel(e: { type: string; detail?: Record<string, unknown> | null }, locale: Locale): string {
  const label = TIMELINE_TYPES[e.type as TimelineType]?.[locale] ?? e.type;
  const event = e.type === 'delivery.event' && typeof e.detail?.event === 'string' ? e.detail.event : null;
  return event ? `${label}${locale === 'en' ? ': ' : '：'}${deliveryEventLabel(event, locale)}` : label;
}

/**
 * What an entry notes for the people reading the case, in the language: each note of its detail
 * that carries words in both (`message` in Chinese, `en`), such as a sealed document's character
 * no installed font has (document_glyph_unavailable, server/results/seal-document.ts).
 */
export function timelineNotes(e: { detail?: Record<string, unknown> | null }, locale: Locale): string[] {
  const notes = e.detail?.notes;
  if (!Array.isArray(notes)) return [];
  const said = (value: unknown) => (typeof value === 'string' && value ? value : null);
  return notes.flatMap((note: unknown) => {
    if (!note || typeof note !== 'object') return [];
    const { message, en } = note as Record<string, unknown>;
    // a note without English reads in Chinese rather than not at all
    const words = locale === 'en' ? (said(en) ?? said(message)) : said(message);
    return words ? [words] : [];
  });
}

export interface TimelineEntry {
  caseId: number;
  type: TimelineType;
  actor: string;
  detail?: Record<string, unknown>;
  /** a repeat with the same key is a no-op (external task id, inbox task id …) */
  idempotencyKey?: string;
}

/**
 * Records one entry; returns false when an entry with the same idempotency key exists already.
 * An entry the province takes is queued for it in the same transaction (办件数据汇聚, server/reporting).
 */
export async function recordTimeline(entry: TimelineEntry, transaction: Transaction): Promise<boolean> {
  if (entry.idempotencyKey) {
    const existing = await TimelineEvent.findOne({ where: { idempotencyKey: entry.idempotencyKey }, transaction, lock: transaction.LOCK.UPDATE });
    if (existing) return false;
  }
  const row = await TimelineEvent.create(
    { caseId: entry.caseId, type: entry.type, actor: entry.actor, detail: entry.detail ?? {}, idempotencyKey: entry.idempotencyKey ?? null },
    { transaction },
  );
  await reportTimelineEntry(row, transaction);
  return true;
}

/** The timeline entry recorded under that key, if any. */
export async function findTimelineEntry(idempotencyKey: string, transaction?: Transaction): Promise<TimelineRecord | null> {
  return TimelineEvent.findOne({ where: { idempotencyKey }, transaction });
}
