/**
 * 办件数据汇聚 (server/reporting): the system administrator's bodies on the outbox page — a
 * reconciliation of a day asked for now, and a resend of dead letters. The server validates with these.
 */

export const reconcileDaySchema = {
  type: 'object',
  additionalProperties: false,
  required: ['day'],
  properties: {
    day: { type: 'string', format: 'date', title: '对账日期', 'x-title-en': 'Day to reconcile' },
  },
} as const;

export interface ReconcileDayBody {
  day: string;
}

/** Which dead letters to resend: those named, or every one with `all: true` (never by default). */
export const resendDeadLettersSchema = {
  type: 'object',
  additionalProperties: false,
  minProperties: 1,
  maxProperties: 1,
  properties: {
    all: { const: true, title: '全部重发', 'x-title-en': 'Resend all' },
    ids: {
      type: 'array',
      minItems: 1,
      maxItems: 500,
      uniqueItems: true,
      items: { type: 'integer', minimum: 1 },
      title: '重发的事件',
      'x-title-en': 'Events to resend',
    },
  },
} as const;

export type ResendDeadLettersBody = { ids: number[] } | { all: true };
