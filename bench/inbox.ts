/**
 * `npm run bench -- inbox`: the inbox at a city's volume on the production setup (engine and app on
 * MariaDB). A million cases in the app's database, 100,000 of them open with a user task each in the
 * engine (spread over the departments' roles and three regions, a tenth claimed), then, side by side
 * in one run for the same reviewer:
 *   - ours: GET /tasks's work (inboxPage: the first page of 20, most urgent first, and the counts of
 *     the whole inbox by scope, colour, item, bundle and channel) on the inbox's copy of the tasks;
 *   - the engine's own task query for the same person (their tasks, and their roles' unclaimed tasks
 *     in their region: a page of 20 oldest first, and the two counts), which is what the inbox read
 *     before, with no counts by item, colour or channel at all.
 * Also: how long the sync round's whole comparison takes to fill an empty copy from the engine.
 * Prints one JSON line.
 */
import { performance } from 'node:perf_hooks';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import type { CreationAttributes } from 'sequelize';
import { pino } from 'pino';
import { loadConfig } from '../server/config/load.ts';
import { EngineClient } from '../server/engine/client.ts';
import { newNodeId } from '../server/scheduling/nodes.ts';
import { Case } from '../server/cases/case.model.ts';
import { openDatabase } from '../server/db/index.ts';
import { seedDemoAccounts } from '../server/auth/demo-accounts.ts';
import { syncDepartments } from '../server/organization/departments.ts';
import { Department } from '../server/organization/department.model.ts';
import { calendarFor } from '../server/calendar/calendar.repository.ts';
import { inboxSync } from '../server/inbox/inbox-sync.ts';
import { inboxCounts, inboxList, inboxPage } from '../server/inbox/inbox-query.ts';
import type { Principal } from '../server/auth/principal.ts';
import type { AppContext } from '../server/context.ts';
import type { TokenService } from '../server/auth/tokens.ts';
import { startEngine } from '../scripts/lib/engine.ts';
import { appDbUrl, benchMysql as mysql, freshDatabases, productionSecrets } from './mysql.ts';
import { percentile, round } from './stats.ts';

const CASES = Number(process.env.BENCH_INBOX_CASES ?? 1_000_000);
const OPEN = Number(process.env.BENCH_INBOX_OPEN_TASKS ?? 100_000);
const SAMPLES = Number(process.env.BENCH_INBOX_SAMPLES ?? 200);
const CONCURRENCY = 8;
const DAY_MS = 86_400_000;
const REGIONS = ['430100', '430104', '430103'];
const ITEMS = ['food_licence', 'business_register', 'fire_check', 'outdoor_ad', 'birth_register', 'tax_register'];
const CHANNELS = ['web', 'mobile', 'window', 'kiosk', 'assisted'];

const note = (message: string) => console.error(`[bench] ${message}`);
const secret = () => randomBytes(40).toString('base64url');

const PROCESS = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="bench-inbox" targetNamespace="http://approval.bench/inbox">
  <bpmn:process id="bench_inbox" isExecutable="true" camunda:historyTimeToLive="P1D">
    <bpmn:startEvent id="start" />
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="review" />
    <bpmn:userTask id="review" name="审核" camunda:candidateGroups="\${group}" camunda:assignee="\${assignee}" />
    <bpmn:sequenceFlow id="f2" sourceRef="review" targetRef="end" />
    <bpmn:endEvent id="end" />
  </bpmn:process>
