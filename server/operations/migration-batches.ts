import { createHash } from 'node:crypto';
import type { AppContext } from '../context.ts';
import { EngineError, isEngineId } from '../engine/client.ts';
import type { Batch } from '../engine/migration-types.ts';
import { AppError, conflict, fieldProblem, type FieldProblem } from '../errors/app-error.ts';
import { assertValid } from '../validation/ajv.ts';
import { caseTransaction, recordTimeline } from '../cases/index.ts';
import { casesOfInstances } from '../inbox/index.ts';
import { recordAudit } from '../audit/index.ts';
import type { Principal } from '../auth/index.ts';
import { MIGRATION_MAX_INSTANCES, migrationStartSchema, type MigrationStartBody } from '../../contract/requests/migration.ts';
import { checkMigration, migrationRefused } from './migration-plan.ts';

/** The engine's type of a migration batch. */
const MIGRATION_BATCH = 'instance-migration';
/** Submissions this node remembers for their per-instance results (the engine's batch does not name its instances). */
const REMEMBERED = 200;

interface Submitted {
  processKey: string;
  sourceVersion: number;
  targetVersion: number;
  sourceDefinitionId: string;
  targetDefinitionId: string;
  instances: { processInstanceId: string; caseNo: string | null }[];
}
const submitted = new Map<string, Submitted>();

/** The timeline's key of one case's migration in one batch (at most 64 characters, as the column). */
const timelineKey = (batchId: string, caseId: number) => `migration:${createHash('sha256').update(`${batchId}:${caseId}`).digest('hex').slice(0, 40)}`;

/**
 * POST /operations/migrations: the running instances of the source version (all, or those chosen)
 * migrate to the target version as one batch of the engine. Checked again first: a plan the engine
 * finds invalid, or an instance that would fail (a step the plan does not map), is a 422 naming each,
 * and nothing is migrated. The batch, the case timelines (`case.migrated`, at submission: every
 * instance was checked) and the audit entry are made in one transaction: when recording fails, the
 * batch is deleted again.
 */
export async function startMigration(ctx: AppContext, principal: Principal, body: unknown) {
  assertValid<MigrationStartBody>(migrationStartSchema, body);
  const { instanceIds, reason: sent } = body as MigrationStartBody;
  const reason = sent.trim();
  const check = await checkMigration(ctx, body, instanceIds);
  const { source, target } = check;
  const versions = { processKey: check.processKey, sourceVersion: source.version, targetVersion: target.version };
  if (check.problems.length)
    throw migrationRefused(
      check.problems.map((p) => fieldProblem('targetVersion', p['zh-CN'], p.en)),
      {
        'zh-CN': `流程引擎认为从版本 ${source.version} 到版本 ${target.version} 的迁移计划不可执行，未迁移任何办件`,
        en: `The engine finds the plan from version ${source.version} to version ${target.version} invalid; nothing was migrated`,
      },
    );
  if (!instanceIds && check.truncated)
    throw migrationRefused([], {
      'zh-CN': `版本 ${source.version} 有超过 ${MIGRATION_MAX_INSTANCES} 个运行中的实例：请分批选择要迁移的实例`,
      en: `Version ${source.version} runs more than ${MIGRATION_MAX_INSTANCES} instances: choose the instances to migrate in rounds`,
    });
  const byId = new Map(check.instances.map((i) => [i.processInstanceId, i]));
  const problems: FieldProblem[] = [];
  (instanceIds ?? []).forEach((id, n) => {
    if (!byId.has(id))
      problems.push(
        fieldProblem(
          `instanceIds.${n}`,
          `迁移的流程实例：“${id}”不是版本 ${source.version} 运行中的实例（可能已办结或已迁移）`,
          `Instances to migrate: "${id}" is not a running instance of version ${source.version} (it may have ended or been migrated)`,
        ),
      );
  });
  if (problems.length)
    throw migrationRefused(problems, { 'zh-CN': '所选的流程实例有误，未迁移任何办件', en: 'Some chosen instances are wrong; nothing was migrated' });
  const chosen = instanceIds ? instanceIds.map((id) => byId.get(id)!) : check.instances;
  if (!chosen.length)
    throw migrationRefused([], {
      'zh-CN': `版本 ${source.version} 没有运行中的办件，无需迁移`,
      en: `Version ${source.version} has no running instances; nothing to migrate`,
    });
  const failing = chosen.filter((i) => !i.ok);
  if (failing.length)
    throw migrationRefused(
      failing.map((i) =>
        fieldProblem(
          instanceIds ? `instanceIds.${instanceIds.indexOf(i.processInstanceId)}` : 'instances',
          `办件 ${i.caseNo ?? i.processInstanceId}：${i.reason!['zh-CN']}`,
          `Case ${i.caseNo ?? i.processInstanceId}: ${i.reason!.en}`,
        ),
      ),
      {
        'zh-CN': `${failing.length} 个办件无法迁移到版本 ${target.version}，未迁移任何办件：请只选择可迁移的办件，或先调整这些办件的环节`,
        en: `${failing.length} case(s) cannot migrate to version ${target.version}; nothing was migrated: choose only those that can, or move these cases first`,
      },
    );

  const ids = chosen.map((i) => i.processInstanceId);
  const cases = await casesOfInstances(ctx.engine, ids);
  let batch: Batch | undefined;
  try {
    await caseTransaction(async (transaction) => {
      batch = await ctx.engine.migrateAsync(check.plan, ids);
      const detail = { ...versions, batchId: batch.id, reason };
      for (const c of new Map([...cases.values()].map((c) => [c.id, c])).values())
        await recordTimeline(
          { caseId: c.id, type: 'case.migrated', actor: principal.username, detail, idempotencyKey: timelineKey(batch.id, c.id) },
          transaction,
        );
      await recordAudit(
        {
          actor: principal.username,
          action: 'operations.instances_migrated',
          target: check.processKey,
          detail: {
            ...detail,
            sourceDefinitionId: source.id,
            targetDefinitionId: target.id,
            count: ids.length,
            processInstanceIds: ids,
            caseNos: chosen.map((i) => i.caseNo).filter(Boolean),
          },
        },
        transaction,
      );
    });
  } catch (err) {
    if (batch)
      await ctx.engine
        .deleteBatch(batch.id)
        .catch((e: unknown) => ctx.logger.error({ err: e, batchId: batch!.id }, 'a migration batch recorded nowhere could not be deleted'));
    if (err instanceof EngineError && err.status >= 400 && err.status < 500) {
      ctx.logger.warn({ err, ...versions }, 'the engine refused the migration');
      throw conflict('engine_error', {
        'zh-CN': `流程引擎拒绝了这次迁移（可能有办件刚刚办结或变化），未迁移任何办件，请重新生成迁移计划后再试：${err.message}`,
        en: `The engine refused the migration (a case may have just moved on or ended); nothing was migrated; check the plan again and retry: ${err.message}`,
      });
    }
    throw err;
  }
  const started = batch!;
  const instances = chosen.map((i) => ({ processInstanceId: i.processInstanceId, caseNo: i.caseNo }));
  if (submitted.size >= REMEMBERED) submitted.delete(submitted.keys().next().value!);
  submitted.set(started.id, { ...versions, sourceDefinitionId: source.id, targetDefinitionId: target.id, instances });
  ctx.logger.info({ ...versions, batchId: started.id, instances: ids.length }, 'running instances migrating');
  return { batchId: started.id, ...versions, total: ids.length, instances };
}

