import express, { type RequestHandler } from 'express';
import { randomBytes } from 'node:crypto';
import { isValidCreditCode, isValidResidentIdNumber } from '../../../contract/validation/id-numbers.ts';
import { JsonFileStore } from '../sandbox/json-file-store.ts';
import { invalidInput, sandboxNotFound } from '../sandbox/sandbox-error.ts';
import { FaultInjector, jsonBody, listen, sandboxErrors, unknownRoute, type FaultPlan } from '../sandbox/sandbox-server.ts';
import { jsonObject, oneOf, optionalBoolean, optionalInteger, optionalText, text } from '../sandbox/input-checks.ts';
import { signedRequests } from '../sandbox/signed-requests.ts';
import { beijingDay, isDay } from '../province/beijing-day.ts';
import { defaultPopulation, type Population } from '../identity/population.ts';
import { COMPANY_TYPES, MAX_COHORT, MAX_EVENTS, SEXES, type CompanyRecord, type RegistryEvent } from './registries.ts';
import { RegistryBook } from './sandbox-book.ts';
import type { RegistryState } from './sandbox-generate.ts';
import { registriesPage } from './sandbox-page.ts';

export interface RegistriesSandboxOptions {
  /** 0 picks a free port */
  port?: number;
  host?: string;
  /** the platform's registration; generated (and kept in the data file) when absent */
  appId?: string;
  secret?: string;
  /** the records, the events and the credentials, kept across restarts */
  dataFile?: string;
  /**
   * the identity sandbox's people and companies (default: its first population): the first records,
   * and asked again when a number is not found (someone added there since is entered here then)
   */
  population?: () => Population;
}

export interface RegistriesSandboxControl {
  /** the people (summaries) and companies held */
  all(): ReturnType<RegistryBook['all']>;
  registerBirth(input: Parameters<RegistryBook['registerBirth']>[0]): RegistryEvent;
  registerDeath(input: { idNo: string; deathDate?: string }): RegistryEvent;
  registerCompany(input: Parameters<RegistryBook['registerCompany']>[0]): { company: CompanyRecord; event: RegistryEvent };
  /** down: every API call answers 503 until it is up again */
  setOutage(down: boolean): void;
  /** the next API calls fail (503) or stall; undefined clears */
  injectFaults(plan: FaultPlan | undefined): void;
  /** the lookups the API answered, newest last (the registry's own access log) */
  queries(): SandboxQuery[];
}

/** One API call as the registry's own log keeps it. */
export interface SandboxQuery {
  at: string;
  app: string;
  what: 'person' | 'company' | 'cohort' | 'events';
  found: boolean;
}

export interface RegistriesSandbox {
  url: string;
  appId: string;
  secret: string;
  control: RegistriesSandboxControl;
  close(): Promise<void>;
}

interface StoredState extends RegistryState {
  credentials: { appId: string; secret: string };
}

const today = () => beijingDay(new Date());
const NAME = { max: 30, pattern: /^[\p{Script=Han}·]{2,30}$/u, patternHint: { zh: '应为 2 至 30 个汉字', en: 'must be 2 to 30 Chinese characters' } };
const REGION = {
  max: 6,
  min: 6,
  pattern: /^43\d{4}$/,
  patternHint: { zh: '应为湖南省的 6 位行政区划代码', en: 'must be a 6-digit region code in Hunan (43…)' },
};

function idNoOf(value: string, field: string): string {
  if (!isValidResidentIdNumber(value)) throw invalidInput(field, '不是有效的居民身份证号码（校验位不符）', 'is not a valid resident ID number (check digit)');
  return value;
}

/**
 * Starts the sandbox 人口库 and 法人库 (population and legal-person registries, reached as through the
 * provincial data-sharing platform: each request signed with the platform's app id and secret):
 * lookups by 居民身份证号码 and 统一社会信用代码, the cohort of people born between two days, the
 * feed of registrations after a cursor; a page of what it holds (/); and the sandbox-only control API
 * (/sandbox) that registers births, deaths and companies and injects outages and slowness.
 */
