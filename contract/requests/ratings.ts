import { fieldProblem, type FieldProblem } from '../problems.ts';

/**
 * 好差评: the body of POST /cases/{caseNo}/rating, checked by the server (server/ratings) and by the
 * applicant's page before it sends. A 差评's rectification is a problem (contract/requests/problems.ts).
 */

/** Why a rating is bad: the reasons a 差评 may name (the server says them in words: RATING_REASONS). */
export const RATING_REASON_CODES = ['slow', 'repeat_visits', 'unclear_guide', 'attitude', 'system', 'other'] as const;
export type RatingReason = (typeof RATING_REASON_CODES)[number];

/** Levels 1 … 5; up to this one a rating is 差评: it names its reasons and raises a problem (问题闭环). */
export const BAD_LEVEL = 2;

export interface RatingBody {
  level: number;
  comment?: string;
  reasons?: string[];
}

export const ratingSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['level'],
  properties: {
    level: { type: 'integer', minimum: 1, maximum: 5, title: '评价等级', 'x-title-en': 'Level' },
    comment: { type: 'string', maxLength: 500, title: '评价内容', 'x-title-en': 'Comment' },
    reasons: {
      type: 'array',
      maxItems: 6,
      uniqueItems: true,
      items: { type: 'string', enum: [...RATING_REASON_CODES] },
      title: '不满意原因',
      'x-title-en': 'Reasons',
    },
  },
} as const;

/** What the schema cannot say: a 差评 names at least one reason, and "other" says what in the comment. For a body the schema passed. */
export function ratingRules(body: RatingBody): FieldProblem[] {
  const reasons = body.reasons ?? [];
  if (body.level <= BAD_LEVEL && reasons.length === 0) {
    return [fieldProblem('reasons', '不满意原因：差评（1–2 级）请至少选择一项原因', 'reasons: a bad rating (level 1–2) needs at least one reason')];
  }
  if (reasons.includes('other') && !body.comment?.trim()) {
    return [fieldProblem('comment', '评价内容：选择“其他”时请写明原因', 'comment: say what went wrong when choosing "other"')];
  }
  return [];
}
