import { DmnModdle } from 'dmn-moddle';
import camundaDescriptor from 'camunda-dmn-moddle/resources/camunda.json' with { type: 'json' };
import type { ModdleElement } from '../../contract/bpmn/lint/moddle.ts';
import type { DecisionExpression, DecisionModel, DecisionTable } from '../../contract/dmn/decision-model.ts';

/**
 * Reading DMN 1.3 with dmn-moddle (+ the Camunda extensions) into the decision policy's model
 * (contract/dmn/decision-model.ts). saxen, its parser, never expands entities or fetches anything;
 * DOCTYPE is refused before parsing all the same (deployment-policy.ts preflight).
 */
const moddle = new DmnModdle({ camunda: camundaDescriptor });

const list = (v: unknown) => (Array.isArray(v) ? (v as ModdleElement[]) : []);
const str = (v: unknown) => (typeof v === 'string' ? v : null);

function expression(e: ModdleElement | undefined, inherited: string | null): DecisionExpression {
  return { id: e?.id ?? '', text: str(e?.text) ?? '', language: str(e?.expressionLanguage) ?? inherited };
}

function table(decision: ModdleElement, inherited: string | null): DecisionTable {
  const logic = decision.decisionLogic as ModdleElement | undefined;
  const requires = list(decision.informationRequirement)
    .map((r) => str((r.requiredDecision as ModdleElement | undefined)?.href))
    .filter((h): h is string => h !== null)
    .map((h) => h.replace(/^#/, ''));
  const base = {
    id: decision.id ?? '',
    name: str(decision.name),
    historyTimeToLive: str(decision.get('camunda:historyTimeToLive')),
    requires,
  };
  if (!logic || logic.$type !== 'dmn:DecisionTable') {
    return { ...base, logic: logic?.$type.replace(/^dmn:/, '') ?? 'none', hitPolicy: '', aggregation: null, inputs: [], outputs: [], rules: [] };
  }
  return {
    ...base,
    logic: 'decisionTable',
    hitPolicy: str(logic.hitPolicy) ?? 'UNIQUE',
    aggregation: str(logic.aggregation),
    inputs: list(logic.input).map((i) => {
      const e = i.inputExpression as ModdleElement | undefined;
      return { id: i.id ?? '', label: str(i.label), expression: expression(e, inherited), typeRef: str(e?.typeRef) };
    }),
    outputs: list(logic.output).map((o) => ({ id: o.id ?? '', name: str(o.name), label: str(o.label), typeRef: str(o.typeRef) })),
    rules: list(logic.rule).map((r) => ({
      id: r.id ?? '',
      description: str(r.description),
      inputEntries: list(r.inputEntry).map((e) => expression(e, inherited)),
      outputEntries: list(r.outputEntry).map((e) => expression(e, inherited)),
    })),
  };
}

/** Parses DMN 1.3 XML into its decisions; throws on XML that is not well formed or not DMN definitions. */
export async function readDecisionModel(xml: string): Promise<DecisionModel> {
  const { rootElement } = await moddle.fromXML(xml, 'dmn:Definitions');
  const inherited = str(rootElement.expressionLanguage);
  const decisions = list(rootElement.drgElement).filter((e) => e.$type === 'dmn:Decision');
  return { id: rootElement.id ?? '', name: str(rootElement.name), decisions: decisions.map((d) => table(d, inherited)) };
}
