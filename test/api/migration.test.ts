import { expect } from 'chai';
import { api, applicant, auth, completeMaterials, getCase, ITEM, submit, validForm } from '../support/api.ts';
import { eventually } from '../support/eventually.ts';
import { testEnv } from '../support/environment.ts';
import { replaceProcessAtRest } from '../support/engine.ts';

/**
 * 迁移运行中的办件 on the real engine: a process deployed twice (the review step renamed and moved,
 * the sign-off step replaced), cases running on version 1; the plan maps the steps and names the
 * case sitting in the replaced step as one that would fail; a migration of all is refused with
 * nothing migrated; a migration of the others runs as a batch of the engine to its end, the
 * instances are on version 2, the audit trail and the cases' timelines say so; bad input in words.
 */

const KEY = 'ops_migration_test';
const bpmn = (body: string) => `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="mig-test" targetNamespace="http://approval.test/migration">
  <bpmn:process id="${KEY}" name="迁移测试流程" isExecutable="true" camunda:historyTimeToLive="P1D">
${body}
  </bpmn:process>
</bpmn:definitions>`;

/** Version 1: 审查 then 签批. */
const V1 = bpmn(`    <bpmn:startEvent id="start" />
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="review" />
    <bpmn:userTask id="review" name="审查" camunda:candidateGroups="samr:reviewer" />
    <bpmn:sequenceFlow id="f2" sourceRef="review" targetRef="sign" />
    <bpmn:userTask id="sign" name="签批" camunda:candidateGroups="samr:leader" />
    <bpmn:sequenceFlow id="f3" sourceRef="sign" targetRef="end" />
    <bpmn:endEvent id="end" />`);

/** Version 2: a 登记 step first, the review renamed 实质审查 after it, 签批 replaced by 决定 (another id). */
const V2 = bpmn(`    <bpmn:startEvent id="start" />
    <bpmn:sequenceFlow id="f0" sourceRef="start" targetRef="register" />
    <bpmn:userTask id="register" name="登记" camunda:candidateGroups="samr:reviewer" />
    <bpmn:sequenceFlow id="f1" sourceRef="register" targetRef="review" />
    <bpmn:userTask id="review" name="实质审查" camunda:candidateGroups="samr:reviewer" />
    <bpmn:sequenceFlow id="f2" sourceRef="review" targetRef="decide" />
    <bpmn:userTask id="decide" name="决定" camunda:candidateGroups="samr:leader" />
    <bpmn:sequenceFlow id="f3" sourceRef="decide" targetRef="end" />
    <bpmn:endEvent id="end" />`);

const send = async (method: 'get' | 'post', user: string, path: string, body?: object, language = 'zh-CN') => {
  const agent = api();
  const req = (method === 'get' ? agent.get(`/api/v1${path}`) : agent.post(`/api/v1${path}`)).set(await auth(user)).set('Accept-Language', language);
  return body === undefined ? req : req.send(body);
};

/** A case whose process is replaced by version 1 of the test process (started with the case's number as its business key). */
async function caseOnVersion1(): Promise<{ caseNo: string; instanceId: string }> {
  const res = await submit('applicant', { itemCode: ITEM, applicant: applicant(), form: validForm(), materials: await completeMaterials('applicant') });
  expect(res.status, JSON.stringify(res.body)).to.equal(201);
  const caseNo = res.body.caseNo as string;
  // version 2 is deployed after the cases started: the newest version is version 1
  return { caseNo, instanceId: (await replaceProcessAtRest(caseNo, KEY)).instanceId };
}

