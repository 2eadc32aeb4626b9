import type { Logger } from 'pino';
import type { Config } from '../config/schema.ts';
import { AppError, fieldProblem, validationFailed } from '../errors/app-error.ts';
import { GatewayRejectedError, GatewayUnavailableError } from '../gateways/gateway-errors.ts';
import {
  SandboxRegistries,
  type CohortQuery,
  type CompanyRecord,
  type PersonRecord,
  type PersonSummary,
  type Registries,
  type RegistryEvent,
} from '../gateways/registries/index.ts';
import { isValidCreditCode, isValidResidentIdNumber } from '../../contract/validation/id-numbers.ts';
import { RegistryCache } from './registry-cache.ts';
import { SharedDataQuery, type QueryOutcome, type RegistryName } from './shared-data-query.model.ts';

/**
 * Why and for whom a lookup is made: every lookup says so and is recorded (shared_data_queries).
 * `actor` is the user's name, or a system actor `worker:<name>` / `system:<name>` (e.g.
 * worker:instant-approval) when no person asked.
 */
export interface LookupContext {
  actor: string;
  /** the case the lookup serves, if any */
  caseNo?: string | null;
  /** what for, in a few words: 秒批核验申请人户籍, 高龄津贴资格核查 … */
  purpose: string;
}

/** The registries could not answer (down, slow, refused our request): nothing was decided; try again later. */
export class SharedDataUnavailableError extends AppError {
  constructor(readonly registry: RegistryName) {
    super(503, 'registry_unavailable', [], {
      'zh-CN': registry === 'population' ? '人口库暂不可用，未取得数据，请稍后再试' : '法人库暂不可用，未取得数据，请稍后再试',
      en: `The ${registry === 'population' ? 'population' : 'legal-person'} registry is unavailable; no data was obtained, please try again later`,
    });
  }
}

const SYSTEM_ACTOR = /^(worker|system):[a-z0-9][a-z0-9_-]{0,54}$/;
const CASE_NO = /^[A-Za-z0-9-]{1,32}$/;

function checkContext(context: LookupContext): void {
  const problems = [];
  if (typeof context.actor !== 'string' || !context.actor.trim() || context.actor.length > 64) {
    problems.push(fieldProblem('actor', '查询人：须指明是谁在查询（用户名或 worker:名称）', 'actor: say who asks (a user name or worker:<name>)'));
  }
  if (typeof context.purpose !== 'string' || !context.purpose.trim() || [...context.purpose].length > 200) {
    problems.push(fieldProblem('purpose', '查询用途：须写明用途（1 至 200 个字）', 'purpose: say what the lookup is for (1 to 200 characters)'));
  }
  if (context.caseNo !== undefined && context.caseNo !== null && !CASE_NO.test(context.caseNo)) {
    problems.push(fieldProblem('caseNo', '办件编号格式不正确', 'caseNo: not a case number'));
  }
  if (problems.length) throw validationFailed(problems);
}

/**
 * 共享数据: the platform's one way to the population and legal-person registries. Each lookup is
 * recorded — found, not found, or the registry unavailable — with who asked, for which case and
 * why, and how long it took; a record found is reused for a short while (./registry-cache.ts).
 */
export class SharedData {
  private readonly people: RegistryCache<PersonRecord>;
  private readonly companies: RegistryCache<CompanyRecord>;

  constructor(
    private readonly registries: Registries | null,
    options: { cacheSeconds: number },
    private readonly logger?: Logger,
  ) {
    this.people = new RegistryCache(options.cacheSeconds);
    this.companies = new RegistryCache(options.cacheSeconds);
  }

  /** 人口库: the person with that 居民身份证号码, or null when the registry has none. */
  async lookupPerson(idNo: string, context: LookupContext): Promise<PersonRecord | null> {
    if (typeof idNo !== 'string' || !isValidResidentIdNumber(idNo.trim().toUpperCase())) {
      throw validationFailed([fieldProblem('idNo', '不是有效的居民身份证号码', 'idNo: not a valid resident ID number')]);
    }
    return this.lookup('population', idNo.trim().toUpperCase(), context, this.people, (r, n) => r.person(n));
  }

  /** 法人库: the entity with that 统一社会信用代码, or null. */
  async lookupCompany(creditCode: string, context: LookupContext): Promise<CompanyRecord | null> {
    if (typeof creditCode !== 'string' || !isValidCreditCode(creditCode.trim().toUpperCase())) {
      throw validationFailed([fieldProblem('creditCode', '不是有效的统一社会信用代码', 'creditCode: not a valid unified social credit code')]);
    }
    return this.lookup('legal_person', creditCode.trim().toUpperCase(), context, this.companies, (r, n) => r.company(n));
  }

