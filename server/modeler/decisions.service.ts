import { recordAudit } from '../audit/index.ts';
import type { AppContext } from '../context.ts';
import type { Principal } from '../auth/index.ts';
import { AppError, fieldProblem, validationFailed } from '../errors/app-error.ts';
import { EngineError } from '../engine/client.ts';
import type { DecisionDefinition, Variables } from '../engine/types.ts';
import type { DecisionModel, DecisionTable } from '../../contract/dmn/decision-model.ts';
import { checkDecisionModel, decisionReads } from '../../contract/dmn/decision-policy.ts';
import type { FieldProblem } from '../../contract/problems.ts';
import { BpmnRefused } from './bpmn-refused.ts';
import { preflight } from './deployment-policy.ts';
import { readDecisionModel } from './dmn-xml.ts';
import { hasErrors, problem, type Problem } from './problems.ts';

/**
 * 决策表 (DMN 1.3) of the analysts' modeler (issue 19, docs/decisions.md): checked by the policy
 * (contract/dmn/decision-policy.ts), deployed to the engine, versioned by it (one version per change
 * of a decision), tried on sample inputs. A draft is tried on the engine itself, deployed for the
 * analyst's own tenant (`draft-<user id>`), which no process and no other analyst sees; the
 * platform's decisions have no tenant.
 */

const notFound = () => new AppError(404, 'decision_not_found');
const draftTenant = (principal: Principal) => `draft-${principal.id}`;

/** The policy's findings about a DMN file, and its model when it could be read. */
export async function checkDmn(xml: string): Promise<{ model: DecisionModel | null; problems: Problem[] }> {
  const before = preflight(xml);
  if (hasErrors(before)) return { model: null, problems: before };
  let model: DecisionModel;
  try {
    model = await readDecisionModel(xml);
  } catch (err) {
    const reason = (err as Error).message.split('\n')[0]!.slice(0, 200);
    return { model: null, problems: [problem('parse/dmn', `文件不是可读的 DMN 1.3：${reason}`, `The file is not readable DMN 1.3: ${reason}`)] };
  }
  return { model, problems: checkDecisionModel(model) };
}

/** The model of a file that passed the policy, or the refusal with every problem. */
async function acceptable(xml: string): Promise<{ model: DecisionModel; problems: Problem[] }> {
  const { model, problems } = await checkDmn(xml);
  if (!model) throw new BpmnRefused('dmn_unreadable', problems);
  if (hasErrors(problems)) throw new BpmnRefused('dmn_refused', problems);
  return { model, problems };
}

/** Deploys the file for a tenant (none: the platform's); the engine's own refusal is the analyst's to fix, as ours. */
async function deployModel(ctx: AppContext, name: string, model: DecisionModel, xml: string, tenantId?: string) {
  try {
    return await ctx.engine.deploy(name, [{ name: `${model.id || 'decisions'}.dmn`, content: xml }], tenantId);
  } catch (err) {
    if (err instanceof EngineError && err.status >= 400 && err.status < 500) {
      throw new BpmnRefused('dmn_refused', [
        problem('engine/parse', `流程引擎拒绝了该决策表：${err.message}`, `The process engine refused the decision table: ${err.message}`),
      ]);
    }
    throw err;
  }
}

const view = (d: DecisionDefinition) => ({ id: d.id, key: d.key, name: d.name, version: d.version, versionTag: d.versionTag });

/**
 * Deploys a DMN file's decisions (analysts): the policy first (refused: nothing reaches the engine,
 * the refusal is audited); a decision whose table did not change gets no new version.
 */
