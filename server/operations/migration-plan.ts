import type { AppContext } from '../context.ts';
import { EngineError } from '../engine/client.ts';
import type { ActivityInstance, ProcessDefinition, ProcessInstance } from '../engine/types.ts';
import type { MigrationPlan } from '../engine/migration-types.ts';
import { AppError, fieldProblem, type FieldProblem } from '../errors/app-error.ts';
import type { Locale, Localized } from '../i18n/locale.ts';
import { assertValid } from '../validation/ajv.ts';
import { casesOfInstances } from '../inbox/index.ts';
import { MIGRATION_MAX_INSTANCES, PROCESS_KEY, migrationPlanSchema, type MigrationPlanBody } from '../../contract/requests/migration.ts';
import { MI_BODY, stepIdOf, stepsOfDefinition, type ProcessStep } from './process-steps.ts';

/** A step as the dialog shows it: its id and its name in the BPMN (its id when unnamed). */
export interface StepRef {
  id: string;
  name: string;
}

/** One running instance of the source version and whether the plan carries it over (why not, in words). */
export interface InstanceCheck {
  processInstanceId: string;
  caseNo: string | null;
  steps: StepRef[];
  ok: boolean;
  reason: string | null;
}

/** Flow nodes an instance passes through without resting: the engine's plan has no instruction for them, none is needed. */
const PASSED_THROUGH = new Set(['endEvent', 'intermediateThrowEvent', 'exclusiveGateway']);

const refOf = (steps: ProcessStep[], activityId: string): StepRef => {
  const own = stepIdOf(activityId);
  const name = steps.find((s) => s.id === own)?.name ?? own;
  return { id: activityId, name: activityId.endsWith(MI_BODY) ? `${name}（多实例）` : name };
};

const migrationRefused = (details: FieldProblem[], message: Localized) => new AppError(422, 'validation_failed', details, message);

/** Every deployed version of a process key, newest first; 404 in words for a key the engine has no version of. */
export async function versionsOf(ctx: AppContext, processKey: string): Promise<ProcessDefinition[]> {
  const versions = new RegExp(PROCESS_KEY).test(processKey) ? await ctx.engine.processDefinitionVersions(processKey) : [];
  if (!versions.length)
    throw new AppError(404, 'process_version_not_found', [], {
      'zh-CN': `流程“${processKey}”没有已部署的版本`,
      en: `The process "${processKey}" has no deployed version`,
    });
  return versions;
}

/** GET /operations/migrations/versions/{processKey}: the deployed versions with how many instances run on each. */
export async function migrationVersions(ctx: AppContext, processKey: string) {
  const versions = await versionsOf(ctx, processKey);
  const counted = await Promise.all(
    versions.map(async (d) => ({ version: d.version, processDefinitionId: d.id, name: d.name, running: await ctx.engine.processInstanceCount(d.id) })),
  );
  return { processKey, versions: counted };
}

/** The source and target definitions of a plan's body: 404 for a version that is not deployed, 422 for the same version twice. */
async function definitionsOf(ctx: AppContext, body: MigrationPlanBody) {
  const versions = await versionsOf(ctx, body.processKey);
  const find = (version: number) => {
    const found = versions.find((d) => d.version === version);
    if (!found)
      throw new AppError(404, 'process_version_not_found', [], {
        'zh-CN': `流程“${body.processKey}”没有版本 ${version}（已部署的版本：${versions.map((d) => d.version).join('、')}）`,
        en: `The process "${body.processKey}" has no version ${version} (deployed versions: ${versions.map((d) => d.version).join(', ')})`,
      });
    return found;
  };
  if (body.sourceVersion === body.targetVersion)
    throw migrationRefused([fieldProblem('targetVersion', '迁入版本：不能与迁出版本相同', 'To version: must differ from the from version')], {
      'zh-CN': `迁出和迁入都是版本 ${body.sourceVersion}：请选择另一个版本`,
      en: `Both sides are version ${body.sourceVersion}: choose another version`,
    });
  return { source: find(body.sourceVersion), target: find(body.targetVersion) };
}

