import type { AppContext } from '../context.ts';
import { EngineError, isEngineId } from '../engine/client.ts';
import type { Incident, VariableValue } from '../engine/types.ts';
import { AppError, conflict, fieldProblem, notFound, validationFailed, type FieldProblem } from '../errors/app-error.ts';
import { ERROR_MESSAGES } from '../errors/messages.ts';
import type { Locale } from '../i18n/locale.ts';
import { assertValid } from '../validation/ajv.ts';
import { targetOfCase, type CaseRecord } from '../cases/index.ts';
import { casesOfInstances } from '../inbox/index.ts';
import { recordAudit } from '../audit/index.ts';
import type { Principal } from '../auth/index.ts';
import { batchRetrySchema, incidentRetryRules, incidentRetrySchema, type IncidentRetryBody } from '../../contract/requests/operations.ts';
import { stepName } from './process-steps.ts';
import { shanghaiTime } from '../calendar/index.ts';

/** The kinds of incident the console retries: an external task's or a job's retries ran out. */
export const RETRYABLE = { failedExternalTask: 'external task', failedJob: 'job' } as const;
/** How many lines of an error's details the console shows (the first lines say what went wrong). */
const DETAIL_LINES = 8;
/** Incidents read from the engine at a time. */
const PAGE = 1000;
/** At most this many open incidents are listed: past it, the filters narrow the list. */
const MAX_INCIDENTS = 20_000;

export interface IncidentRow {
  id: string;
  type: string;
  retryable: boolean;
  caseNo: string | null;
  item: { code: string; name: string } | null;
  departmentCode: string | null;
  regionCode: string | null;
  step: { id: string; name: string };
  error: { message: string; details: string | null };
  retries: number | null;
  since: string;
  processInstanceId: string;
  annotation: string | null;
}

/** The engine's time ("2026-01-02T10:11:12.123+0800") as an ISO instant. */
export function engineInstant(value: string | null | undefined): string {
  if (!value) return new Date(0).toISOString();
  const at = new Date(value.replace(/([+-]\d{2})(\d{2})$/, '$1:$2'));
  return Number.isNaN(at.getTime()) ? value : at.toISOString();
}

/** The engine's time as a person reads it in a message: Beijing time to the minute ("2026-01-02 10:11"). */
export const engineTimeInWords = (value: string | null | undefined): string => shanghaiTime(new Date(engineInstant(value)));

/** Whether an incident is where a failure began (one in a called instance raises one in the caller too). */
const isRootCause = (i: Incident) => !i.rootCauseIncidentId || i.rootCauseIncidentId === i.id;

/** Every open incident where a failure began, oldest first. */
export async function openRootIncidents(ctx: AppContext, query: Record<string, string> = {}): Promise<Incident[]> {
  const all: Incident[] = [];
  for (let first = 0; first < MAX_INCIDENTS; first += PAGE) {
    const page = await ctx.engine.openIncidents(query, first, PAGE);
    all.push(...page);
    if (page.length < PAGE) break;
  }
  return all.filter(isRootCause);
}

/** The first lines of an error's text, trimmed. */
const firstLines = (text: string | null | undefined, lines = DETAIL_LINES) => {
  const kept = (text ?? '')
    .split(/\r?\n/)
    .map((l) => l.trimEnd())
    .filter(Boolean)
    .slice(0, lines)
    .join('\n');
  return kept ? kept.slice(0, 2000) : null;
};

/** What failed, in words: the worker's or the job's error message, the first lines of its details, and the retries left. */
async function failureOf(ctx: AppContext, incident: Incident): Promise<{ message: string; details: string | null; retries: number | null } | 'gone'> {
  const id = incident.configuration;
  try {
    if (incident.incidentType === 'failedExternalTask' && id) {
      const [task, details] = await Promise.all([ctx.engine.externalTask(id), ctx.engine.externalTaskErrorDetails(id).catch(() => null)]);
      return { message: task.errorMessage ?? incident.incidentMessage ?? '', details: firstLines(details), retries: task.retries };
    }
    if (incident.incidentType === 'failedJob' && id) {
      const [job, trace] = await Promise.all([ctx.engine.job(id), ctx.engine.jobStacktrace(id).catch(() => null)]);
      return { message: job.exceptionMessage ?? incident.incidentMessage ?? '', details: firstLines(trace), retries: job.retries };
    }
  } catch (err) {
    // the task or job finished since the incident was read: resolved meanwhile
    if (err instanceof EngineError && err.status === 404) return 'gone';
    throw err;
  }
  return { message: incident.incidentMessage ?? incident.incidentType, details: null, retries: null };
}

/** The item (or bundle) of a case, named in the viewer's language; read once per item version in a listing. */
function itemNamer(locale: Locale) {
  const names = new Map<string, Promise<string>>();
  return (c: CaseRecord): Promise<string> => {
    const key = `${c.kind}:${c.itemCode}:${c.itemVersion}`;
    let name = names.get(key);
    if (!name) {
      name = targetOfCase(c)
        .then((t) => (locale === 'en' ? (t.items.find((i) => i.code === c.itemCode)?.definition.nameEn ?? t.name) : t.name))
        .catch(() => c.itemCode);
      names.set(key, name);
    }
    return name;
  };
}

