import { fieldProblem, type FieldProblem } from '../problems.ts';
import { OUTCOMES, type AcceptanceDecisionKind, type Outcome } from '../topics.ts';

/**
 * 办理: the body of POST /tasks/{id}/complete. A reviewer or leader approves or rejects with an
 * opinion; a window clerk's 人工受理 task (acceptance_review) decides acceptance instead, a 补正 or
 * 不予受理 with its reasons. Checked by the server (server/inbox/tasks.service.ts, which also checks
 * the outcome fits the task) and by the completion dialog before it sends.
 */

/** What a clerk may decide at acceptance_review (the machine's "review" is not among them). */
export const CLERK_DECISIONS = ['accepted', 'correction', 'not_accepted'] as const satisfies readonly AcceptanceDecisionKind[];
export type ClerkDecision = (typeof CLERK_DECISIONS)[number];

export interface Completion {
  outcome: Outcome | ClerkDecision;
  opinion: string;
  reasons?: string[];
}

export const completionSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['outcome', 'opinion'],
  properties: {
    outcome: { type: 'string', enum: [...OUTCOMES, ...CLERK_DECISIONS], title: '办理结果', 'x-title-en': 'Outcome' },
    opinion: { type: 'string', minLength: 1, maxLength: 2000, pattern: '\\S', title: '审批意见', 'x-title-en': 'Opinion' },
    reasons: {
      type: 'array',
      maxItems: 50,
      title: '补正或不予受理的理由',
      'x-title-en': 'Reasons for correction or refusal',
      items: { type: 'string', minLength: 1, maxLength: 500, pattern: '\\S', title: '理由', 'x-title-en': 'Reason' },
    },
  },
} as const;

/** What the schema cannot say: a refusal to accept gives its reasons (行政许可法 Art. 32: 不予受理 in writing, with reasons). */
export function completionRules(body: Pick<Completion, 'outcome' | 'reasons'>): FieldProblem[] {
  if (body.outcome === 'not_accepted' && !(body.reasons ?? []).length)
    return [fieldProblem('reasons', '不予受理理由：不予受理须说明理由', 'Reasons: a refusal to accept must give its reasons')];
  return [];
}
