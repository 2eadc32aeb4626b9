import { recordAudit } from '../audit/index.ts';
import type { AppContext } from '../context.ts';
import type { Principal } from '../auth/index.ts';
import { AppError, fieldProblem, validationFailed } from '../errors/app-error.ts';
import { EngineError } from '../engine/client.ts';
import type { DecisionDefinition, Variables } from '../engine/types.ts';
import type { DecisionModel, DecisionTable } from '../../contract/dmn/decision-model.ts';
import { checkDecisionModel, decisionReads } from '../../contract/dmn/decision-policy.ts';
import { BpmnRefused } from './bpmn-refused.ts';
import { preflight } from './deployment-policy.ts';
import { decisionVariables, EVALUATIONS, NO_RULE, readDecisionModel, ruleHitsOf, UNNAMED_RULES } from '../rules/index.ts';
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
  const results = await evaluate(ctx, definition.id, variables);
  await pruneDrafts(ctx, tenantId, definition.deploymentId);
  return { decisionKey: table.id, results, problems };
}

/**
 * An analyst's tenant keeps the draft last tried only: every older draft deployment is removed
 * (the next try of another file deploys it again). A failure is logged: the 试算 stands.
 */
async function pruneDrafts(ctx: AppContext, tenantId: string, keep: string): Promise<void> {
  try {
    for (const d of (await ctx.engine.tenantDeployments(tenantId)).filter((x) => x.id !== keep)) await ctx.engine.deleteDeployment(d.id);
  } catch (err) {
    ctx.logger.warn({ err, tenantId }, 'removing older draft deployments failed');
  }
}

/**
 * 规则命中统计: for each version of a decision that decided cases, how many times, and how often each
 * rule hit (with its description and outputs, to read the outcome by), how often none did, and how
 * often the rules behind an answer could not be named (server/rules/rule-hits.ts).
 */
export async function decisionHits(ctx: AppContext, key: string) {
  const { versions } = await deployedTable(ctx, key);
  const counters = await ruleHitsOf(key);
  const answer = [];
  for (const version of [...new Set(counters.map((c) => c.version))]) {
    const definition = versions.find((v) => v.version === version);
    const table = definition ? (await readDecisionModel(await ctx.engine.decisionXml(definition.id))).decisions.find((d) => d.id === key) : undefined;
    const count = (ruleId: string) => counters.find((c) => c.version === version && c.ruleId === ruleId)?.hits ?? 0;
    answer.push({
      version,
      evaluations: count(EVALUATIONS),
      noRule: count(NO_RULE),
      unnamed: count(UNNAMED_RULES),
      rules: (table?.rules ?? []).map((r, i) => ({
        id: r.id,
        index: i + 1,
        description: r.description,
        outputs: Object.fromEntries(table!.outputs.map((o, j) => [o.name ?? o.id, r.outputEntries[j]?.text ?? ''])),
        hits: count(r.id),
      })),
    });
  }
  return { key, versions: answer };
}
