import type { Localized } from '../i18n/locale.ts';

/** The case states of DESIGN.md §4, following the provincial case-data states. */
export const CASE_STATUSES = {
  submitted: { 'zh-CN': '申办', en: 'Submitted' },
  correction: { 'zh-CN': '补正', en: 'Correction required' },
  accepted: { 'zh-CN': '受理', en: 'Accepted' },
  not_accepted: { 'zh-CN': '不予受理', en: 'Not accepted' },
  in_review: { 'zh-CN': '审批中', en: 'In review' },
  suspended: { 'zh-CN': '特别程序', en: 'Suspended' },
  approved: { 'zh-CN': '办结·准予', en: 'Approved' },
  refused: { 'zh-CN': '办结·不予', en: 'Refused' },
  /** 一件事 whose items were decided differently */
  partially_approved: { 'zh-CN': '办结·部分准予', en: 'Partially approved' },
  awaiting_payment: { 'zh-CN': '待缴费', en: 'Awaiting payment' },
  delivering: { 'zh-CN': '待送达', en: 'Delivering' },
  delivered: { 'zh-CN': '已送达', en: 'Delivered' },
  withdrawn: { 'zh-CN': '撤回', en: 'Withdrawn' },
  terminated: { 'zh-CN': '终止', en: 'Terminated' },
} satisfies Record<string, Localized>;

export type CaseStatus = keyof typeof CASE_STATUSES;

export const FINAL_STATUSES: readonly CaseStatus[] = ['not_accepted', 'approved', 'refused', 'partially_approved', 'delivered', 'withdrawn', 'terminated'];
