import { fieldProblem, type FieldProblem } from '../problems.ts';

/**
 * 外出代理: the body of PUT /me/deputy, checked by the server (server/inbox/deputies.ts, which also
 * checks the deputy exists and shares a role) and by the staff's dialog before it sends.
 */

/** A deputy stands in for this long at most. */
export const MAX_ABSENCE_DAYS = 90;

export interface DeputyBody {
  deputy: string;
  startsAt: string;
  endsAt: string;
  reason: string;
}

export const deputySchema = {
  type: 'object',
  additionalProperties: false,
  required: ['deputy', 'startsAt', 'endsAt', 'reason'],
  properties: {
    deputy: { type: 'string', minLength: 1, maxLength: 64, title: '代理人', 'x-title-en': 'Deputy' },
    startsAt: { type: 'string', format: 'date-time', title: '开始时间', 'x-title-en': 'Starts at' },
    endsAt: { type: 'string', format: 'date-time', title: '结束时间', 'x-title-en': 'Ends at' },
    reason: { type: 'string', minLength: 1, maxLength: 200, pattern: '\\S', title: '事由', 'x-title-en': 'Reason' },
  },
} as const;

/** What the schema cannot say: the period ends after it starts, not in the past, within 90 days. For a body the schema passed. */
export function deputyRules(body: Pick<DeputyBody, 'startsAt' | 'endsAt'>, now = Date.now()): FieldProblem[] {
  const startsAt = new Date(body.startsAt).getTime();
  const endsAt = new Date(body.endsAt).getTime();
  if (endsAt <= startsAt) return [fieldProblem('endsAt', '结束时间：应晚于开始时间', 'Ends at: must be after the start')];
  if (endsAt <= now) return [fieldProblem('endsAt', '结束时间：已过', 'Ends at: already past')];
  if (endsAt - startsAt > MAX_ABSENCE_DAYS * 86_400_000) {
    return [fieldProblem('endsAt', `结束时间：代理期限最长 ${MAX_ABSENCE_DAYS} 天`, `Ends at: a deputy stands in for ${MAX_ABSENCE_DAYS} days at most`)];
  }
  return [];
}
