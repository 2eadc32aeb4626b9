/**
 * 规则 at run time (issue 19): decision tables (DMN 1.3) read from their XML, given typed inputs,
 * evaluated on the engine for a case (秒批, 免申即享) and their rule hits counted. The analysts'
 * side (drawing, checking, deploying, 试算) is server/modeler's, which uses this.
 */
export { readDecisionModel } from './dmn-xml.ts';
export { decisionVariables } from './decision-variables.ts';
export { decideByTable, DecisionNotDeployedError, latestDecisionTables, type TableDecision } from './decide-by-table.ts';
export { countRuleHits, ruleHitsOf, EVALUATIONS, NO_RULE, UNNAMED_RULES } from './rule-hits.ts';