/** The activities an instance is in now: every node of its activity tree (scopes too) and those waiting for an asynchronous continuation. */
function activitiesOf(tree: ActivityInstance): string[] {
  const ids: string[] = [];
  const walk = (node: ActivityInstance) => {
    for (const child of node.childActivityInstances) {
      ids.push(child.activityId);
      walk(child);
    }
    for (const transition of node.childTransitionInstances) ids.push(transition.activityId);
  };
  walk(tree);
  return [...new Set(ids)];
}

/** Activity trees read at a time: a version with many instances is not read in one burst. */
const TREES_AT_ONCE = 16;

/** Where each instance is now (null: it ended meanwhile), a few at a time. */
async function treesOf(ctx: AppContext, instances: ProcessInstance[]): Promise<(string[] | null)[]> {
  const trees: (string[] | null)[] = [];
  for (let first = 0; first < instances.length; first += TREES_AT_ONCE) {
    const slice = instances.slice(first, first + TREES_AT_ONCE);
    trees.push(
      ...(await Promise.all(
        slice.map((i) =>
          ctx.engine
            .activityInstances(i.id)
            .then(activitiesOf)
            .catch((err: unknown) => {
              if (err instanceof EngineError && err.status === 404) return null;
              throw err;
            }),
        ),
      )),
    );
  }
  return trees;
}

/** The plan's failures the engine found, in words (the engine says them in English: kept as it says them). */
function planProblems(report: Awaited<ReturnType<AppContext['engine']['validateMigrationPlan']>>, source: ProcessStep[], target: ProcessStep[]) {
  const problems: Localized[] = [];
  for (const { instruction, failures } of report.instructionReports) {
    const from = instruction.sourceActivityIds.map((id) => refOf(source, id).name).join('、');
    const to = instruction.targetActivityIds.map((id) => refOf(target, id).name).join('、');
    for (const failure of failures)
      problems.push({ 'zh-CN': `“${from}”到“${to}”的映射不可执行：${failure}`, en: `The mapping of "${from}" to "${to}" cannot be applied: ${failure}` });
  }
  for (const [name, { failures }] of Object.entries(report.variableReports ?? {}))
    for (const failure of failures) problems.push({ 'zh-CN': `流程变量“${name}”不可设置：${failure}`, en: `The variable "${name}" cannot be set: ${failure}` });
  return problems;
}

export interface MigrationCheck {
  processKey: string;
  source: ProcessDefinition;
  target: ProcessDefinition;
  plan: MigrationPlan;
  instructions: { source: StepRef[]; target: StepRef[]; updateEventTrigger: boolean }[];
  unmapped: (StepRef & { instances: number })[];
  problems: Localized[];
  instances: (Omit<InstanceCheck, 'reason'> & { reason: Localized | null })[];
  /** the source version runs more instances than are checked at once */
  truncated: boolean;
}

/**
 * What a migration from one version to another would do: the engine's generated plan (an
 * instruction for every activity of the same id in both versions), its validation by the engine,
 * and each running instance of the source: an instance in a step the plan has no instruction for
 * would fail (the engine migrates an instance only when every activity it is in is mapped).
 * `chosen`: only these instances are checked (those of them running on the source version).
 */
