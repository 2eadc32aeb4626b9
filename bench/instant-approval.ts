/**
 * `npm run bench -- instant`: 秒批 (issue 19 part 3) on the production setup — submission → sealed
 * e-licence of 个体工商户设立登记 (SCJG-GT-001) at an open-loop rate of 5 submissions a second.
 *
 * The engine, the bundled server and the real workers on MariaDB, production mode, the sandbox
 * 人口库/法人库 (server/gateways/registries) reached through REGISTRIES_URL as in the tests. Every
 * case is eligible for 秒批 (an individual business, a general scope, an operator the population
 * registry holds under that name): the applicant 张三 submits online, the operators are the
 * registry's living adults in turn. Submissions are fired on a fixed schedule (one every 200 ms)
 * whatever the platform is doing, their materials uploaded before the schedule starts. For each
 * case: the POST /cases answer → the `instant.approved` entry and → the `result.sealed` entry of
 * its 营业执照, by the entries' created_at (read from timeline_events, not the moment of the poll).
 * Side by side in the same run: the same cases one at a time before the load (solo), and where the
 * time goes — segment by segment along the timeline, the workers' own handling time per topic
 * (their "task completed" log lines) and the CPU each process used per case. Prints JSON lines;
 * no time is asserted.
 *
 *   BENCH_INSTANT_SECONDS  how long to submit (default 60)
 *   BENCH_INSTANT_RATE     submissions per second (default 5)
 *   BENCH_INSTANT_WORKERS  worker processes (default 1, as `npm start` runs them)
 *   BENCH_INSTANT_CPU_PROF a directory: the workers write a V8 CPU profile there when they stop
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { createConnection, type RowDataPacket } from 'mysql2/promise';
import { openDatabase } from '../server/db/index.ts';
import { seedDemoAccounts } from '../server/auth/demo-accounts.ts';
import { seedDemoOrganization } from '../server/organization/index.ts';
import { seedDemoSeals } from '../server/seals/demo-seals.ts';
import { ageOn, startRegistriesSandbox } from '../server/gateways/registries/index.ts';
import { REPO_ROOT } from '../scripts/lib/engine.ts';
import { bundle } from '../scripts/build.ts';
import { WORKER_NODE_FLAGS } from '../scripts/lib/node-flags.ts';
import { samplePdf, samplePng } from '../test/support/files.ts';
import { benchMysql } from './mysql.ts';
import { cpuSeconds, machineCpuSeconds, percentile, residentMemoryMb, round } from './stats.ts';
import { startProductionSetup, waitForServer } from './production-setup.ts';

const SECONDS = Number(process.env.BENCH_INSTANT_SECONDS ?? 60);
const RATE = Number(process.env.BENCH_INSTANT_RATE ?? 5);
const COUNT = Math.round(SECONDS * RATE);
const GAP_MS = 1000 / RATE;
/** how long after the last submission a case may take to be sealed before it counts as not sealed */
const GRACE_MS = 60_000;
const POLL_MS = 500;
const WARM_UP = 3;
/** cases one at a time on the idle platform, after the warm-up: the baseline of the same run */
const SOLO = Number(process.env.BENCH_INSTANT_SOLO ?? 5);
const WORKERS = Number(process.env.BENCH_INSTANT_WORKERS ?? 1);
const ITEM = 'SCJG-GT-001';
const LICENCE_TITLE = '营业执照（个体工商户）';
const SCOPE = '日用百货零售；文具用品零售';
const APPLICANT = { name: '张三', idType: 'resident_id', idNo: '430102199003071234', phone: '13800138000' };

const emit = (line: Record<string, unknown>) => console.log(JSON.stringify(line));
const note = (message: string) => console.error(`[bench instant] ${message}`);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const summary = (values: number[]) => ({
  count: values.length,
  p50: round(percentile(values, 50), 0),
  p95: round(percentile(values, 95), 0),
  p99: round(percentile(values, 99), 0),
  max: values.length ? round(Math.max(...values), 0) : null,
});

/** One submitted case: when its POST was sent and answered (ms since epoch), and its timeline moments. */
interface Submitted {
  index: number;
  sentAt: number;
  answeredAt: number;
  caseNo: string | null;
  status: number;
  operator: string;
  /** first created_at of each entry type, ms; the two sealed documents under their own keys */
  at: Record<string, number>;
}