describe('迁移运行中的办件: running instances migrated between versions (server/operations/migration-*.ts)', function () {
  this.timeout(240_000);
  const cases: { caseNo: string; instanceId: string }[] = [];

  before(async () => {
    const { engine } = testEnv();
    await engine.deploy('ops-migration-test', [{ name: 'ops-migration-test.bpmn', content: V1 }]);
    for (let n = 0; n < 3; n++) cases.push(await caseOnVersion1());
    // the third case is at 签批, a step version 2 does not have
    const [task] = await engine.tasks({ processInstanceId: cases[2]!.instanceId });
    await engine.completeTask(task!.id, {});
    await engine.deploy('ops-migration-test', [{ name: 'ops-migration-test.bpmn', content: V2 }]);
  });

  it('lists the versions with their running instances; the plan maps the steps and names the case that would fail', async () => {
    const versions = await send('get', 'admin', `/operations/migrations/versions/${KEY}`);
    expect(versions.status, JSON.stringify(versions.body)).to.equal(200);
    expect(versions.body.versions.map((v: { version: number; running: number }) => [v.version, v.running])).to.deep.equal([
      [2, 0],
      [1, 3],
    ]);

    const plan = await send('post', 'admin', '/operations/migrations/plan', { processKey: KEY, sourceVersion: 1, targetVersion: 2 });
    expect(plan.status, JSON.stringify(plan.body)).to.equal(200);
    expect(plan.body.source).to.deep.include({ version: 1, running: 3 });
    expect(plan.body.problems).to.deep.equal([]);
    const review = plan.body.instructions.find((i: { source: { id: string }[] }) => i.source[0]!.id === 'review');
    expect(review).to.deep.include({ source: [{ id: 'review', name: '审查' }], target: [{ id: 'review', name: '实质审查' }] });
    expect(plan.body.unmapped).to.deep.include({ id: 'sign', name: '签批', instances: 1 });
    expect(plan.body.migratable).to.equal(2);
    expect(plan.body.failing).to.equal(1);
    const failing = plan.body.instances.find((i: { ok: boolean }) => !i.ok);
    expect(failing).to.deep.include({ processInstanceId: cases[2]!.instanceId, caseNo: cases[2]!.caseNo, steps: [{ id: 'sign', name: '签批' }] });
    expect(failing.reason).to.equal('办件停留在“签批”，版本 2 中没有对应的环节（迁移计划未映射该环节）');
    const english = await send('post', 'admin', '/operations/migrations/plan', { processKey: KEY, sourceVersion: 1, targetVersion: 2 }, 'en');
    expect(english.body.instances.find((i: { ok: boolean }) => !i.ok).reason).to.equal(
      'The case is at "签批", which has no counterpart in version 2 (the plan does not map that step)',
    );
  });

  it('refuses a migration with an instance that would fail, in words, and migrates nothing', async () => {
    const { engine } = testEnv();
    const refused = await send('post', 'admin', '/operations/migrations', { processKey: KEY, sourceVersion: 1, targetVersion: 2, reason: '流程调整' });
    expect(refused.status, JSON.stringify(refused.body)).to.equal(422);
    expect(refused.body.error.message).to.equal('1 个办件无法迁移到版本 2，未迁移任何办件：请只选择可迁移的办件，或先调整这些办件的环节');
    expect(refused.body.error.details[0].message).to.contain(`办件 ${cases[2]!.caseNo}：办件停留在“签批”`);
    const chosen = await send('post', 'admin', '/operations/migrations', {
      processKey: KEY,
      sourceVersion: 1,
      targetVersion: 2,
      instanceIds: [cases[0]!.instanceId, cases[2]!.instanceId],
      reason: '流程调整',
    });
    expect(chosen.status).to.equal(422);
    expect(chosen.body.error.details[0].field).to.equal('instanceIds.1');
    const running = await engine.processInstancesOfDefinition((await engine.processDefinitionVersions(KEY)).find((d) => d.version === 1)!.id);
    expect(running).to.have.length(3);
  });

  it('migrates the others as a batch to its end: the instances on version 2, the audit trail and the timelines say so', async () => {
    const { engine } = testEnv();
    const [v2, v1] = await engine.processDefinitionVersions(KEY);
    const ids = [cases[0]!.instanceId, cases[1]!.instanceId];
    const started = await send('post', 'admin', '/operations/migrations', {
      processKey: KEY,
      sourceVersion: 1,
      targetVersion: 2,
      instanceIds: ids,
      reason: '审查环节更名并前置登记',
    });
    expect(started.status, JSON.stringify(started.body)).to.equal(202);
    expect(started.body).to.deep.include({ processKey: KEY, sourceVersion: 1, targetVersion: 2, total: 2 });
    const batchId = started.body.batchId as string;

    const progress = await eventually(
      'the batch finished',
      async () => {
        const res = await send('get', 'admin', `/operations/migrations/${batchId}`);
        expect(res.status, JSON.stringify(res.body)).to.equal(200);
        return res.body.finished ? res.body : undefined;
      },
      120_000,
    );
    expect(progress).to.deep.include({ total: 2, done: 2, failed: 0, failures: [] });
    expect(progress.instances.map((i: { state: string }) => i.state)).to.deep.equal(['migrated', 'migrated']);
    const now = await engine.processInstances(ids);
    expect(now.map((i) => i.definitionId)).to.deep.equal([v2!.id, v2!.id]);
    expect((await engine.processInstances([cases[2]!.instanceId]))[0]!.definitionId).to.equal(v1!.id);
    // the open task is version 2's review now (the engine keeps a migrated task's attributes, its name among them)
    const [task] = await engine.tasks({ processInstanceId: cases[0]!.instanceId });
    expect(task).to.deep.include({ taskDefinitionKey: 'review', processDefinitionId: v2!.id });

    const audit = await api()
      .get('/api/v1/audit/events')
      .query({ action: 'operations.instances_migrated' })
      .set(await auth('auditor'));
    const entry = audit.body.events.find((e: { detail: { batchId: string } }) => e.detail.batchId === batchId);
    expect(entry).to.deep.include({ actor: 'admin', target: KEY });
    expect(entry.detail).to.deep.include({ sourceVersion: 1, targetVersion: 2, count: 2, reason: '审查环节更名并前置登记' });
    for (const c of cases.slice(0, 2)) {
      const view = (await getCase('admin', c.caseNo)).body;
      const migrated = view.timeline.find((e: { type: string }) => e.type === 'case.migrated');
      expect(migrated, c.caseNo).to.deep.include({ actor: 'admin', label: '迁移到流程新版本' });
      expect(migrated.detail).to.deep.include({ sourceVersion: 1, targetVersion: 2, batchId });
    }
    const third = (await getCase('admin', cases[2]!.caseNo)).body;
    expect(third.timeline.map((e: { type: string }) => e.type)).not.to.include('case.migrated');
    const versions = await send('get', 'admin', `/operations/migrations/versions/${KEY}`);
    expect(versions.body.versions.map((v: { running: number }) => v.running)).to.deep.equal([2, 1]);
  });

  it("shows a job the engine failed with its case and the engine's message (a batch started past the check)", async () => {
    const { engine } = testEnv();
    const [v2, v1] = await engine.processDefinitionVersions(KEY);
    // the engine's own executeAsync checks the plan, not the instances: the case at 签批 fails in its job
    const plan = await engine.generateMigrationPlan(v1!.id, v2!.id);
    const batch = await engine.migrateAsync(plan, [cases[2]!.instanceId]);
    try {
      const progress = await eventually(
        'the job failed for good',
        async () => {
          const res = await send('get', 'admin', `/operations/migrations/${batch.id}`);
          expect(res.status, JSON.stringify(res.body)).to.equal(200);
          return res.body.finished ? res.body : undefined;
        },
        120_000,
      );
      expect(progress).to.deep.include({ total: 1, done: 0, failed: 1, remaining: 1, instances: null });
      expect(progress.failures).to.have.length(1);
      expect(progress.failures[0]).to.deep.include({ processInstanceId: cases[2]!.instanceId, caseNo: cases[2]!.caseNo, retries: 0 });
      expect(progress.failures[0].message).to.contain('sign');
      expect((await engine.processInstances([cases[2]!.instanceId]))[0]!.definitionId).to.equal(v1!.id);
    } finally {
      await engine.deleteBatch(batch.id);
    }
  });

  it('answers bad input with 4xx in words, never a 500; only administrators may migrate', async () => {
    const plan = (body: object, language = 'zh-CN') => send('post', 'admin', '/operations/migrations/plan', body, language);
    const unknownKey = await send('get', 'admin', '/operations/migrations/versions/no_such_process');
    expect(unknownKey.status).to.equal(404);
    expect(unknownKey.body.error.message).to.equal('流程“no_such_process”没有已部署的版本');
    expect((await send('get', 'admin', '/operations/migrations/versions/%E4%B8%AD..x')).status).to.equal(404);
    const noVersion = await plan({ processKey: KEY, sourceVersion: 1, targetVersion: 9 }, 'en');
    expect(noVersion.status).to.equal(404);
    expect(noVersion.body.error.message).to.equal(`The process "${KEY}" has no version 9 (deployed versions: 2, 1)`);
    const same = await plan({ processKey: KEY, sourceVersion: 2, targetVersion: 2 });
    expect(same.status).to.equal(422);
    expect(same.body.error.message).to.equal('迁出和迁入都是版本 2：请选择另一个版本');
    for (const body of [{}, { processKey: KEY, sourceVersion: 'one', targetVersion: 2 }, { processKey: '../x', sourceVersion: 1, targetVersion: 2 }, []]) {
      const res = await plan(body);
      expect(res.status, JSON.stringify(body)).to.equal(422);
      expect(res.body.error.details?.length ?? 0, JSON.stringify(res.body)).to.be.greaterThan(0);
    }
    const start = (body: object) => send('post', 'admin', '/operations/migrations', body);
    const noReason = await start({ processKey: KEY, sourceVersion: 1, targetVersion: 2 });
    expect(noReason.status).to.equal(422);
    expect(noReason.body.error.details.map((d: { field: string }) => d.field)).to.include('reason');
    const short = await start({ processKey: KEY, sourceVersion: 1, targetVersion: 2, reason: ' ' });
    expect(short.status).to.equal(422);
    const notRunning = await start({ processKey: KEY, sourceVersion: 1, targetVersion: 2, reason: '流程调整', instanceIds: ['no-such-instance'] });
    expect(notRunning.status).to.equal(422);
    expect(notRunning.body.error.details[0].message).to.contain('不是版本 1 运行中的实例');
    expect((await send('get', 'admin', '/operations/migrations/no-such-batch')).status).to.equal(404);
    expect((await send('get', 'admin', '/operations/migrations/..')).status).to.be.within(400, 404);
    for (const user of ['reviewer', 'leader']) {
      expect((await send('post', user, '/operations/migrations/plan', { processKey: KEY, sourceVersion: 1, targetVersion: 2 })).status).to.equal(403);
      expect((await send('get', user, `/operations/migrations/versions/${KEY}`)).status).to.equal(403);
    }
  });
});
