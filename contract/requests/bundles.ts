/**
 * 一件事 场景式导航: the body of POST /bundles/{code}/plan, the questionnaire's answers (and whether an
 * agent files), checked by the server (server/catalog/bundles.controller.ts) and by the applicant's
 * and the window's pages before they send. The answers themselves are checked against the bundle's
 * questions by the server (server/catalog/situations.ts: a schema made from the questions, which
 * the analysts edit at run time), as an item's application form is.
 */
export const bundlePlanSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['answers'],
  properties: {
    answers: { type: 'object', title: '情形问答', 'x-title-en': 'Answers' },
    byAgent: { type: 'boolean', title: '委托代理', 'x-title-en': 'Filed by an agent' },
  },
} as const;

export interface BundlePlanBody {
  /** each question's answer by its code: yes/no, or the option chosen (checked against the questions by the server) */
  answers: Record<string, unknown>;
  byAgent?: boolean;
}