export async function deployDecisions(ctx: AppContext, principal: Principal, xml: string) {
  let checked: Awaited<ReturnType<typeof acceptable>>;
  try {
    checked = await acceptable(xml);
  } catch (err) {
    if (err instanceof BpmnRefused) {
      await recordAudit({
        actor: principal.username,
        action: 'modeler.decision_deploy_refused',
        target: 'decisions',
        outcome: 'failure',
        detail: { rules: [...new Set(err.problems.filter((p) => p.severity === 'error').map((p) => p.rule))] },
      });
    }
    throw err;
  }
  const { model, problems } = checked;
  const deployment = await deployModel(ctx, `decisions:${model.id || model.decisions[0]!.id}`, model, xml);
  const created = Object.values(deployment.deployedDecisionDefinitions ?? {});
  const keys = model.decisions.map((d) => d.id);
  const latest = (await Promise.all(keys.map((key) => ctx.engine.decisionDefinitions({ key, latestVersion: true })))).flat();
  if (created.length) {
    await recordAudit({
      actor: principal.username,
      action: 'modeler.decision_deployed',
      target: `decisions:${keys.join(',')}`,
      detail: { deploymentId: deployment.id, versions: created.map((d) => `${d.key}@${d.version}`) },
    });
  }
  return { deployed: created.length > 0, decisions: latest.map(view), problems };
}

/** The platform's decisions, the latest version of each, with what each reads and gives. */
export async function listDecisions(ctx: AppContext) {
  const latest = await ctx.engine.decisionDefinitions({ latestVersion: true });
  return { decisions: latest.sort((a, b) => a.key.localeCompare(b.key)).map(view) };
}

/** A decision's table as deployed (a version, or the latest), with every version of it. */
async function deployedTable(
  ctx: AppContext,
  key: string,
  version?: number,
): Promise<{ definition: DecisionDefinition; versions: DecisionDefinition[]; table: DecisionTable; xml: string }> {
  const versions = await ctx.engine.decisionDefinitions({ key });
  const definition = version === undefined ? versions[0] : versions.find((v) => v.version === version);
  if (!definition) throw notFound();
  const xml = await ctx.engine.decisionXml(definition.id);
  const table = (await readDecisionModel(xml)).decisions.find((d) => d.id === key);
  if (!table) throw notFound();
  return { definition, versions, table, xml };
}

const shape = (table: DecisionTable) => ({
  hitPolicy: table.hitPolicy,
  reads: decisionReads(table),
  inputs: table.inputs.map((i) => ({ label: i.label, expression: i.expression.text, typeRef: i.typeRef })),
  outputs: table.outputs.map((o) => ({ name: o.name, label: o.label, typeRef: o.typeRef })),
  rules: table.rules.length,
});

export async function decisionDetail(ctx: AppContext, key: string, version?: number) {
  const { definition, versions, table, xml } = await deployedTable(ctx, key, version);
  return { ...view(definition), ...shape(table), xml, versions: versions.map(view) };
}

