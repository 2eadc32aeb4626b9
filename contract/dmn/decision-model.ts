/**
 * A DMN 1.3 file as the decision policy reads it: its decisions, each a decision table with its
 * inputs, outputs and rules, the expressions as written. The server reads it from the XML
 * (server/decisions/dmn-xml.ts); the browser's decision editor from dmn-js's model, the same way.
 */
export interface DecisionExpression {
  id: string;
  text: string;
  /** the expression language named on it or inherited (null: the engine's default, FEEL) */
  language: string | null;
}

export interface DecisionInput {
  id: string;
  label: string | null;
  expression: DecisionExpression;
  typeRef: string | null;
}

export interface DecisionOutput {
  id: string;
  name: string | null;
  label: string | null;
  typeRef: string | null;
}

export interface DecisionRule {
  id: string;
  description: string | null;
  inputEntries: DecisionExpression[];
  outputEntries: DecisionExpression[];
}

export interface DecisionTable {
  /** the decision's id: its key on the engine */
  id: string;
  name: string | null;
  /** the decision's logic, when it is not a decision table (a literal expression …) */
  logic: 'decisionTable' | string;
  hitPolicy: string;
  aggregation: string | null;
  historyTimeToLive: string | null;
  inputs: DecisionInput[];
  outputs: DecisionOutput[];
  rules: DecisionRule[];
  /** the decisions it requires (a DRD) */
  requires: string[];
}

export interface DecisionModel {
  id: string;
  name: string | null;
  decisions: DecisionTable[];
}
