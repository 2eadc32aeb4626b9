import type { EngineClient } from '../engine/client.ts';
import type { DecisionDefinition } from '../engine/types.ts';
import type { DecisionTable } from '../../contract/dmn/decision-model.ts';
import { decisionReads } from '../../contract/dmn/decision-policy.ts';
import { matchRules } from '../../contract/dmn/match-rules.ts';
import { decisionVariables } from './decision-variables.ts';
import { readDecisionModel } from './dmn-xml.ts';

/** What a decision table decided for one case: the version, what it read, what it answered and the rules behind it. */
export interface TableDecision {
  decision: { id: string; key: string; version: number; name: string | null };
  /** the inputs the table reads, with the values it was given (null: not there) */
  inputs: Record<string, unknown>;
  /** the engine's answer: the outputs of each matched rule (or the aggregate) */
  outputs: Record<string, unknown>[];
  /** the ids of the rules hit (../../contract/dmn/match-rules.ts); null where they could not be named */
  rules: string[] | null;
}

/** No decision of that key is deployed (without tenant: the platform's, not an analyst's draft). */
export class DecisionNotDeployedError extends Error {
  constructor(readonly key: string) {
    super(`decision ${key} is not deployed`);
    this.name = 'DecisionNotDeployedError';
  }
}

/** The tables read, by definition id (a definition never changes): at 5 cases a second each is read once. */
const tables = new Map<string, DecisionTable>();
const TABLES_KEPT = 200;

async function tableOf(engine: EngineClient, definition: DecisionDefinition): Promise<DecisionTable> {
  const known = tables.get(definition.id);
  if (known) return known;
  const table = (await readDecisionModel(await engine.decisionXml(definition.id))).decisions.find((d) => d.id === definition.key);
  if (!table) throw new DecisionNotDeployedError(definition.key);
  if (tables.size >= TABLES_KEPT) tables.delete(tables.keys().next().value!);
  tables.set(definition.id, table);
  return table;
}

/** The latest version of every deployed decision (the platform's, without a tenant), as tables. */
export async function latestDecisionTables(engine: EngineClient): Promise<DecisionTable[]> {
  const latest = await engine.decisionDefinitions({ latestVersion: true });
  return Promise.all(latest.map((d) => tableOf(engine, d)));
}

/**
 * Decides with the latest version of a deployed decision: the engine evaluates that version (by its
 * id, so the version recorded is the one that decided) with the values of what the table reads,
 * taken from `values` (typed as its inputs say; a value of the wrong type is a 422 naming it, as in
 * 试算). Throws DecisionNotDeployedError when there is none.
 */
export async function decideByTable(engine: EngineClient, key: string, values: Record<string, unknown>): Promise<TableDecision> {
  const [definition] = await engine.decisionDefinitions({ key, latestVersion: true });
  if (!definition) throw new DecisionNotDeployedError(key);
  const table = await tableOf(engine, definition);
  const inputs = Object.fromEntries(decisionReads(table).map((name) => [name, values[name] ?? null]));
  const results = await engine.evaluateDecision(definition.id, decisionVariables(table, inputs));
  const match = matchRules(table, inputs);
  return {
    decision: { id: definition.id, key: definition.key, version: definition.version, name: definition.name },
    inputs,
    outputs: results.map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, v.value]))),
    rules: match.certain ? match.rules : null,
  };
}