export async function startRegistriesSandbox(options: RegistriesSandboxOptions = {}): Promise<RegistriesSandbox> {
  const population = options.population ?? (() => defaultPopulation());
  const store = new JsonFileStore<StoredState>(options.dataFile);
  const state = store.load(() => ({
    ...RegistryBook.generate(population(), today()),
    credentials: { appId: options.appId ?? 'approval-platform', secret: randomBytes(24).toString('base64url') },
  }));
  const appId = options.appId ?? state.credentials.appId;
  const secret = options.secret ?? state.credentials.secret;
  const save = () => store.save(state);
  save();
  const book = new RegistryBook(state, save);
  const faults = new FaultInjector();
  const queries: SandboxQuery[] = [];
  let outage = false;

  const adoptCompany = (code: string) => {
    const { companies, persons } = population();
    const known = companies.find((c) => c.creditCode === code);
    const representative = known && persons.find((p) => p.sub === known.legalRepresentative);
    return known && representative ? book.adoptCompany({ ...known, legalRepresentative: representative }, today()) : undefined;
  };
  const logged = (req: express.Request, what: SandboxQuery['what'], found: boolean) => {
    queries.push({ at: new Date().toISOString(), app: String(req.headers['x-exchange-app'] ?? ''), what, found });
    if (queries.length > 1000) queries.splice(0, queries.length - 1000);
  };
  const down: RequestHandler = (_req, res, next) => {
    if (!outage) return next();
    res.status(503).json({ error: { code: 'service_unavailable', message: '数据共享平台维护中（沙箱注入的中断）' } });
  };
  const { raw, check } = signedRequests({ appId, secret });
  const api = [down, faults.middleware, raw, check];

  const app = express();
  app.disable('x-powered-by');
  app.get('/api/persons/:idNo', ...api, (req, res) => {
    const idNo = idNoOf(String(req.params.idNo), 'idNo');
    const known = population().persons.find((p) => p.idNo === idNo);
    const person = book.person(idNo) ?? (known ? book.adoptPerson(known) : undefined);
    logged(req, 'person', Boolean(person));
    if (!person) throw sandboxNotFound('person_not_found', '人口库中没有该身份证号码', 'The population registry has no such ID number');
    res.json({ person });
  });
  app.get('/api/companies/:creditCode', ...api, (req, res) => {
    const code = String(req.params.creditCode);
    if (!isValidCreditCode(code))
      throw invalidInput('creditCode', '不是有效的统一社会信用代码（校验码不符）', 'is not a valid unified social credit code (check character)');
    const company = book.company(code) ?? adoptCompany(code);
    logged(req, 'company', Boolean(company));
    if (!company) throw sandboxNotFound('company_not_found', '法人库中没有该统一社会信用代码', 'The legal-person registry has no such credit code');
    res.json({ company });
  });
  app.get('/api/persons', ...api, (req, res) => {
    const q = req.query as Record<string, unknown>;
    const bornFrom = String(q.bornFrom ?? '');
    const bornTo = String(q.bornTo ?? '');
    if (!isDay(bornFrom)) throw invalidInput('bornFrom', '应为 YYYY-MM-DD 日期', 'must be a date YYYY-MM-DD');
    if (!isDay(bornTo) || bornTo < bornFrom)
      throw invalidInput('bornTo', '应为不早于 bornFrom 的 YYYY-MM-DD 日期', 'must be a date YYYY-MM-DD, not before bornFrom');
    const regionCode = q.regionCode === undefined ? undefined : String(q.regionCode);
    if (regionCode !== undefined && !/^\d{2,6}$/.test(regionCode)) throw invalidInput('regionCode', '应为 2 至 6 位数字', 'must be 2 to 6 digits');
    const numbers = { offset: Number(q.offset ?? 0), limit: Number(q.limit ?? 100) };
    if (!Number.isSafeInteger(numbers.offset) || numbers.offset < 0) throw invalidInput('offset', '应为非负整数', 'must be a whole number, 0 or more');
    if (!Number.isSafeInteger(numbers.limit) || numbers.limit < 1 || numbers.limit > MAX_COHORT)
      throw invalidInput('limit', `应为 1 至 ${MAX_COHORT}`, `must be 1 to ${MAX_COHORT}`);
    const found = book.personsBorn({ bornFrom, bornTo, regionCode, aliveOnly: q.aliveOnly !== 'false' }, numbers.offset, numbers.limit);
    logged(req, 'cohort', found.total > 0);
    res.json(found);
  });
  app.get('/api/events', ...api, (req, res) => {
    const after = req.query.after === undefined ? 0 : Number(req.query.after);
    if (!Number.isSafeInteger(after) || after < 0) throw invalidInput('after', '应为此前答复中的游标', 'must be a cursor from an earlier answer');
    const limit = req.query.limit === undefined ? 100 : Number(req.query.limit);
    if (!Number.isSafeInteger(limit) || limit < 1 || limit > MAX_EVENTS) throw invalidInput('limit', `应为 1 至 ${MAX_EVENTS}`, `must be 1 to ${MAX_EVENTS}`);
    const events = book.eventsAfter(after, limit);
    logged(req, 'events', events.length > 0);
    res.json({ events, cursor: events.length ? events[events.length - 1]!.cursor : req.query.after === undefined ? null : String(after) });
  });

  const control: RegistriesSandboxControl = {
    all: () => book.all(),
    registerBirth: (input) => book.registerBirth(input, today()),
    registerDeath: (input) => book.registerDeath({ idNo: input.idNo, deathDate: input.deathDate ?? today() }, today()),
    registerCompany: (input) => book.registerCompany(input, today()),
    setOutage: (value) => {
      outage = value;
    },
    injectFaults: (plan) => faults.set(plan),
    queries: () => queries.slice(),
  };

  app.get(
    '/',
    (_req, res) =>
      void res
        .set('Cache-Control', 'no-store')
        .type('html')
        .send(registriesPage(book, state.events.slice(-50).reverse(), outage, today())),
  );
  app.get('/sandbox/records', (_req, res) => void res.json(book.all()));
  app.get('/sandbox/queries', (_req, res) => void res.json({ queries: queries.slice(-200) }));
  app.post('/sandbox/births', jsonBody, (req, res) => {
    const body = jsonObject(req.body);
    const fatherIdNo = optionalText(body, 'fatherIdNo', { max: 18 });
    const birthDate = optionalText(body, 'birthDate', { max: 10 }) ?? today();
    if (!isDay(birthDate)) throw invalidInput('birthDate', '应为 YYYY-MM-DD 日期', 'must be a date YYYY-MM-DD');
    const event = control.registerBirth({
      motherIdNo: idNoOf(text(body, 'motherIdNo', { max: 18 }), 'motherIdNo'),
      fatherIdNo: fatherIdNo === undefined ? undefined : idNoOf(fatherIdNo, 'fatherIdNo'),
      name: text(body, 'name', NAME),
      sex: oneOf(body, 'sex', SEXES),
      birthDate,
    });
    res.status(201).json({ event });
  });
  app.post('/sandbox/deaths', jsonBody, (req, res) => {
    const body = jsonObject(req.body);
    const deathDate = optionalText(body, 'deathDate', { max: 10 });
    if (deathDate !== undefined && !isDay(deathDate)) throw invalidInput('deathDate', '应为 YYYY-MM-DD 日期', 'must be a date YYYY-MM-DD');
    res.status(201).json({ event: control.registerDeath({ idNo: idNoOf(text(body, 'idNo', { max: 18 }), 'idNo'), deathDate }) });
  });
  app.post('/sandbox/companies', jsonBody, (req, res) => {
    const body = jsonObject(req.body);
    const capital = body.registeredCapitalYuan === null ? null : (optionalInteger(body, 'registeredCapitalYuan', 0, 100_000_000_000) ?? null);
    const made = control.registerCompany({
      name: text(body, 'name', { min: 2, max: 60 }),
      type: oneOf(body, 'type', COMPANY_TYPES),
      legalRepresentativeIdNo: idNoOf(text(body, 'legalRepresentativeIdNo', { max: 18 }), 'legalRepresentativeIdNo'),
      regionCode: text(body, 'regionCode', REGION),
      businessScope: text(body, 'businessScope', { max: 500 }),
      registeredCapitalYuan: capital,
      address: optionalText(body, 'address', { min: 8, max: 120 }),
    });
    res.status(201).json(made);
  });
  app.put('/sandbox/outage', jsonBody, (req, res) => {
    const value = optionalBoolean(jsonObject(req.body), 'down') ?? true;
    control.setOutage(value);
    res.json({ down: value });
  });
  app.post('/sandbox/faults', jsonBody, faults.controller);
  app.use(unknownRoute);
  app.use(sandboxErrors);

  const server = await listen(app, options.port ?? 0, options.host ?? '127.0.0.1');
  return { url: server.url, appId, secret, control, close: () => server.close() };
}
