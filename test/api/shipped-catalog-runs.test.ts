import { expect } from 'chai';
import { api, applicant, auth, decide, getCase, submit, uploadRequired } from '../support/api.ts';
import { eventually } from '../support/eventually.ts';
import { deliveryOf } from '../support/delivery.ts';
import { testEnv } from '../support/environment.ts';
import { DEMO_ACCOUNTS } from '../../server/auth/demo-accounts.ts';
import { groupsOf } from '../../server/auth/index.ts';
import { readProcessFolders } from '../../server/catalog/index.ts';
import type { Task } from '../../server/engine/types.ts';

/**
 * Issue 15 item 5: every item and bundle the platform ships runs from the applicant's submission to
 * the delivery of its sealed results, on the demo accounts alone. The list is the catalog the server
 * serves (GET /items, GET /bundles), kept to what processes/ ships (other tests add items through
 * the editor); a new item or bundle is covered without touching this file. Each case is driven by
 * what the engine asks next: every open task is done by the demo account that holds it (its
 * assignee, or one holding a candidate group), so a step nobody can take fails here, naming it.
 */

type Schema = {
  type?: string | string[];
  properties?: Record<string, Schema>;
  enum?: unknown[];
  const?: unknown;
  format?: string;
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  title?: string;
};
type Material = { code: string; formats: string[]; required: boolean; when?: Record<string, unknown> | null };
type Question = { code: string; type: string; options?: { value: string }[] };
type Result = { name: string; kind: string; material?: string };
type ItemView = { code: string; departmentCode: string; formSchema: Schema; materials: Material[]; situations?: Question[]; results: Result[] };

const ID_NO = applicant().idNo;
/** A value for each format the item forms use (a valid check digit where there is one). */
const BY_FORMAT: Record<string, string> = {
  'cn-id-card': ID_NO,
  'cn-mobile': '13800138000',
  'cn-credit-code': '91350100M000100Y43',
  'person-name': '张三',
  date: '2026-01-15',
  'date-time': '2026-01-15T10:00:00+08:00',
  email: 'zhangsan@example.com',
};
/** Candidates for a pattern no format names (the first that matches is taken). */
const PATTERN_CANDIDATES = ['2026-01', '2026-01-15', '430100', '123456', 'A1', '1'];

/** A value the field's schema takes: the form checks at intake are the schema's (POST /cases). */
function valueFor(name: string, schema: Schema): unknown {
  if ('const' in schema) return schema.const;
  if (schema.enum?.length) return schema.enum[0];
  const type = Array.isArray(schema.type) ? schema.type.find((t) => t !== 'null') : schema.type;
  if (type === 'boolean') return true;
  if (type === 'integer' || type === 'number') {
    const low = schema.minimum ?? (schema.exclusiveMinimum !== undefined ? schema.exclusiveMinimum + 1 : 1);
    return Math.min(Math.max(low, 1), schema.maximum ?? Number.MAX_SAFE_INTEGER);
  }
  if (type !== 'string') throw new Error(`form field "${name}": no sample value for type ${JSON.stringify(schema.type)}`);
  if (schema.format) {
    const value = BY_FORMAT[schema.format];
    if (!value) throw new Error(`form field "${name}": no sample value for format "${schema.format}"`);
    return value;
  }
  if (schema.pattern) {
    const pattern = new RegExp(schema.pattern, 'u');
    const value = PATTERN_CANDIDATES.find((c) => pattern.test(c));
    if (!value) throw new Error(`form field "${name}": no sample value matches /${schema.pattern}/`);
    return value;
  }
  const base = /name$/i.test(name) || schema.title?.includes('姓名') ? '张三' : `长沙市芙蓉区五一大道100号${schema.title ?? name}`;
  const min = schema.minLength ?? 0;
  return base.padEnd(min, '示').slice(0, schema.maxLength ?? base.length);
}

const formFor = (schema: Schema) => Object.fromEntries(Object.entries(schema.properties ?? {}).map(([name, field]) => [name, valueFor(name, field)]));

const applies = (when: Record<string, unknown> | null | undefined, answers: Record<string, unknown>) =>
  !when || Object.entries(when).every(([question, value]) => answers[question] === value);