/** The instance a failed migration job was about: the engine names it in its message ("… process instance 'id' …"). */
function instanceOfFailure(message: string, known: string[]): string | null {
  const named = known.find((id) => message.includes(id));
  if (named) return named;
  return /process instance(?: with id)? '?([A-Za-z0-9_-]{1,64})'?/i.exec(message)?.[1] ?? null;
}

const unknownBatch = () =>
  new AppError(404, 'not_found', [], {
    'zh-CN': '没有这个进行中的迁移批次：批次全部完成后流程引擎即将其清除（结果见审计日志和各办件的办理过程），或编号有误',
    en: 'No such migration batch running: the engine removes a batch once all of it is done (see the audit trail and the cases’ timelines), or the id is wrong',
  });

/**
 * GET /operations/migrations/{batchId}: the batch's progress from the engine (its jobs done,
 * remaining and failed, each failure with its instance, case and the engine's message) and, on the
 * node that started it, where each instance is now. Finished: every job done (the engine deleted
 * the batch) or the ones left failed for good (retries 0: each is an incident of 流程异常 too).
 */
export async function migrationProgress(ctx: AppContext, batchId: string) {
  if (!isEngineId(batchId)) throw unknownBatch();
  let batch: Batch | null = null;
  try {
    batch = await ctx.engine.batch(batchId);
  } catch (err) {
    if (!(err instanceof EngineError && err.status === 404)) throw err;
  }
  if (batch && batch.type !== MIGRATION_BATCH) throw unknownBatch();
  const known = submitted.get(batchId);
  if (!batch && !known) throw unknownBatch();
  const [statistics, jobs] = batch ? await Promise.all([ctx.engine.batchStatistics(batchId), ctx.engine.failedJobsOf(batch.batchJobDefinitionId)]) : [null, []];
  const knownIds = known?.instances.map((i) => i.processInstanceId) ?? [];
  const failures = jobs.map((job) => ({
    jobId: job.id,
    processInstanceId: instanceOfFailure(job.exceptionMessage ?? '', knownIds),
    message: job.exceptionMessage ?? '',
    retries: job.retries,
  }));
  const cases = await casesOfInstances(
    ctx.engine,
    failures.map((f) => f.processInstanceId).filter((id): id is string => Boolean(id)),
  );
  const caseNoOf = (id: string | null) => (id ? (known?.instances.find((i) => i.processInstanceId === id)?.caseNo ?? cases.get(id)?.caseNo ?? null) : null);
  const total = batch?.totalJobs ?? known!.instances.length;
  const remaining = statistics?.remainingJobs ?? 0;
  const failed = statistics?.failedJobs ?? 0;
  let instances = null;
  if (known) {
    const now = new Map((knownIds.length ? await ctx.engine.processInstances(knownIds) : []).map((i) => [i.id, i.definitionId]));
    instances = known.instances.map((i) => {
      const at = now.get(i.processInstanceId);
      const failure = failures.find((f) => f.processInstanceId === i.processInstanceId);
      const state = at === undefined ? 'ended' : at === known.targetDefinitionId ? 'migrated' : failure && failure.retries === 0 ? 'failed' : 'pending';
      return { ...i, state };
    });
  }
  return {
    batchId,
    processKey: known?.processKey ?? null,
    sourceVersion: known?.sourceVersion ?? null,
    targetVersion: known?.targetVersion ?? null,
    total,
    done: total - remaining,
    failed,
    remaining,
    finished: !batch || remaining === failed,
    failures: failures.map((f) => ({ ...f, caseNo: caseNoOf(f.processInstanceId) })),
    instances,
  };
}
