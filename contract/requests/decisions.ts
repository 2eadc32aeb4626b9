/**
 * 决策表 (DMN 1.3) in the analysts' modeler: the bodies of POST /modeler/decisions (deploy),
 * /modeler/decisions/check, /modeler/decisions/try (a draft on sample inputs) and
 * /modeler/decisions/{key}/evaluate (a deployed version on sample inputs).
 */
const xml = { type: 'string', minLength: 1, title: 'DMN XML', 'x-title-en': 'DMN XML' } as const;
/** sample inputs: a variable the decision reads → its value (a number, text, true/false, a date as text, or an object) */
const inputs = { type: 'object', maxProperties: 50, title: '试算输入', 'x-title-en': 'Sample inputs' } as const;

export const decisionXmlSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['xml'],
  properties: { xml },
} as const;

export const tryDecisionSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['xml', 'inputs'],
  properties: {
    xml,
    decisionKey: { type: 'string', minLength: 1, maxLength: 64, title: '决策', 'x-title-en': 'Decision' },
    inputs,
  },
} as const;

export const evaluateDecisionSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['inputs'],
  properties: {
    version: { type: 'integer', minimum: 1, title: '版本', 'x-title-en': 'Version' },
    inputs,
  },
} as const;

export interface TryDecisionBody {
  xml: string;
  decisionKey?: string;
  inputs: Record<string, unknown>;
}

export interface EvaluateDecisionBody {
  version?: number;
  inputs: Record<string, unknown>;
}
