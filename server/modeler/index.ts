/**
 * 流程建模 (the analysts' modeler), the public entry: its routes are mounted by server/app.ts; the
 * start checks the decision tables shipped in processes/ with the analysts' policy.
 */
export { checkShippedDecisions } from './shipped-decisions.ts';