  /**
   * 人口库: the people born between two days (e.g. those turning 80 next week), a page at a time.
   * Recorded as one query whose subject is the range; the people found are looked up one by one
   * (lookupPerson) when a decision about one of them is made.
   */
  async personsBorn(query: CohortQuery, context: LookupContext, page = { offset: 0, limit: 100 }): Promise<{ total: number; persons: PersonSummary[] }> {
    checkContext(context);
    const subject = `born:${query.bornFrom}..${query.bornTo}${query.regionCode ? `@${query.regionCode}` : ''}`;
    return this.ask(
      'population',
      subject,
      context,
      (r) => r.personsBorn(query, page),
      (answer) => answer.total > 0,
    );
  }

  /** The registries' events (出生登记, 死亡登记, 企业设立登记) after a cursor; a death forgets the cached record. */
  async eventsAfter(cursor: string | null, limit = 100): Promise<{ events: RegistryEvent[]; cursor: string | null }> {
    if (!this.registries) throw new SharedDataUnavailableError('population');
    try {
      const answer = await this.registries.eventsAfter(cursor, limit);
      for (const e of answer.events) if (e.type === 'death_registered') this.people.forget(e.person.idNo);
      return answer;
    } catch (err) {
      if (err instanceof GatewayUnavailableError || err instanceof GatewayRejectedError) {
        this.logger?.warn({ err: { message: err.message } }, 'the registries event feed is unavailable');
        throw new SharedDataUnavailableError('population');
      }
      throw err;
    }
  }

  private async lookup<T extends object>(
    registry: RegistryName,
    subject: string,
    context: LookupContext,
    cache: RegistryCache<T>,
    call: (registries: Registries, subject: string) => Promise<T | null>,
  ): Promise<T | null> {
    checkContext(context);
    const cached = cache.get(subject);
    if (cached) {
      await this.record(registry, subject, context, 'found', 0, true);
      return cached;
    }
    const found = await this.ask(
      registry,
      subject,
      context,
      (r) => call(r, subject),
      (answer) => answer !== null,
    );
    if (found) cache.set(subject, found);
    return found;
  }

  /** One call to a registry, recorded whatever its outcome. */
  private async ask<T>(
    registry: RegistryName,
    subject: string,
    context: LookupContext,
    call: (registries: Registries) => Promise<T>,
    found: (answer: T) => boolean,
  ): Promise<T> {
    const started = performance.now();
    const elapsed = () => Math.round(performance.now() - started);
    if (!this.registries) {
      await this.record(registry, subject, context, 'unavailable', 0, false);
      throw new SharedDataUnavailableError(registry);
    }
    let answer: T;
    try {
      answer = await call(this.registries);
    } catch (err) {
      if (!(err instanceof GatewayUnavailableError || err instanceof GatewayRejectedError)) throw err;
      const outcome: QueryOutcome = err instanceof GatewayRejectedError ? 'rejected' : 'unavailable';
      await this.record(registry, subject, context, outcome, elapsed(), false);
      // the message names the path, which holds the number: only the class and status are logged
      this.logger?.warn({ registry, outcome, status: err instanceof GatewayRejectedError ? err.status : undefined }, 'a registry lookup failed');
      throw new SharedDataUnavailableError(registry);
    }
    await this.record(registry, subject, context, found(answer) ? 'found' : 'not_found', elapsed(), false);
    return answer;
  }

  private async record(registry: RegistryName, subject: string, context: LookupContext, outcome: QueryOutcome, latencyMs: number, cached: boolean) {
    await SharedDataQuery.create({
      at: new Date(),
      actor: context.actor.trim(),
      actorKind: SYSTEM_ACTOR.test(context.actor.trim()) ? 'system' : 'user',
      registry,
      subject,
      caseNo: context.caseNo ?? null,
      purpose: context.purpose.trim(),
      outcome,
      cached,
      latencyMs,
    });
  }
}

const instances = new Map<string, SharedData>();

/** The shared-data service of this process for the configuration (one per registry settings: its cache is shared). */
export function sharedDataOf(config: Pick<Config, 'registries'>, logger?: Logger): SharedData {
  const settings = config.registries;
  const key = JSON.stringify(settings);
  let service = instances.get(key);
  if (!service) {
    const registries = settings.url
      ? new SandboxRegistries({ baseUrl: settings.url, appId: settings.appId, secret: settings.secret, timeoutMs: settings.timeoutMs })
      : null;
    service = new SharedData(registries, { cacheSeconds: settings.cacheSeconds }, logger);
    instances.set(key, service);
  }
  return service;
}