/** Every combination of answers to the questions (yes before no, options in order). */
function answerSets(questions: Question[]): Record<string, unknown>[] {
  return questions.reduce<Record<string, unknown>[]>(
    (sets, q) => {
      const values = q.type === 'boolean' ? [true, false] : (q.options ?? []).map((o) => o.value);
      if (!values.length) throw new Error(`question "${q.code}": no sample answers for type "${q.type}"`);
      return sets.flatMap((set) => values.map((v) => ({ ...set, [q.code]: v })));
    },
    [{}],
  );
}

/** The demo account that takes a task: its assignee, or one holding a group it is offered to. */
async function holderOf(task: Task, caseNo: string): Promise<string> {
  if (task.assignee) return task.assignee;
  const groups = (await testEnv().engine.identityLinks(task.id)).filter((l) => l.type === 'candidate' && l.groupId).map((l) => l.groupId!);
  const holder = DEMO_ACCOUNTS.find((a) => groupsOf(a).some((g) => groups.includes(g)));
  if (!holder)
    throw new Error(`${caseNo}: the task "${task.name}" (${task.taskDefinitionKey}) is offered to ${groups.join(', ')}, which no demo account holds`);
  return holder.username;
}

/** Cases at once: the engine, the server and the workers share the machine (2 cores in CI) with the rest of the suite. */
const ITEMS_AT_ONCE = 6;
const BUNDLES_AT_ONCE = 3;

const STOPPED = ['correction', 'not_accepted', 'refused', 'partially_approved', 'withdrawn', 'terminated'];

/**
 * Takes a submitted case to its end: does every task its item cases open, as the demo account that
 * holds it, pays when asked, and fails at once on an engine incident or a case that stops short.
 */
async function driveToDelivery(caseNo: string): Promise<Record<string, unknown>> {
  const { engine } = testEnv();
  let paid = false;
  let last: Record<string, unknown> | undefined;
  return eventually(
    `case ${caseNo} to be delivered`,
    async () => {
      const res = await getCase('applicant', caseNo);
      expect(res.status, JSON.stringify(res.body)).to.equal(200);
      const c = (last = res.body as Record<string, unknown>);
      if (c.status === 'delivered') return c;
      if (STOPPED.includes(c.status as string)) throw new Error(`${caseNo} stopped as "${c.status}": ${JSON.stringify(c.timeline)}`);
      const caseNos = [caseNo, ...((c.items as { caseNo: string }[] | undefined) ?? []).map((i) => i.caseNo)];
      if (c.processInstanceId) {
        const incidents = await engine.incidents(c.processInstanceId as string);
        if (incidents.length) {
          // the cause is a machine step (of a called process) out of retries: its error says why
          const failed = (await engine.externalTasks({ noRetriesLeft: true })).filter((t) => caseNos.includes(t.businessKey ?? ''));
          const causes = failed.map((t) => `${t.topicName} of ${t.businessKey}: ${t.errorMessage}`);
          throw new Error(
            `engine incident at ${incidents.map((i) => i.activityId).join(', ')}: ${causes.join('; ') || incidents.map((i) => i.incidentMessage).join('; ')}`,
          );
        }
      }
      if (c.status === 'awaiting_payment' && !paid) {
        const due = await api()
          .get(`/api/v1/cases/${caseNo}/payment`)
          .set(await auth('applicant'));
        expect(due.body, `${caseNo}: a fee to pay`).to.include({ required: true, status: 'unpaid' });
        testEnv().payments.control.pay(due.body.orderNo as string);
        paid = true;
      }
      for (const no of caseNos) {
        const [task] = await engine.tasks({ processInstanceBusinessKey: no, sorting: [{ sortBy: 'created', sortOrder: 'asc' }] });
        if (!task) continue;
        const outcome = task.taskDefinitionKey === 'acceptance_review' ? 'accepted' : 'approve';
        await decide(await holderOf(task, no), no, task.taskDefinitionKey, outcome);
      }
      return undefined;
    },
    120_000,
    { intervalMs: 250, last: () => ({ status: last?.status, items: last?.items }) },
  );
}