export interface IncidentFilter {
  item?: string;
  department?: string;
  type?: string;
  since?: Date;
  limit: number;
  offset: number;
}

const TEXT_FILTER = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/;

/** The listing's query, checked: a 422 naming each bad parameter in words. */
export function incidentFilter(query: Record<string, unknown>): IncidentFilter {
  const problems: FieldProblem[] = [];
  const text = (name: string, zh: string, en: string) => {
    const value = query[name];
    if (value === undefined || value === '') return undefined;
    if (typeof value !== 'string' || !TEXT_FILTER.test(value)) {
      problems.push(
        fieldProblem(name, `${zh}：只能是字母、数字、“_”“-”“.”，至多 64 个字符`, `${en}: letters, digits, "_", "-" and "." only, at most 64 characters`),
      );
      return undefined;
    }
    return value;
  };
  const whole = (name: string, zh: string, en: string, min: number, max: number, fallback: number) => {
    const value = query[name];
    if (value === undefined || value === '') return fallback;
    const n = typeof value === 'string' && /^\d{1,9}$/.test(value) ? Number(value) : NaN;
    if (!Number.isInteger(n) || n < min || n > max) {
      problems.push(fieldProblem(name, `${zh}：应为 ${min} 到 ${max} 之间的整数`, `${en}: a whole number from ${min} to ${max}`));
      return fallback;
    }
    return n;
  };
  let since: Date | undefined;
  if (query.since !== undefined && query.since !== '') {
    since = typeof query.since === 'string' && /^\d{4}-\d{2}-\d{2}/.test(query.since) ? new Date(query.since) : new Date(NaN);
    if (Number.isNaN(since.getTime())) {
      problems.push(
        fieldProblem(
          'since',
          '起始时间：不是有效的日期或时间（如 2026-03-01 或 2026-03-01T08:00:00+08:00）',
          'Since: not a valid date or time (such as 2026-03-01 or 2026-03-01T08:00:00+08:00)',
        ),
      );
      since = undefined;
    }
  }
  const filter: IncidentFilter = {
    item: text('item', '事项', 'Item'),
    department: text('department', '部门', 'Department'),
    type: text('type', '异常类型', 'Incident type'),
    since,
    limit: whole('limit', '每页条数', 'Page size', 1, 200, 50),
    offset: whole('offset', '起始位置', 'Offset', 0, 1_000_000, 0),
  };
  if (problems.length) throw validationFailed(problems);
  return filter;
}

/** An incident as the console shows it, with its case; null when it was resolved while it was read. */
async function rowOf(
  ctx: AppContext,
  incident: Incident,
  c: CaseRecord | undefined,
  itemName: (c: CaseRecord) => Promise<string>,
): Promise<IncidentRow | null> {
  const [failure, name, item] = await Promise.all([
    failureOf(ctx, incident),
    stepName(ctx.engine, incident.processDefinitionId, incident.activityId),
    c ? itemName(c) : null,
  ]);
  if (failure === 'gone') return null;
  return {
    id: incident.id,
    type: incident.incidentType,
    retryable: incident.incidentType in RETRYABLE && Boolean(incident.configuration),
    caseNo: c?.caseNo ?? null,
    item: c && item !== null ? { code: c.itemCode, name: item } : null,
    departmentCode: c?.departmentCode ?? null,
    regionCode: c?.regionCode ?? null,
    step: { id: incident.activityId, name },
    error: { message: failure.message, details: failure.details },
    retries: failure.retries,
    since: engineInstant(incident.incidentTimestamp),
    processInstanceId: incident.processInstanceId,
    annotation: incident.annotation ?? null,
  };
}

/** GET /operations/incidents: every open incident with its case, newest first, filtered and paged. */
export async function listIncidents(ctx: AppContext, filter: IncidentFilter, locale: Locale) {
  const incidents = await openRootIncidents(ctx, filter.type ? { incidentType: filter.type } : {});
  const cases = await casesOfInstances(
    ctx.engine,
    incidents.map((i) => i.processInstanceId),
  );
  const matching = incidents
    .filter((i) => {
      const c = cases.get(i.processInstanceId);
      if (filter.item && c?.itemCode !== filter.item) return false;
      if (filter.department && c?.departmentCode !== filter.department) return false;
      if (filter.since && new Date(engineInstant(i.incidentTimestamp)) < filter.since) return false;
      return true;
    })
    .reverse();
  const itemName = itemNamer(locale);
  const page = matching.slice(filter.offset, filter.offset + filter.limit);
  const rows = (await Promise.all(page.map((i) => rowOf(ctx, i, cases.get(i.processInstanceId), itemName)))).filter((r): r is IncidentRow => r !== null);
  return { total: matching.length - (page.length - rows.length), limit: filter.limit, offset: filter.offset, incidents: rows };
}