const registries = await startRegistriesSandbox();
const today = new Date().toISOString().slice(0, 10);
const operators = registries.control
  .all()
  .persons.filter((p) => p.status === 'alive' && ageOn(p.birthDate, today) >= 18)
  .map((p) => ({ name: p.name, idNo: p.idNo }));
if (!operators.length) throw new Error('the sandbox population registry holds no living adult');

note('starting the engine on MariaDB');
const setup = await startProductionSetup({
  engineDb: 'camunda_bench_instant',
  appDb: 'approval_bench_instant',
  engineUser: 'benchservice',
  engineEventsToServer: true,
  env: { REGISTRIES_URL: registries.url, REGISTRIES_APP_ID: registries.appId, REGISTRIES_SECRET: registries.secret },
});
const { config } = setup;
const serverUrl = `http://127.0.0.1:${setup.serverPort}`;
const workerLog = join(setup.dataDir, 'workers.log');
const appDb = await createConnection({ ...benchMysql, database: 'approval_bench_instant', timezone: 'Z' });

try {
  const bundled = join(REPO_ROOT, '.tmp', 'bench-instant-dist'); // inside the repo, so node_modules resolve
  await bundle({ server: 'server/index.ts', workers: 'workers/index.ts' }, bundled);
  note('starting the server');
  const server = setup.launch(join(bundled, 'server.mjs'));
  await waitForServer(serverUrl, server);
  // production seeds nothing: the applicant's account and the departments' seals, as the tests seed them
  const db = await openDatabase(config);
  await seedDemoOrganization();
  await seedDemoAccounts(config.secondFactorKey);
  await seedDemoSeals(config);
  await db.close();
  // the workers log at info: their "task completed" lines give each handler's own time
  const profile = process.env.BENCH_INSTANT_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_INSTANT_CPU_PROF}`] : [];
  const workers = Array.from({ length: WORKERS }, () =>
    setup.launch(join(bundled, 'workers.mjs'), { LOG_LEVEL: 'info' }, [...WORKER_NODE_FLAGS, ...profile], workerLog),
  );

  const login = await fetch(`${serverUrl}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'applicant', password: 'demo' }),
  });
  const { token } = (await login.json()) as { token?: string };
  if (!token) throw new Error(`the applicant could not sign in: ${login.status}`);
  const auth = { Authorization: `Bearer ${token}` };

  const upload = async (name: string, bytes: Buffer) => {
    const form = new FormData();
    form.set('file', new Blob([bytes]), name);
    const res = await fetch(`${serverUrl}/api/v1/attachments`, { method: 'POST', headers: auth, body: form });
    if (res.status !== 201 && res.status !== 200) throw new Error(`upload failed: ${res.status} ${await res.text()}`);
    return ((await res.json()) as { id: string }).id;
  };
  const materials = async () => [
    { code: 'operator-id', attachmentId: await upload('id.png', samplePng()) },
    { code: 'premises-proof', attachmentId: await upload('租赁合同.pdf', samplePdf('lease')) },
  ];
  const submit = async (index: number, prepared: { code: string; attachmentId: string }[]): Promise<Submitted> => {
    const operator = operators[index % operators.length]!;
    const sentAt = Date.now();
    const res = await fetch(`${serverUrl}/api/v1/cases`, {
      method: 'POST',
      headers: { ...auth, 'content-type': 'application/json' },
      body: JSON.stringify({
        itemCode: ITEM,
        applicant: APPLICANT,
        form: {
          businessName: `${operator.name}日用百货店`,
          operatorName: operator.name,
          operatorIdNo: operator.idNo,
          operatorPhone: '13800138000',
          organizationForm: 'individual',
          businessScope: SCOPE,
          premisesAddress: '长沙市芙蓉区五一大道100号',
          employees: 2,
          capitalTenThousandYuan: 5,
          openingDate: '2026-12-01',
        },
        materials: prepared,
      }),
    });
    const answeredAt = Date.now();
    const body = (await res.json().catch(() => ({}))) as { caseNo?: string };
    if (res.status !== 201) note(`submission ${index} answered ${res.status}: ${JSON.stringify(body).slice(0, 300)}`);
    return { index, sentAt, answeredAt, caseNo: res.status === 201 ? (body.caseNo ?? null) : null, status: res.status, operator: operator.idNo, at: {} };
  };

  // the timeline entries, read from the app database: incrementally by id, with a window behind
  // the highest id seen (an entry whose transaction commits late has a lower id than one seen)
  const byCaseNo = new Map<string, Submitted>();
  let seenId = 0;
  const readTimeline = async () => {
    const [rows] = await appDb.query<RowDataPacket[]>(
      `SELECT t.id, c.case_no, t.type, t.created_at,
              CASE WHEN t.type = 'result.sealed' THEN JSON_VALUE(t.detail, '$.title') END AS title,
              CASE WHEN t.type = 'result.sealed' THEN JSON_VALUE(t.detail, '$.kind') END AS kind
         FROM timeline_events t JOIN cases c ON c.id = t.case_id
        WHERE t.id > ? AND t.type IN ('case.submitted','acceptance.accepted','instant.approved','instant.referred','case.approved','e_license.issued','result.sealed','delivery.delivered')
        ORDER BY t.id`,
      [Math.max(0, seenId - 2000)],
    );
    for (const row of rows) {
      seenId = Math.max(seenId, Number(row.id));
      const s = byCaseNo.get(String(row.case_no));
      if (!s) continue;
      let key = String(row.type);
      if (key === 'result.sealed') {
        key = row.title === LICENCE_TITLE ? 'sealed.licence' : `sealed.${String(row.kind ?? 'other')}`;
      }
      s.at[key] ??= (row.created_at as Date).getTime();
    }
  };
  const sealed = (s: Submitted) => s.at['sealed.licence'] !== undefined;

  const sealedIn = async (s: Submitted, timeoutMs: number) => {
    const deadline = Date.now() + timeoutMs;
    while (!sealed(s) && Date.now() < deadline) {
      await sleep(POLL_MS);
      await readTimeline();
    }
    if (!sealed(s)) throw new Error(`case ${s.caseNo} was not sealed in ${timeoutMs / 1000} s: ${Object.keys(s.at).join(', ')}`);
  };
  // the CPU each process used between two moments: the platform's processes, MariaDB, this one (the registries sandbox and the pollers)
  const mariadbPidFile = join(process.env.MARIADB_BASE ?? join(REPO_ROOT, '.tmp', 'mariadb'), 'mysqld.pid');
  const mariadbPid = existsSync(mariadbPidFile) ? Number(readFileSync(mariadbPidFile, 'utf8').trim()) : NaN;
  const cpuNow = () => ({
    at: Date.now(),
    workers: workers.reduce((sum, w) => sum + cpuSeconds(w.pid!), 0),
    server: cpuSeconds(server.pid!),
    engine: cpuSeconds(setup.engine.pid),
    mariadb: Number.isNaN(mariadbPid) ? NaN : cpuSeconds(mariadbPid),
    bench: (process.cpuUsage().user + process.cpuUsage().system) / 1e6,
    machine: machineCpuSeconds(),
  });
  // ms per case only where every case was done in the window (solo); under load the work of the cases not yet done is in it too
  const cpuBetween = (a: ReturnType<typeof cpuNow>, b: ReturnType<typeof cpuNow>, cases?: number) => {
    const wall = (b.at - a.at) / 1000;
    const names = ['workers', 'server', 'engine', 'mariadb', 'bench'] as const;
    const per = (k: (typeof names)[number]) => ({
      cores: round((b[k] - a[k]) / wall, 2),
      ...(cases ? { msPerCase: round(((b[k] - a[k]) * 1000) / cases, 0) } : {}),
    });
    const ours = names.reduce((sum, k) => sum + (Number.isNaN(b[k] - a[k]) ? 0 : b[k] - a[k]), 0);
    const busy = b.machine.busy - a.machine.busy;
    return {
      wallSeconds: round(wall, 1),
      ...Object.fromEntries(names.map((k) => [k, per(k)])),
      ...(cases ? { oursMsPerCase: round((ours * 1000) / cases, 0) } : {}),
      machineBusyCores: round(busy / wall, 2),
      otherProcessesCores: round((busy - ours) / wall, 2),
      machineCores: round((b.machine.total - a.machine.total) / wall, 2),
    };
  };
  // the workers' own time per topic, from their log between two offsets: the rest of a segment is waiting
  const logOffset = () => (existsSync(workerLog) ? statSync(workerLog).size : 0);
  const handlerTimes = (from: number, to: number) => {
    const handled = new Map<string, number[]>();
    const text = readFileSync(workerLog).subarray(from, to).toString('utf8');
    for (const line of text.split('\n')) {
      if (!line.includes('"task completed"')) continue;
      const entry = JSON.parse(line) as { topic?: string; ms?: number };
      if (entry.topic && typeof entry.ms === 'number') handled.set(entry.topic, [...(handled.get(entry.topic) ?? []), entry.ms]);
    }
    return Object.fromEntries([...handled].map(([topic, values]) => [topic, summary(values)]));
  };
  // the segments between the timeline entries of sealed cases
  const segments: [string, string, string][] = [
    ['answer → acceptance.accepted', 'answer', 'acceptance.accepted'],
    ['acceptance.accepted → instant.approved', 'acceptance.accepted', 'instant.approved'],
    ['instant.approved → case.approved (async job, notify)', 'instant.approved', 'case.approved'],
    ['case.approved → decision sealed (payment, seal hand-off, decision PDF)', 'case.approved', 'sealed.decision_approved'],
    ['decision sealed → licence sealed (issue, licence PDF)', 'sealed.decision_approved', 'sealed.licence'],
  ];
  const moment = (s: Submitted, key: string) => (key === 'answer' ? s.answeredAt : s.at[key]);
  const segmentsOf = (cases: Submitted[]) => {
    const complete = cases.filter((s) => segments.every(([, a, b]) => moment(s, a) !== undefined && moment(s, b) !== undefined));
    const meanTotal = complete.reduce((sum, s) => sum + (s.at['sealed.licence']! - s.answeredAt), 0) / Math.max(1, complete.length);
    return {
      cases: complete.length,
      segments: segments.map(([name, a, b]) => {
        const values = complete.map((s) => moment(s, b)! - moment(s, a)!);
        const mean = values.reduce((x, y) => x + y, 0) / Math.max(1, values.length);
        return { segment: name, p50: round(percentile(values, 50), 0), p95: round(percentile(values, 95), 0), share: round(mean / meanTotal, 3) };
      }),
    };
  };

  // warm-up, not counted: the first cases load the fonts, the DMN, the JIT
  note(`warm-up: ${WARM_UP} cases one at a time`);
  for (let i = 0; i < WARM_UP; i++) {
    const s = await submit(operators.length - 1 - i, await materials());
    if (!s.caseNo) throw new Error('a warm-up case was not submitted');
    byCaseNo.set(s.caseNo, s);
    await sealedIn(s, 120_000);
    note(`warm-up ${i + 1}: sealed ${s.at['sealed.licence']! - s.answeredAt} ms after the answer`);
  }
  byCaseNo.clear();

  // solo: the same cases one at a time on the idle platform (their operators are not the load's)
  note(`solo: ${SOLO} cases one at a time`);
  const soloPrepared: { code: string; attachmentId: string }[][] = [];
  for (let i = 0; i < SOLO; i++) soloPrepared.push(await materials());
  // idle: what the platform's processes use with nothing to do (pollers, schedulers, the engine's job acquisition)
  await sleep(2000);
  const idleCpu = cpuNow();
  await sleep(10_000);
  const idleCpuEnd = cpuNow();
  const soloLog = logOffset();
  const soloCpu = cpuNow();
  const solo: Submitted[] = [];
  for (let i = 0; i < SOLO; i++) {
    const s = await submit(operators.length - 1 - WARM_UP - i, soloPrepared[i]!);
    if (!s.caseNo) throw new Error('a solo case was not submitted');
    byCaseNo.set(s.caseNo, s);
    await sealedIn(s, 120_000);
    solo.push(s);
    await sleep(500);
  }
  // the delivery after the seal, to be counted with the CPU
  await sleep(2000);
  const soloCpuEnd = cpuNow();
  const soloLogEnd = logOffset();
  byCaseNo.clear();

  note(`uploading the materials of ${COUNT} cases beforehand`);
  const prepared: { code: string; attachmentId: string }[][] = [];
  for (let i = 0; i < COUNT; i++) prepared.push(await materials());
  await sleep(2000);

  note(`submitting ${COUNT} cases, one every ${GAP_MS} ms (open loop), ${Math.min(COUNT, operators.length)} different operators`);
  let polling = true;
  const poller = (async () => {
    while (polling) {
      await sleep(POLL_MS);
      await readTimeline();
    }
  })();
  const loadLog = logOffset();
  const loadCpu = cpuNow();
  const start = Date.now() + 100;
  const pending: Promise<Submitted>[] = [];
  for (let i = 0; i < COUNT; i++) {
    const due = start + i * GAP_MS;
    const wait = due - Date.now();
    if (wait > 0) await sleep(wait);
    pending.push(
      submit(i, prepared[i]!).then((s) => {
        if (s.caseNo) byCaseNo.set(s.caseNo, s);
        return s;
      }),
    );
  }
  const submitted = await Promise.all(pending);
  const lastAnswer = Math.max(...submitted.map((s) => s.answeredAt));
  const accepted = submitted.filter((s) => s.caseNo);
  note(`${accepted.length} of ${COUNT} submitted; waiting up to ${GRACE_MS / 1000} s for the rest to be sealed`);
  while (Date.now() < lastAnswer + GRACE_MS && !accepted.every((s) => sealed(s) || s.at['instant.referred'] !== undefined)) await sleep(POLL_MS);
  const loadCpuEnd = cpuNow();
  const loadLogEnd = logOffset();
  polling = false;
  await poller;
  await readTimeline();
  const memory = { workers: workers.map((w) => residentMemoryMb(w.pid!)), server: residentMemoryMb(server.pid!) };

  // what was measured
  const sends = submitted.map((s) => s.sentAt);
  const firstSend = Math.min(...sends);
  const lastSend = Math.max(...sends);
  const lateSends = submitted.filter((s) => s.sentAt - (start + s.index * GAP_MS) > 50).length;
  const inTime = (s: Submitted) => sealed(s) && s.at['sealed.licence']! <= lastAnswer + GRACE_MS;
  const toSealed = accepted.filter(inTime).map((s) => s.at['sealed.licence']! - s.answeredAt);
  const toInstant = accepted.filter((s) => s.at['instant.approved'] !== undefined).map((s) => s.at['instant.approved']! - s.answeredAt);
  const soloSealed = solo.map((s) => s.at['sealed.licence']! - s.answeredAt);
  const soloInstant = solo.filter((s) => s.at['instant.approved'] !== undefined).map((s) => s.at['instant.approved']! - s.answeredAt);
  const ratio = (a: number, b: number) => (b > 0 ? round(a / b, 1) : null);
  emit({
    bench: 'instant.submission_to_sealed_licence_ms',
    definition: `POST /cases answered → the result.sealed entry of ${LICENCE_TITLE} (its created_at), at ${RATE}/s`,
    ...summary(toSealed),
    solo: summary(soloSealed),
    ratioP95LoadToSolo: ratio(percentile(toSealed, 95), percentile(soloSealed, 95)),
    goal: `p95 ≤ 10000 ms at ${RATE} submissions/s`,
  });
  emit({
    bench: 'instant.submission_to_instant_approved_ms',
    definition: `POST /cases answered → the instant.approved entry (its created_at), at ${RATE}/s`,
    ...summary(toInstant),
    solo: summary(soloInstant),
    ratioP95LoadToSolo: ratio(percentile(toInstant, 95), percentile(soloInstant, 95)),
  });
  emit({
    bench: 'instant.load',
    offeredPerSecond: RATE,
    seconds: SECONDS,
    submissions: COUNT,
    answered201: accepted.length,
    achievedPerSecond: COUNT > 1 ? round((COUNT - 1) / ((lastSend - firstSend) / 1000), 2) : null,
    sentMoreThan50msLate: lateSends,
    postAnswerMs: summary(submitted.map((s) => s.answeredAt - s.sentAt)),
    operators: `${Math.min(COUNT, operators.length)} different living adults of the sandbox population registry in turn (applicant 张三 for all); an operator repeats after ${operators.length} cases, when the worker may still hold the record (SHARED_DATA_CACHE_SECONDS, 60 s)`,
    referred: accepted.filter((s) => s.at['instant.referred'] !== undefined).length,
    notSealedWithin60sOfLastSubmission: accepted.length - toSealed.length,
    failedSubmissions: COUNT - accepted.length,
  });
  emit({
    bench: 'instant.segments_ms',
    definition: 'per case, between consecutive timeline entries (created_at); share = the segment’s mean ÷ the mean answer → licence sealed',
    load: segmentsOf(accepted.filter(inTime)),
    solo: segmentsOf(solo),
  });
  emit({
    bench: 'instant.handler_ms',
    definition: 'each external task handler’s own time, lock to completion (the workers’ "task completed" log lines)',
    load: handlerTimes(loadLog, loadLogEnd),
    solo: handlerTimes(soloLog, soloLogEnd),
  });
  emit({
    bench: 'instant.cpu',
    definition:
      'CPU time each process used (user + system, /proc) ÷ the wall time (cores busy), and for solo ÷ its cases (ms per case); machine = every process on it, other = not the platform’s (tests run beside)',
    load: cpuBetween(loadCpu, loadCpuEnd),
    solo: cpuBetween(soloCpu, soloCpuEnd, SOLO),
    idle: cpuBetween(idleCpu, idleCpuEnd),
    workerProcesses: WORKERS,
  });
  const [documents] = await appDb.query<RowDataPacket[]>('SELECT kind, COUNT(*) AS n FROM documents GROUP BY kind ORDER BY kind');
  const [allCases] = await appDb.query<RowDataPacket[]>('SELECT COUNT(*) AS n FROM cases');
  emit({
    bench: 'instant.documents_sealed',
    definition: 'PDFs rendered, stamped and signed, by kind, over every case of the run (warm-up, solo and load)',
    cases: Number(allCases[0]!.n),
    byKind: Object.fromEntries(documents.map((d) => [String(d.kind), Number(d.n)])),
  });
  emit({ bench: 'instant.resident_memory_mb', ...memory });
  emit({ bench: 'instant.storage_per_case', ...(await storagePerCase(Number(allCases[0]!.n))) });
} finally {
  await appDb.end();
  await setup.stop();
  await registries.close();
}
process.exit(0);