export async function checkMigration(ctx: AppContext, body: unknown, chosen?: string[]): Promise<MigrationCheck> {
  assertValid<MigrationPlanBody>(migrationPlanSchema, pickPlan(body));
  const { processKey } = body as MigrationPlanBody;
  const { source, target } = await definitionsOf(ctx, body as MigrationPlanBody);
  const plan = await ctx.engine.generateMigrationPlan(source.id, target.id, true);
  const [report, sourceSteps, targetSteps, running] = await Promise.all([
    ctx.engine.validateMigrationPlan(plan),
    stepsOfDefinition(ctx.engine, source.id),
    stepsOfDefinition(ctx.engine, target.id),
    // the chosen instances (those still running on the source), or the first of the source's
    chosen
      ? ctx.engine.processInstances(chosen).then((found) => found.filter((i) => i.definitionId === source.id))
      : ctx.engine.processInstancesOfDefinition(source.id, MIGRATION_MAX_INSTANCES + 1),
  ]);
  const instances = running.slice(0, MIGRATION_MAX_INSTANCES);
  const mapped = new Set(plan.instructions.flatMap((i) => i.sourceActivityIds));
  const [trees, cases] = await Promise.all([
    treesOf(ctx, instances),
    casesOfInstances(
      ctx.engine,
      instances.map((i) => i.id),
    ),
  ]);
  const counts = new Map<string, number>();
  // an instance that ended while it was read is no longer one to migrate
  const still = instances.filter((_i, n) => trees[n] !== null);
  const checked = still.map((instance: ProcessInstance) => {
    const at = trees[instances.indexOf(instance)]!;
    for (const id of at) counts.set(id, (counts.get(id) ?? 0) + 1);
    const missing = at.filter((id) => !mapped.has(id)).map((id) => refOf(sourceSteps, id).name);
    const reason: Localized | null = missing.length
      ? {
          'zh-CN': `办件停留在“${missing.join('、')}”，版本 ${target.version} 中没有对应的环节（迁移计划未映射该环节）`,
          en: `The case is at "${missing.join('", "')}", which has no counterpart in version ${target.version} (the plan does not map that step)`,
        }
      : null;
    return {
      processInstanceId: instance.id,
      caseNo: cases.get(instance.id)?.caseNo ?? instance.businessKey ?? null,
      steps: at.map((id) => refOf(sourceSteps, id)),
      ok: !missing.length,
      reason,
    };
  });
  // a step no token rests in (an end, a throw, an exclusive gateway) needs no instruction: listed only when an instance is there
  const waits = sourceSteps.filter((s) => !PASSED_THROUGH.has(s.type)).map((s) => s.id);
  const unmappedIds = new Set([...waits, ...counts.keys()].filter((id) => !mapped.has(id)));
  return {
    processKey,
    source,
    target,
    plan,
    instructions: plan.instructions.map((i) => ({
      source: i.sourceActivityIds.map((id) => refOf(sourceSteps, id)),
      target: i.targetActivityIds.map((id) => refOf(targetSteps, id)),
      updateEventTrigger: Boolean(i.updateEventTrigger),
    })),
    unmapped: [...unmappedIds].map((id) => ({ ...refOf(sourceSteps, id), instances: counts.get(id) ?? 0 })),
    problems: planProblems(report, sourceSteps, targetSteps),
    instances: checked,
    truncated: running.length > MIGRATION_MAX_INSTANCES,
  };
}

/** The plan's own fields of a body (the start's body has more): checked first, so the plan's problems are named as they are. */
function pickPlan(body: unknown): unknown {
  if (!body || typeof body !== 'object' || Array.isArray(body)) return body;
  const { processKey, sourceVersion, targetVersion } = body as Record<string, unknown>;
  return Object.fromEntries(Object.entries({ processKey, sourceVersion, targetVersion }).filter(([, v]) => v !== undefined));
}

/** POST /operations/migrations/plan: the check as the dialog shows it, in the caller's language. */
export async function migrationPlan(ctx: AppContext, body: unknown, locale: Locale) {
  const check = await checkMigration(ctx, body);
  return {
    processKey: check.processKey,
    source: { version: check.source.version, processDefinitionId: check.source.id, running: check.instances.length },
    target: { version: check.target.version, processDefinitionId: check.target.id },
    instructions: check.instructions,
    unmapped: check.unmapped,
    problems: check.problems.map((p) => p[locale]),
    instances: check.instances.map((i) => ({ ...i, reason: i.reason?.[locale] ?? null })),
    migratable: check.instances.filter((i) => i.ok).length,
    failing: check.instances.filter((i) => !i.ok).length,
    truncated: check.truncated,
  };
}

export { migrationRefused };