</bpmn:definitions>`;

await freshDatabases(['camunda_bench_inbox', 'approval_bench_inbox']);
const dataDir = mkdtempSync(join(tmpdir(), 'approval-bench-inbox-'));
const engineUser = 'benchservice';
const enginePassword = secret();
note('starting the engine on MariaDB');
const engine = await startEngine({
  port: 0,
  dataDir: join(dataDir, 'engine'),
  dbUrl: `jdbc:mariadb://${mysql.host}:${mysql.port}/camunda_bench_inbox`,
  dbUser: mysql.user,
  dbPassword: mysql.password,
  user: engineUser,
  password: enginePassword,
});
const config = loadConfig({
  APP_MODE: 'production',
  APP_DB_URL: appDbUrl('approval_bench_inbox'),
  ENGINE_URL: engine.url,
  ENGINE_USER: engineUser,
  ENGINE_PASSWORD: enginePassword,
  ...productionSecrets(),
  LOG_LEVEL: 'warn',
  DATA_DIR: dataDir,
});
const client = new EngineClient(config.engine);
const db = await openDatabase(config);
await syncDepartments();
await seedDemoAccounts();
const ctx: AppContext = {
  config,
  logger: pino({ level: 'warn' }),
  sequelize: db.sequelize,
  engine: client,
  tokens: null as unknown as TokenService,
  nodeId: newNodeId(),
};
const departments = (await Department.findAll()).map((d) => d.code).filter((d) => d !== 'samr');
const calendar = await calendarFor(config.regionCode);
const now = new Date();

/** The reviewer measured: samr's reviewer in the city, who sees a third of the open tasks (their role's in their region, and their own). */
const reviewer: Principal = { id: 1, username: 'bench-reviewer', displayName: '测试审核员', roles: ['reviewer'], departmentCode: 'samr', regionCode: '430100' };
const groupOf = (i: number) => (i % 3 === 0 ? 'samr:reviewer' : `${departments[i % departments.length]}:${i % 2 ? 'reviewer' : 'leader'}`);
const regionOf = (i: number) => REGIONS[Math.floor(i / 3) % REGIONS.length]!;
const assigneeOf = (i: number) => (i % 10 === 0 ? reviewer.username : i % 10 === 5 ? `someone-${i % 50}` : null);

/** The open cases' instances, each with its user task; their instance ids, by case number. */
async function startOpenInstances(): Promise<string[]> {
  const ids: string[] = new Array(OPEN);
  let next = 0;
  let done = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < OPEN) {
        const i = next++;
        const assignee = assigneeOf(i);
        const instance = await client.startProcess('bench_inbox', caseNo(i), {
          group: { value: groupOf(i), type: 'String' },
          assignee: assignee ? { value: assignee, type: 'String' } : { value: null, type: 'Null' },
          regionCode: { value: regionOf(i), type: 'String' },
        });
        ids[i] = instance.id;
        if (++done % 10_000 === 0) note(`${done} instances (${round(done / ((performance.now() - started) / 1000), 0)}/s)`);
      }
    }),
  );
  return ids;
}

const caseNo = (i: number) => `430100${String(i).padStart(14, '0')}`;

/** A million cases: the open ones with their instances and clocks, the rest finished over the year. */
async function seedCases(instanceIds: string[]): Promise<void> {
  let rows: CreationAttributes<Case>[] = [];
  for (let i = 0; i < CASES; i++) {
    const open = i < OPEN;
    const promisedDays = 5 + (i % 16);
    const acceptedAt = new Date(now.getTime() - Math.random() * (open ? promisedDays * 1.5 : 365) * DAY_MS);
    const promisedDueAt = calendar.due(acceptedAt, promisedDays).due;
    rows.push({
      caseNo: caseNo(i),
      itemCode: ITEMS[i % ITEMS.length]!,
      itemVersion: 1,
      departmentCode: open ? groupOf(i).split(':')[0]! : 'samr',
      regionCode: open ? regionOf(i) : REGIONS[i % 3]!,
      channel: CHANNELS[i % CHANNELS.length] as Case['channel'],
      status: open ? 'in_review' : 'delivered',
      applicantName: '测试',
      applicantIdType: 'resident_id',
      applicantIdNo: '110101199003074514',
      applicantPhone: '13800000000',
      form: {},
      submittedBy: 1,
      finishedAt: open ? null : promisedDueAt,
      acceptedAt,
      promisedDueAt,
      statutoryDueAt: promisedDueAt,
      processInstanceId: open ? instanceIds[i]! : null,
    });
    if (rows.length === 5000) {
      await Case.bulkCreate(rows, { hooks: false });
      rows = [];
      if ((i + 1) % 100_000 === 0) note(`${i + 1} cases`);
    }
  }
  if (rows.length) await Case.bulkCreate(rows, { hooks: false });
}