/** What a delivered case must carry: every item case's sealed decision, and an e-licence for each licence result the catalog issues one for. */
async function checkDelivered(caseNo: string, items: { caseNo: string; item: ItemView }[], eLicenseOf: Map<string, string | null>) {
  const delivery = await deliveryOf('applicant', caseNo);
  expect(delivery, `${caseNo}: delivered electronically`).to.include({ started: true, method: 'electronic', status: 'delivered' });
  const documents = (delivery.documents as { caseNo: string; kind: string }[]).map((d) => `${d.caseNo}:${d.kind}`);
  for (const { caseNo: itemCaseNo, item } of items) {
    expect(documents, `${item.code}: its sealed decision`).to.include(`${itemCaseNo}:decision_approved`);
    const licences = item.results.filter((r) => r.kind === 'license' && r.material && eLicenseOf.get(r.material));
    expect(
      documents.filter((d) => d === `${itemCaseNo}:e_license`),
      `${item.code}: its e-licences`,
    ).to.have.length(licences.length);
  }
  const c = (await getCase('applicant', caseNo)).body;
  const { engine } = testEnv();
  await eventually(`the process of ${caseNo} to end`, async () => (await engine.historicProcessInstance(c.processInstanceId)).state === 'COMPLETED');
  expect(await engine.incidents(c.processInstanceId), `${caseNo}: no incident`).to.deep.equal([]);
}

/** Runs `run` over `list`, `limit` at a time, and logs how long each took; answers each one's failure, if any. */
async function inParallel<T>(list: T[], limit: number, name: (x: T) => string, run: (x: T) => Promise<void>): Promise<{ x: T; error: unknown }[]> {
  const failures: { x: T; error: unknown }[] = [];
  const took: string[] = [];
  const queue = [...list];
  await Promise.all(
    Array.from({ length: Math.min(limit, list.length) }, async () => {
      for (let x = queue.shift(); x !== undefined; x = queue.shift()) {
        const started = Date.now();
        try {
          await run(x);
        } catch (error) {
          failures.push({ x, error });
        }
        took.push(`${name(x)} ${((Date.now() - started) / 1000).toFixed(1)} s`);
      }
    }),
  );
  console.log(`      ${took.join(', ')}`);
  return failures;
}

const planName = (p: Plan) => `${p.code} ${JSON.stringify(p.answers)}`;

const report = <T>(failures: { x: T; error: unknown }[], name: (x: T) => string = String) =>
  failures.map(({ x, error }) => `${name(x)}: ${error instanceof Error ? error.message : String(error)}`).join('\n');

type Plan = { code: string; answers: Record<string, unknown>; items: { code: string }[]; materials: Material[]; form: Schema };

/**
 * 场景式导航: the fewest answer sets whose plans together select every item of the bundle (greedy:
 * each time the one that adds the most items not yet selected; one set for the shipped bundles).
 */
async function plansCovering(code: string): Promise<Plan[]> {
  const bundle = (await api().get(`/api/v1/bundles/${code}`)).body as { questionnaire: Question[]; items: { code: string }[] };
  const candidates: Plan[] = [];
  for (const answers of answerSets(bundle.questionnaire)) {
    const res = await api().post(`/api/v1/bundles/${code}/plan`).send({ answers });
    expect(res.status, `${code} ${JSON.stringify(answers)}: ${JSON.stringify(res.body)}`).to.equal(200);
    candidates.push({ ...(res.body as Plan), code, answers });
  }
  const left = new Set(bundle.items.map((i) => i.code));
  const chosen: Plan[] = [];
  while (left.size) {
    const gain = (p: Plan) => p.items.filter((i) => left.has(i.code)).length;
    const best = candidates.reduce((a, b) => (gain(b) > gain(a) ? b : a));
    expect(gain(best), `${code}: no answers select ${[...left].join(', ')}`).to.be.greaterThan(0);
    chosen.push(best);
    for (const i of best.items) left.delete(i.code);
  }
  return chosen;
}

const itemView = async (code: string): Promise<ItemView> => {
  const res = await api().get(`/api/v1/items/${code}`);
  expect(res.status, JSON.stringify(res.body)).to.equal(200);
  return res.body as ItemView;
};

