import type { Localized } from './locale.ts';

/**
 * 绿色通道: why a window clerk put a case first (优先办理). Only a clerk sets it, at submission; the
 * case carries the reason, every page that lists the case or its tasks shows it as a tag, and the
 * reviewers' inboxes list its tasks first.
 */
export const PRIORITY_REASONS = ['elderly', 'disabled', 'pregnant', 'serviceman', 'key_project'] as const;
export type PriorityReason = (typeof PRIORITY_REASONS)[number];

export const PRIORITY_REASON_LABELS: Record<PriorityReason, Localized> = {
  elderly: { 'zh-CN': '老年人', en: 'Elderly person' },
  disabled: { 'zh-CN': '残疾人', en: 'Person with a disability' },
  pregnant: { 'zh-CN': '孕妇', en: 'Pregnant woman' },
  serviceman: { 'zh-CN': '军人及优抚对象', en: 'Serviceman or veteran' },
  key_project: { 'zh-CN': '重点项目', en: 'Key project' },
};

/** The tag shown beside a priority case, in both languages. */
export const PRIORITY_TAG: Localized = { 'zh-CN': '绿色通道', en: 'Priority lane' };

/** `priority` of POST /cases (window clerks only). */
export const prioritySchema = {
  type: 'object',
  additionalProperties: false,
  required: ['reason'],
  title: '绿色通道',
  'x-title-en': 'Priority lane',
  properties: {
    reason: {
      type: 'string',
      enum: [...PRIORITY_REASONS],
      title: '优先办理原因',
      'x-title-en': 'Reason for priority',
      description: 'elderly (老年人), disabled (残疾人), pregnant (孕妇), serviceman (军人及优抚对象), key_project (重点项目)',
    },
  },
} as const;

/** The reason with its label in a language, as the API answers it (null: an ordinary case). */
export const priorityOf = (reason: string | null | undefined, locale: keyof Localized) =>
  reason && reason in PRIORITY_REASON_LABELS ? { reason: reason as PriorityReason, label: PRIORITY_REASON_LABELS[reason as PriorityReason][locale] } : null;