/**
 * What a case leaves behind, for sizing (docs/scale.md): both databases' tables (data and indexes,
 * after ANALYZE TABLE so that InnoDB's figures are current) and the stored files (materials,
 * sealed documents) in the data directory, each ÷ the run's cases. A case sealed at the end of its
 * chain; a run whose cases did not all finish says so in `unfinishedCases`.
 */
async function storagePerCase(cases: number) {
  const database = async (name: string) => {
    const [tables] = await appDb.query<RowDataPacket[]>('SELECT table_name AS t FROM information_schema.tables WHERE table_schema = ?', [name]);
    for (const { t } of tables) await appDb.query(`ANALYZE TABLE \`${name}\`.\`${String(t)}\``);
    const [rows] = await appDb.query<RowDataPacket[]>(
      'SELECT table_name AS t, data_length + index_length AS bytes, table_rows AS n FROM information_schema.tables WHERE table_schema = ? ORDER BY bytes DESC',
      [name],
    );
    const bytes = rows.reduce((sum, r) => sum + Number(r.bytes), 0);
    return {
      bytesPerCase: Math.round(bytes / cases),
      largest: rows
        .slice(0, 5)
        .map((r) => ({ table: String(r.t), bytesPerCase: Math.round(Number(r.bytes) / cases), rowsPerCase: round(Number(r.n) / cases, 1) })),
    };
  };
  const filesBytes = (dir: string): number =>
    existsSync(dir)
      ? readdirSync(dir, { withFileTypes: true }).reduce(
          (sum, e) => sum + (e.isDirectory() ? filesBytes(join(dir, e.name)) : statSync(join(dir, e.name)).size),
          0,
        )
      : 0;
  const [unfinished] = await appDb.query<RowDataPacket[]>("SELECT COUNT(*) AS n FROM cases WHERE status NOT IN ('delivering', 'delivered')");
  return {
    definition: 'bytes each case of the run leaves: engine database, app database (data + indexes), stored files (materials and sealed documents)',
    cases,
    unfinishedCases: Number(unfinished[0]!.n),
    engineDatabase: await database('camunda_bench_instant'),
    appDatabase: await database('approval_bench_instant'),
    storedFilesBytesPerCase: Math.round((filesBytes(join(setup.dataDir, 'attachments')) + filesBytes(join(setup.dataDir, 'documents'))) / cases),
  };
}