describe('every shipped item and bundle runs to delivery on the demo accounts (issue 15 item 5)', function () {
  this.timeout(600_000);
  const shipped = { items: new Set<string>(), bundles: new Set<string>() };
  let eLicenseOf: Map<string, string | null>;

  before(async () => {
    for (const folder of readProcessFolders(testEnv().config.processesDir)) {
      if (folder.item) shipped.items.add(folder.item.definition.code);
      if (folder.bundle) shipped.bundles.add(folder.bundle.definition.code);
    }
    const materials = await api().get('/api/v1/catalog/materials');
    expect(materials.status).to.equal(200);
    const list = materials.body.materials as { code: string; eLicense: string | null }[];
    eLicenseOf = new Map(list.map((m) => [m.code, m.eLicense]));
  });

  it('has a reviewer and a leader among the demo accounts for every department a shipped item names', async () => {
    const items = (await api().get('/api/v1/items')).body.items as { code: string; departmentCode: string }[];
    const departments = new Set(items.filter((i) => shipped.items.has(i.code)).map((i) => i.departmentCode));
    for (const department of departments)
      for (const role of ['reviewer', 'leader'] as const)
        expect(
          DEMO_ACCOUNTS.some((a) => a.departmentCode === department && a.roles.includes(role)),
          `a demo ${role} of ${department}`,
        ).to.equal(true);
  });

  it('takes every shipped item, applied for on its own, from submission to delivered results', async () => {
    const served = ((await api().get('/api/v1/items')).body.items as { code: string }[]).map((i) => i.code);
    expect(served, 'the server serves every item processes/ ships').to.include.members([...shipped.items]);
    const codes = served.filter((code) => shipped.items.has(code));
    const started = Date.now();
    const failures = await inParallel(codes, ITEMS_AT_ONCE, String, async (code) => {
      const item = await itemView(code);
      // 办理情形: an item that asks questions gets answers (yes first); one that asks none gets none
      const answers = item.situations?.length ? answerSets(item.situations)[0]! : undefined;
      const materials = await uploadRequired(
        'applicant',
        item.materials.filter((m) => applies(m.when, answers ?? {})),
      );
      const res = await submit('applicant', { itemCode: code, applicant: applicant(), answers, form: formFor(item.formSchema), materials });
      expect(res.status, JSON.stringify(res.body)).to.equal(201);
      const caseNo = res.body.caseNo as string;
      await driveToDelivery(caseNo);
      await checkDelivered(caseNo, [{ caseNo, item }], eLicenseOf);
    });
    console.log(`      ${codes.length} items in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    expect(failures.length, report(failures)).to.equal(0);
  });

  it('takes every shipped bundle, with answers that select each of its items, from submission to delivered results', async () => {
    const served = ((await api().get('/api/v1/bundles')).body.bundles as { code: string }[]).map((b) => b.code);
    expect(served, 'the server serves every bundle processes/ ships').to.include.members([...shipped.bundles]);
    const codes = served.filter((code) => shipped.bundles.has(code));
    const plans: Plan[] = [];
    for (const code of codes) plans.push(...(await plansCovering(code)));
    const started = Date.now();
    const failures = await inParallel(plans, BUNDLES_AT_ONCE, planName, async (plan) => {
      const materials = await uploadRequired('applicant', plan.materials);
      const res = await submit('applicant', { bundleCode: plan.code, answers: plan.answers, applicant: applicant(), form: formFor(plan.form), materials });
      expect(res.status, JSON.stringify(res.body)).to.equal(201);
      const caseNo = res.body.caseNo as string;
      const delivered = await driveToDelivery(caseNo);
      expect(delivered.decision, 'every item approved').to.equal('approved');
      const itemCases = delivered.items as { caseNo: string; itemCode: string }[];
      expect(itemCases.map((i) => i.itemCode)).to.have.members(plan.items.map((i) => i.code));
      await checkDelivered(caseNo, await Promise.all(itemCases.map(async (i) => ({ caseNo: i.caseNo, item: await itemView(i.itemCode) }))), eLicenseOf);
    });
    console.log(`      ${plans.length} bundle cases (${codes.join(', ')}) in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    expect(
      failures.length,
      report(failures, (p) => `${p.code} ${JSON.stringify(p.answers)}`),
    ).to.equal(0);
  });
});