async function sample(run: () => Promise<unknown>): Promise<{ medianMs: number; p95Ms: number }> {
  const times: number[] = [];
  for (let i = 0; i < SAMPLES + 10; i++) {
    const t = performance.now();
    await run();
    if (i >= 10) times.push(performance.now() - t); // the first ten warm up
  }
  return { medianMs: round(percentile(times, 50), 2), p95Ms: round(percentile(times, 95), 2) };
}

try {
  await client.deploy('bench-inbox', [{ name: 'bench-inbox.bpmn', content: PROCESS }]);
  note(`starting ${OPEN} instances with a user task each`);
  const instanceIds = await startOpenInstances();
  note(`seeding ${CASES} cases`);
  await seedCases(instanceIds);

  note("filling the inbox's copy from the engine (the sync round's whole comparison)");
  const fill = performance.now();
  await inboxSync(ctx).full();
  const fillMs = performance.now() - fill;

  const offered = { candidateGroups: ['samr:reviewer'], unassigned: true, processVariables: [{ name: 'regionCode', operator: 'eq', value: '430100' }] };
  const mine = { assignee: reviewer.username };
  const oursPage = await sample(() => inboxList(ctx, reviewer, {}, 'zh-CN'));
  const oursCounts = await sample(() => inboxCounts(ctx, reviewer));
  const oursBoth = await sample(() => inboxPage(ctx, reviewer, {}, 'zh-CN'));
  const enginePage = await sample(() =>
    Promise.all([
      client.tasks({ ...mine, sorting: [{ sortBy: 'created', sortOrder: 'asc' }] }, 0, 20),
      client.tasks({ ...offered, sorting: [{ sortBy: 'created', sortOrder: 'asc' }] }, 0, 20),
    ]),
  );
  const engineCounts = await sample(() => Promise.all([client.taskCount(mine), client.taskCount(offered)]));
  const answer = await inboxPage(ctx, reviewer, {}, 'zh-CN');
  const [held, groupCount] = await Promise.all([client.taskCount(mine), client.taskCount(offered)]);
  const filtered = await sample(() => inboxList(ctx, reviewer, { colour: 'red', itemCode: ITEMS[0] }, 'zh-CN'));
  const lastPage = await sample(() => inboxList(ctx, reviewer, { offset: String(Math.max(answer.total - 20, 0)) }, 'zh-CN'));
  console.log(
    JSON.stringify({
      measure: 'inbox_ms',
      definition: `one reviewer's inbox with ${CASES} cases and ${OPEN} open tasks; ours = GET /tasks's work: the first page of 20 most urgent first with its exact total, described from its cases, and the counts of the whole inbox by scope, colour, item, bundle and channel; engine = its own task query for the same person (their tasks and their role's unclaimed tasks in their region: a page of 20 each, and the two counts)`,
      cases: CASES,
      openTasks: OPEN,
      reviewerSees: answer.total,
      sameTotalAsEngine: answer.total === held + groupCount,
      ours: { firstPage: oursPage, counts: oursCounts, pageWithCounts: oursBoth, filteredRedOfOneItem: filtered, lastPage },
      engine: { firstPages: enginePage, counts: engineCounts, countsByItemColourChannel: 'not offered by the engine' },
      ratioFirstPageMedian: round(enginePage.medianMs / Math.max(oursPage.medianMs, 0.01), 2),
      ratioCountsMedian: round(engineCounts.medianMs / Math.max(oursCounts.medianMs, 0.01), 2),
      fillEmptyCopyFromEngineMs: round(fillMs, 0),
      goal: 'first page p95 ≤ 50 ms, counts p95 ≤ 100 ms',
    }),
  );
} finally {
  await db.close();
  await engine.stop();
  rmSync(dataDir, { recursive: true, force: true });
}
process.exit(0);