const BARE_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** A value as the engine's typed variable for an input's type (a date: the engine's date format). */
function typed(value: unknown, typeRef: string | null, name: string, problems: FieldProblem[]): Variables[string] | undefined {
  const wrong = (zh: string, en: string) => void problems.push(fieldProblem(`inputs.${name}`, `${name}：${zh}`, `${name}: ${en}`));
  if (value === null) return { value: null, type: 'Null' };
  switch (typeRef) {
    case 'integer':
    case 'long':
      if (!Number.isSafeInteger(value)) return wrong('须为整数', 'must be a whole number');
      return { value, type: typeRef === 'integer' ? 'Integer' : 'Long' };
    case 'double':
      if (typeof value !== 'number' || !Number.isFinite(value)) return wrong('须为数字', 'must be a number');
      return { value, type: 'Double' };
    case 'boolean':
      if (typeof value !== 'boolean') return wrong('须为 true 或 false', 'must be true or false');
      return { value, type: 'Boolean' };
    case 'date': {
      const at = typeof value === 'string' && /^\d{4}-\d{2}-\d{2}/.test(value) ? new Date(value.length === 10 ? `${value}T00:00:00+08:00` : value) : null;
      if (!at || Number.isNaN(at.getTime())) return wrong('须为日期（如 2026-12-07）', 'must be a date (e.g. 2026-12-07)');
      return { value: at.toISOString().replace('Z', '+0000'), type: 'Date' };
    }
    case 'string':
      if (typeof value !== 'string') return wrong('须为文本', 'must be text');
      return { value, type: 'String' };
    default:
      if (typeof value === 'object') return { value: JSON.stringify(value), type: 'Json' };
      return { value, type: typeof value === 'number' ? (Number.isInteger(value) ? 'Long' : 'Double') : typeof value === 'boolean' ? 'Boolean' : 'String' };
  }
}

/**
 * The sample inputs as the engine's variables: by the input's type where an input reads a variable
 * by its bare name, as JSON where it reads into an object; a variable the decision does not read is
 * refused (422), a missing one is null (FEEL's rules see it as such).
 */
export function decisionVariables(table: DecisionTable, inputs: Record<string, unknown>): Variables {
  const reads = decisionReads(table);
  const problems: FieldProblem[] = [];
  for (const name of Object.keys(inputs).filter((n) => !reads.includes(n))) {
    problems.push(
      fieldProblem(
        `inputs.${name}`,
        `${name}：决策表不读取该输入（读取：${reads.join('、')}）`,
        `${name}: the decision does not read it (it reads ${reads.join(', ')})`,
      ),
    );
  }
  const variables: Variables = {};
  for (const name of reads) {
    const input = table.inputs.find((i) => i.expression.text.trim() === name && BARE_NAME.test(name));
    const value = typed(inputs[name] ?? null, input ? input.typeRef : null, name, problems);
    if (value) variables[name] = value;
  }
  if (problems.length) throw validationFailed(problems);
  return variables;
}

/** Evaluates one version of a decision: each matched rule's outputs (or the aggregate), as plain values. */
async function evaluate(ctx: AppContext, definitionId: string, variables: Variables) {
  try {
    const results = await ctx.engine.evaluateDecision(definitionId, variables);
    return results.map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, v.value])));
  } catch (err) {
    // the engine could not evaluate these inputs (a type FEEL cannot compare, a UNIQUE table with two matches)
    if (err instanceof EngineError && err.status >= 400 && err.status < 500) {
      throw validationFailed([
        fieldProblem('inputs', `决策表无法按这些输入求值：${err.message}`, `The decision cannot be evaluated with these inputs: ${err.message}`),
      ]);
    }
    throw err;
  }
}

/** 试算 of a deployed decision (a version, or the latest) on sample inputs. */
export async function evaluateDeployed(ctx: AppContext, key: string, body: { version?: number; inputs: Record<string, unknown> }) {
  const { definition, table } = await deployedTable(ctx, key, body.version);
  const results = await evaluate(ctx, definition.id, decisionVariables(table, body.inputs));
  return { decision: view(definition), results };
}

/** 试算 of a draft: checked by the policy, deployed for the analyst's own tenant, evaluated there. */
export async function tryDraft(ctx: AppContext, principal: Principal, body: { xml: string; decisionKey?: string; inputs: Record<string, unknown> }) {
  const { model, problems } = await acceptable(body.xml);
  const table = body.decisionKey ? model.decisions.find((d) => d.id === body.decisionKey) : model.decisions[0];
  if (!table)
    throw validationFailed([fieldProblem('decisionKey', `决策：文件中没有“${body.decisionKey}”`, `decisionKey: the file has no "${body.decisionKey}"`)]);
  const variables = decisionVariables(table, body.inputs);
  const tenantId = draftTenant(principal);
  await deployModel(ctx, `draft:${principal.id}:${model.id || table.id}`, model, body.xml, tenantId);
  const [definition] = await ctx.engine.decisionDefinitions({ key: table.id, latestVersion: true, tenantId });
  if (!definition) throw notFound();
  return { decisionKey: table.id, results: await evaluate(ctx, definition.id, variables), problems };
}