/**
 * The open incident of that id; 404 for what is no engine id, else 409: resolved (said with when,
 * where the engine's history keeps incidents: history level full). At the platform's history level
 * (audit) the engine forgets a resolved incident, so an id it does not know is said to be resolved.
 */
export async function openIncident(ctx: AppContext, id: string): Promise<Incident> {
  if (!isEngineId(id)) throw notFound('incident_not_found');
  const [incident] = await ctx.engine.openIncidents({ incidentId: id }, 0, 1);
  if (incident) return incident;
  const [past] = await ctx.engine.historicIncidents(id);
  throw resolvedAlready(past?.endTime);
}

function resolvedAlready(endTime: string | null | undefined) {
  if (!endTime) return conflict('incident_resolved');
  const at = engineTimeInWords(endTime);
  return conflict('incident_resolved', {
    'zh-CN': `该流程异常已于 ${at} 解决（已被重试、流程已继续或已被终止），无需再处理`,
    en: `This incident was resolved at ${at} (retried, moved on or cancelled); nothing left to do`,
  });
}

/** A corrected value as the engine types it. */
function typed(value: string | number | boolean): VariableValue & { type: string } {
  if (typeof value === 'boolean') return { value, type: 'Boolean' };
  if (typeof value === 'number')
    return Number.isInteger(value) ? { value, type: Math.abs(value) <= 2 ** 31 - 1 ? 'Integer' : 'Long' } : { value, type: 'Double' };
  return { value, type: 'String' };
}

export interface RetryResult {
  id: string;
  caseNo: string | null;
  step: string;
  retries: number;
  variables: string[];
}

/**
 * POST /operations/incidents/{id}/retry: the corrected process variables first (the contract's
 * variables only, on the instance where the step failed), then the external task's or the job's
 * retries set again, which resolves the incident: the workers or the job executor take the step
 * again. Audited; a refused engine call records nothing.
 */
export async function retryIncident(ctx: AppContext, principal: Principal, id: string, body: unknown): Promise<RetryResult> {
  assertValid<IncidentRetryBody>(incidentRetrySchema, body ?? {});
  const ruled = incidentRetryRules((body ?? {}) as IncidentRetryBody);
  if (ruled.length) throw validationFailed(ruled);
  const { retries = 1, variables = {} } = (body ?? {}) as IncidentRetryBody;
  const incident = await openIncident(ctx, id);
  if (!(incident.incidentType in RETRYABLE) || !incident.configuration) throw conflict('incident_not_retryable');
  const c = (await casesOfInstances(ctx.engine, [incident.processInstanceId])).get(incident.processInstanceId);
  const step = await stepName(ctx.engine, incident.processDefinitionId, incident.activityId);
  const names = Object.keys(variables);
  try {
    await ctx.sequelize.transaction(async (transaction) => {
      await recordAudit(
        {
          actor: principal.username,
          action: 'operations.incident_retried',
          target: c?.caseNo ?? incident.processInstanceId,
          detail: { incidentId: incident.id, type: incident.incidentType, step, retries, variables },
        },
        transaction,
      );
      for (const name of names) await ctx.engine.setProcessVariable(incident.processInstanceId, name, typed(variables[name]!));
      if (incident.incidentType === 'failedExternalTask') await ctx.engine.setExternalTaskRetries(incident.configuration!, retries);
      else await ctx.engine.setJobRetries(incident.configuration!, retries);
    });
  } catch (err) {
    // the instance, the task or the job ended between the read and the retry
    if (err instanceof EngineError && err.status === 404) throw resolvedAlready((await ctx.engine.historicIncidents(id).catch(() => []))[0]?.endTime ?? null);
    throw err;
  }
  ctx.logger.info({ incidentId: id, caseNo: c?.caseNo, step, retries, variables: names }, 'incident retried from the operations console');
  return { id, caseNo: c?.caseNo ?? null, step, retries, variables: names };
}

/** POST /operations/incidents/retry: each incident retried on its own, each answered (done, or why not in words). */
export async function retryIncidents(ctx: AppContext, principal: Principal, body: unknown, locale: Locale) {
  assertValid<{ ids: string[]; retries?: number }>(batchRetrySchema, body);
  const { ids, retries } = body as { ids: string[]; retries?: number };
  const results = [];
  for (const id of ids) {
    try {
      results.push({ id, ok: true as const, result: await retryIncident(ctx, principal, id, retries === undefined ? {} : { retries }) });
    } catch (err) {
      if (err instanceof EngineError) {
        // one incident the engine could not retry does not stop the others
        const code = err.status === 0 ? 'engine_unavailable' : 'engine_error';
        results.push({ id, ok: false as const, status: err.status === 0 ? 503 : 502, code, message: ERROR_MESSAGES[code][locale] });
        continue;
      }
      if (!(err instanceof AppError)) throw err;
      results.push({
        id,
        ok: false as const,
        status: err.status,
        code: err.code,
        message: (err.localizedMessage ?? ERROR_MESSAGES[err.code])[locale],
      });
    }
  }
  return { retried: results.filter((r) => r.ok).length, failed: results.filter((r) => !r.ok).length, results };
}
