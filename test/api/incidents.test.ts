import { expect } from 'chai';
import { api, applicant, auth, completeMaterials, getCase, ITEM, submit, validForm, waitForStatus, waitForTask } from '../support/api.ts';
import { eventually } from '../support/eventually.ts';
import { testEnv } from '../support/environment.ts';
import { replaceProcessAtRest } from '../support/engine.ts';
import { caseWithIncident, FAILING_NOTICE_PROCESS } from '../support/failed-step.ts';
import { NOTIFIED_MARK, notifyNewIncidents, operationsRound } from '../../server/operations/index.ts';
import { StuckCaseDetector, diagnose, stuckCaseDetector } from '../../server/operations/stuck-cases.ts';
import { StuckCaseRow } from '../../server/operations/stuck-case.model.ts';
import { caseByNo, updateCase } from '../../server/cases/index.ts';

/**
 * 运维监控 on the real engine: a failed step raises an incident, the administrator sees it in the
 * console with its case, fixes the cause (a corrected process variable) and retries, and the case
 * goes on; a case moved to a step; a case cancelled with a notice to the applicant; a case whose
 * process is gone found as stuck; bad input and a resolved incident refused in words.
 */

/** A second instance under a case's number with a reviewer's task: what a 一件事's other branch looks like while one branch failed. */
const SIBLING_PROCESS = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="ops-sibling" targetNamespace="http://approval.test/operations">
  <bpmn:process id="ops_sibling_test" name="运维测试并行环节" isExecutable="true" camunda:historyTimeToLive="P1D">
    <bpmn:startEvent id="start" />
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="review" />
    <bpmn:userTask id="review" name="并行审核" camunda:candidateGroups="samr:reviewer" />
    <bpmn:sequenceFlow id="f2" sourceRef="review" targetRef="end" />
    <bpmn:endEvent id="end" />
  </bpmn:process>
</bpmn:definitions>`;

/** A process that stands at a receive task with no message: nothing will ever move it on. */
const DEAD_END_PROCESS = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="ops-dead-end" targetNamespace="http://approval.test/operations">
  <bpmn:process id="ops_dead_end_test" name="运维测试死等" isExecutable="true" camunda:historyTimeToLive="P1D">
    <bpmn:startEvent id="start" />
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="wait" />
    <bpmn:receiveTask id="wait" name="等待回执（无消息）" />
    <bpmn:sequenceFlow id="f2" sourceRef="wait" targetRef="end" />
    <bpmn:endEvent id="end" />
  </bpmn:process>
</bpmn:definitions>`;

interface IncidentRow {
  id: string;
  caseNo: string | null;
  item: { code: string; name: string } | null;
  step: { id: string; name: string };
  error: { message: string; details: string | null };
  retries: number | null;
  since: string;
  retryable: boolean;
}

const send = async (method: 'get' | 'post', user: string, path: string, body?: object, language = 'zh-CN') => {
  const agent = api();
  const req = (method === 'get' ? agent.get(`/api/v1${path}`) : agent.post(`/api/v1${path}`)).set(await auth(user)).set('Accept-Language', language);
  return body === undefined ? req : req.send(body);
};

async function applyOnline(): Promise<string> {
  const res = await submit('applicant', { itemCode: ITEM, applicant: applicant(), form: validForm(), materials: await completeMaterials('applicant') });
  expect(res.status, JSON.stringify(res.body)).to.equal(201);
  return res.body.caseNo as string;
}

async function incidentOf(caseNo: string): Promise<IncidentRow> {
  return eventually(
    `an incident of ${caseNo} in the console`,
    async () => {
      const res = await send('get', 'admin', `/operations/incidents?item=${ITEM}`);
      expect(res.status, JSON.stringify(res.body)).to.equal(200);
      return (res.body.incidents as IncidentRow[]).find((i) => i.caseNo === caseNo);
    },
    30_000,
  );
}

const notificationsOf = async (user: string) =>
  (await send('get', user, '/notifications')).body.notifications as { kind: string; caseNo: string | null; text: string }[];

describe('运维监控: the incident console and the stuck-case detector (server/operations)', function () {
  this.timeout(180_000);

  before(async () => {
    await testEnv().engine.deploy('ops-incident-test', [
      FAILING_NOTICE_PROCESS.resource,
      { name: 'ops-sibling-test.bpmn', content: SIBLING_PROCESS },
      { name: 'ops-dead-end-test.bpmn', content: DEAD_END_PROCESS },
    ]);
  });

  it('the inbox marks a task 异常 while another step of its case failed, and not the task of a case without one', async () => {
    const { engine } = testEnv();
    const { caseNo } = await caseWithIncident();
    await incidentOf(caseNo);
    const sibling = await engine.startProcess('ops_sibling_test', caseNo, {});
    const listed = async () =>
      (
        (
          await api()
            .get('/api/v1/tasks')
            .query({ caseNo })
            .set(await auth('reviewer'))
        ).body.tasks as { taskDefinitionKey: string; incident: boolean }[]
      ).find((t) => t.taskDefinitionKey === 'review');
    await eventually('the task marked 异常', async () => (await listed())?.incident === true, 30_000);
    const healthy = await applyOnline();
    await waitForTask('reviewer', healthy, 'review');
    const plain = (
      await api()
        .get('/api/v1/tasks')
        .query({ caseNo: healthy })
        .set(await auth('reviewer'))
    ).body.tasks as { incident: boolean }[];
    expect(
      plain.map((t) => t.incident),
      'a case without a failed step',
    ).to.deep.equal([false]);
    await engine.deleteProcessInstance(sibling.id, 'test: done');
  });

  it('a failed step is in the console with its case; staff read 异常, the applicant that staff are on it; leaders and administrators are told once; fixed and retried, the case goes on', async () => {
    const { engine, server } = testEnv();
    const { caseNo, instanceId } = await caseWithIncident();
    const incident = await incidentOf(caseNo);
    expect(incident.item).to.deep.equal({ code: ITEM, name: '个体工商户设立登记' });
    expect(incident.step).to.deep.equal({ id: 'tell', name: '办结告知（测试）' });
    expect(incident.error.message).to.contain('has no valid "notice" input (got no_such_notice)');
    expect(incident.retries).to.equal(0);
    expect(incident.retryable).to.equal(true);
    expect(Date.parse(incident.since)).to.be.within(Date.now() - 120_000, Date.now() + 1000);
    // filters: another item, another department, later than now
    for (const query of ['item=SCJG-SP-002', 'department=fire', `since=${new Date(Date.now() + 60_000).toISOString()}`]) {
      const other = await send('get', 'admin', `/operations/incidents?${query}`);
      expect(
        (other.body.incidents as IncidentRow[]).map((i) => i.caseNo),
        query,
      ).not.to.include(caseNo);
    }
    const typed = await send('get', 'admin', '/operations/incidents?type=failedExternalTask&limit=200');
    expect((typed.body.incidents as IncidentRow[]).map((i) => i.caseNo)).to.include(caseNo);

    // the case's page: 异常 to staff with since when and where; to the applicant only that staff are on it
    const staff = (await getCase('reviewer', caseNo)).body;
    expect(staff.statusLabel).to.equal('异常');
    expect(staff.incident).to.deep.equal({ since: incident.since, step: '办结告知（测试）' });
    const mine = (await getCase('applicant', caseNo)).body;
    expect(mine.statusLabel).to.equal('办理中，工作人员处理中');
    expect(mine.incident).to.equal(null);
    const english = await send('get', 'applicant', `/cases/${caseNo}`, undefined, 'en');
    expect(english.body.statusLabel).to.equal('In progress: our staff are handling it');

    // the scheduled round tells the department's leader and the administrators, once
    await notifyNewIncidents(server.ctx);
    await notifyNewIncidents(server.ctx);
    for (const user of ['leader', 'admin']) {
      const told = (await notificationsOf(user)).filter((n) => n.kind === 'incident' && n.caseNo === caseNo);
      expect(told, user).to.have.length(1);
      expect(told[0]!.text).to.contain('办结告知（测试）');
    }
    expect(
      (await notificationsOf('reviewer')).filter((n) => n.kind === 'incident' && n.caseNo === caseNo),
      'not the reviewers',
    ).to.have.length(0);
    const [marked] = await engine.incidents(instanceId);
    expect(marked!.annotation).to.contain(NOTIFIED_MARK);

    // bad input, in words, nothing changed
    const notContract = await send('post', 'admin', `/operations/incidents/${incident.id}/retry`, { variables: { applicantName: '张三' } });
    expect(notContract.status).to.equal(422);
    expect(notContract.body.error.details[0]).to.deep.include({ field: 'variables.applicantName' });
    expect(notContract.body.error.details[0].message).to.match(/^流程变量“applicantName”不能在此更正：只能更正平台约定的流程变量（caseNo、/);
    const objectValue = await send('post', 'admin', `/operations/incidents/${incident.id}/retry`, { variables: { notice: { value: 'approved' } } });
    expect(objectValue.status).to.equal(422);
    const tooMany = await send('post', 'admin', `/operations/incidents/${incident.id}/retry`, { retries: 11 }, 'en');
    expect(tooMany.status).to.equal(422);
    expect(tooMany.body.error.details[0].message).to.match(/^Retries/);
    expect((await send('post', 'admin', '/operations/incidents/no..such/retry', {})).status, 'no engine id').to.equal(404);
    const badSince = await send('get', 'admin', '/operations/incidents?since=yesterday&limit=500');
    expect(badSince.status).to.equal(422);
    expect(badSince.body.error.details.map((d: { field: string }) => d.field)).to.deep.equal(['since', 'limit']);
    expect((await send('post', 'admin', '/operations/incidents/retry', { ids: [] })).status).to.equal(422);
    // the console is the system administrator's
    expect((await send('get', 'leader', '/operations/incidents')).status).to.equal(403);
    expect((await send('post', 'reviewer', `/operations/incidents/${incident.id}/retry`, {})).status).to.equal(403);
    expect((await engine.incidents(instanceId)).length, 'still open').to.equal(1);

    // fixed (the notice corrected) and retried: the step runs again and the case goes on
    const retried = await send('post', 'admin', `/operations/incidents/${incident.id}/retry`, { variables: { notice: 'approved' } });
    expect(retried.status, JSON.stringify(retried.body)).to.equal(200);
    expect(retried.body).to.deep.include({ id: incident.id, caseNo, step: '办结告知（测试）', retries: 1, variables: ['notice'] });
    await waitForStatus('applicant', caseNo, 'approved');
    // the process went on to its next step (a user task of this test process)
    await eventually('the check step after the retried notice', async () =>
      (await engine.tasks({ processInstanceBusinessKey: caseNo })).find((t) => t.taskDefinitionKey === 'check'),
    );
    expect((await getCase('reviewer', caseNo)).body.incident).to.equal(null);

    // resolved: a second retry is refused in words, alone and in a batch
    const again = await send('post', 'admin', `/operations/incidents/${incident.id}/retry`, {});
    expect(again.status).to.equal(409);
    expect(again.body.error.code).to.equal('incident_resolved');
    expect(again.body.error.message).to.match(/^该流程异常已不在未解决的异常中：已经解决/);
    const batch = await send('post', 'admin', '/operations/incidents/retry', { ids: [incident.id, 'unknown-incident'] });
    expect(batch.status).to.equal(200);
    expect(batch.body).to.deep.include({ retried: 0, failed: 2 });
    expect(batch.body.results.map((r: { status: number; code: string }) => [r.status, r.code])).to.deep.equal([
      [409, 'incident_resolved'],
      [409, 'incident_resolved'],
    ]);
  });

  it('retries several incidents at once, each answered', async () => {
    const first = await caseWithIncident();
    const second = await caseWithIncident();
    const [a, b] = [await incidentOf(first.caseNo), await incidentOf(second.caseNo)];
    // both still fail (nothing corrected): each retried, each fails again after its one retry
    const batch = await send('post', 'admin', '/operations/incidents/retry', { ids: [a.id, b.id], retries: 1 });
    expect(batch.status, JSON.stringify(batch.body)).to.equal(200);
    expect(batch.body).to.deep.include({ retried: 2, failed: 0 });
    expect(batch.body.results.map((r: { id: string; ok: boolean }) => [r.id, r.ok])).to.deep.equal([
      [a.id, true],
      [b.id, true],
    ]);
    // a new incident for each: the cause is still there
    const again = await incidentOf(first.caseNo);
    expect(again.id).not.to.equal(a.id);
    for (const c of [first, second]) {
      const cancelled = await send('post', 'admin', `/operations/cases/${c.caseNo}/cancel`, { reason: '测试结束' });
      expect(cancelled.status, JSON.stringify(cancelled.body)).to.equal(200);
    }
  });

  it('moves a case to a chosen step of its process, on its timeline; cancels it with a notice to the applicant', async () => {
    const { engine } = testEnv();
    const caseNo = await applyOnline();
    await waitForTask('reviewer', caseNo, 'review');
    const steps = await send('get', 'admin', `/operations/cases/${caseNo}/steps`);
    expect(steps.status, JSON.stringify(steps.body)).to.equal(200);
    // the review is at work; the join of the 容缺 branch (settled: nothing deferred) waits for it and is left alone
    const current = Object.fromEntries(steps.body.current.map((a: { activityId: string; cancelByDefault: boolean }) => [a.activityId, a.cancelByDefault]));
    expect(current).to.deep.equal({ review: true, results_ready: false });
    expect(steps.body.steps.map((s: { id: string }) => s.id)).to.include.members(['review', 'decision']);

    const notAStep = await send('post', 'admin', `/operations/cases/${caseNo}/move`, { activityId: 'no_such_step', reason: '调整' });
    expect(notAStep.status).to.equal(422);
    expect(notAStep.body.error.details[0]).to.deep.include({ field: 'activityId' });
    expect(notAStep.body.error.details[0].message).to.contain('不是该办件流程中的环节');
    const noReason = await send('post', 'admin', `/operations/cases/${caseNo}/move`, { activityId: 'decision' });
    expect(noReason.status).to.equal(422);
    expect((await send('post', 'admin', '/operations/cases/43010020990101999999/move', { activityId: 'decision', reason: '调整' })).status).to.equal(404);

    const moved = await send('post', 'admin', `/operations/cases/${caseNo}/move`, { activityId: 'decision', reason: '审核已线下完成' });
    expect(moved.status, JSON.stringify(moved.body)).to.equal(200);
    expect(moved.body.from.map((a: { activityId: string }) => a.activityId)).to.deep.equal(['review']);
    const notCurrent = await send('post', 'admin', `/operations/cases/${caseNo}/move`, { activityId: 'review', reason: '调整', cancel: ['review'] });
    expect(notCurrent.status, 'the review was ended by the move').to.equal(422);
    expect(notCurrent.body.error.details[0].message).to.contain('不是办件当前所在的环节');
    expect(moved.body.to.activityId).to.equal('decision');
    await waitForTask('leader', caseNo, 'decision');
    const open = await engine.tasks({ processInstanceBusinessKey: caseNo });
    expect(open.map((t) => t.taskDefinitionKey)).to.deep.equal(['decision']);
    const view = (await getCase('admin', caseNo)).body;
    const entry = view.timeline.find((e: { type: string }) => e.type === 'case.moved');
    expect(entry).to.deep.include({ actor: 'admin', label: '运维调整办理环节' });
    expect(entry.detail).to.deep.include({ reason: '审核已线下完成' });

    const cancelled = await send('post', 'admin', `/operations/cases/${caseNo}/cancel`, { reason: '申请人已另行办理' });
    expect(cancelled.status, JSON.stringify(cancelled.body)).to.equal(200);
    expect(cancelled.body).to.deep.include({ caseNo, status: 'terminated', statusLabel: '终止' });
    const seen = (await getCase('applicant', caseNo)).body;
    expect(seen.status).to.equal('terminated');
    const terminated = seen.timeline.find((e: { type: string }) => e.type === 'case.terminated');
    expect(terminated.detail.notice.text).to.contain('因申请人已另行办理，本机关决定终止办理');
    const told = (await notificationsOf('applicant')).find((n) => n.kind === 'case_terminated' && n.caseNo === caseNo);
    expect(told?.text).to.contain('已终止办理：申请人已另行办理');
    expect(await engine.findProcessInstances({ businessKey: caseNo })).to.deep.equal([]);
    // closed now: neither moved nor cancelled again
    const twice = await send('post', 'admin', `/operations/cases/${caseNo}/cancel`, { reason: '再次终止' }, 'en');
    expect(twice.status).to.equal(409);
    expect(twice.body.error.message).to.equal('The case is closed (Terminated); it can no longer be moved or cancelled');
    expect((await send('post', 'admin', `/operations/cases/${caseNo}/move`, { activityId: 'decision', reason: '调整' })).status).to.equal(409);
  });

  it('finds a case whose process is gone as stuck (two looks), with a diagnosis in words, until it is cancelled', async () => {
    const { engine } = testEnv();
    const caseNo = await applyOnline();
    const accepted = await waitForStatus('applicant', caseNo, 'accepted');
    const healthy = await applyOnline();
    await waitForTask('reviewer', healthy, 'review');
    await engine.deleteProcessInstance(accepted.processInstanceId, 'test: a process lost');

    const res = await send('get', 'admin', '/operations/stuck-cases?look=now');
    expect(res.status, JSON.stringify(res.body)).to.equal(200);
    const stuck = (res.body.cases as { caseNo: string; kind: string; diagnosis: string }[]).find((c) => c.caseNo === caseNo);
    expect(stuck, JSON.stringify(res.body)).to.not.equal(undefined);
    expect(stuck!.kind).to.equal('instance_ended');
    expect(stuck!.diagnosis).to.match(/^流程实例已于 .+ 结束（被外部终止），办件却仍为“受理”/);
    expect(
      (res.body.cases as { caseNo: string }[]).map((c) => c.caseNo),
      'a case in review waits for its reviewer',
    ).not.to.include(healthy);

    const cancelled = await send('post', 'admin', `/operations/cases/${caseNo}/cancel`, { reason: '流程丢失，请重新申请' });
    expect(cancelled.status, JSON.stringify(cancelled.body)).to.equal(200);
    await operationsRound(testEnv().server.ctx);
    await operationsRound(testEnv().server.ctx);
    const after = await send('get', 'admin', '/operations/stuck-cases');
    expect((after.body.cases as { caseNo: string }[]).map((c) => c.caseNo)).not.to.include(caseNo);
  });

  it('looks at a waiting case again only later, at once after it changed or its process ended outside the platform; what it found is kept for every node', async () => {
    const { engine, server } = testEnv();
    const detector = stuckCaseDetector(server.ctx);
    const caseNo = await applyOnline();
    const accepted = await waitForStatus('applicant', caseNo, 'accepted');
    await waitForTask('reviewer', caseNo, 'review');
    await detector.check();
    const waiting = (await caseByNo(caseNo))!;
    expect(waiting.stuckLookAt!.getTime(), 'a case waiting for its reviewer is looked at again a minute or more later').to.be.greaterThan(Date.now() + 50_000);

    // the process ends outside the platform's steps: the case does not change, the engine tells the next look
    await engine.deleteProcessInstance(accepted.processInstanceId, 'test: a process lost');
    await detector.check();
    const candidate = await StuckCaseRow.findByPk(waiting.id);
    expect(candidate?.kind).to.equal('instance_ended');
    expect(candidate?.confirmed, 'found once: a candidate, not listed').to.equal(false);
    expect((await caseByNo(caseNo))!.stuckLookAt!.getTime(), 'looked at again a minute later to confirm').to.be.greaterThan(Date.now() + 50_000);
    await detector.check(true);
    const confirmed = await StuckCaseRow.findByPk(waiting.id);
    expect(confirmed?.confirmed, 'found so twice in a row: listed').to.equal(true);
    expect(confirmed!.firstFoundAt.getTime()).to.equal(candidate!.firstFoundAt.getTime());

    // another node (its own detector, no look of its own yet within the hour) lists the same case from the database
    const otherNode = new StuckCaseDetector(server.ctx);
    const listed = await otherNode.list(3_600_000, 0, 'en');
    const entry = listed.cases.find((c) => c.caseNo === caseNo);
    expect(entry?.kind).to.equal('instance_ended');
    expect(entry?.since).to.equal(candidate!.firstFoundAt.toISOString());
    expect(entry?.diagnosis).to.match(/^The process instance ended at .+ \(terminated from outside\)/);

    // a change of the case makes it due at once; closed, it is never looked at again and leaves the list
    await updateCase((await caseByNo(caseNo))!, { statutoryDueAt: new Date(Date.now() + 30 * 86_400_000) });
    expect((await caseByNo(caseNo))!.stuckLookAt!.getTime()).to.equal(0);
    const cancelled = await send('post', 'admin', `/operations/cases/${caseNo}/cancel`, { reason: '流程丢失，请重新申请' });
    expect(cancelled.status, JSON.stringify(cancelled.body)).to.equal(200);
    expect((await caseByNo(caseNo))!.stuckLookAt).to.equal(null);
    expect((await otherNode.list(3_600_000, 0, 'en')).cases.map((c) => c.caseNo)).not.to.include(caseNo);
    expect(await StuckCaseRow.findByPk(waiting.id), "a closed case's finding is dropped").to.equal(null);
  });

  it('diagnoses a case whose process was suspended outside 特别程序, and one standing where nothing waits, in words', async () => {
    const { engine, server } = testEnv();
    const caseNo = await applyOnline();
    const accepted = await waitForStatus('applicant', caseNo, 'accepted');
    await waitForTask('reviewer', caseNo, 'review');
    await engine.setSuspended(accepted.processInstanceId, true);
    const held = await diagnose(server.ctx, (await caseByNo(caseNo))!);
    expect(held?.kind).to.equal('suspended');
    expect(held?.diagnosis['zh-CN']).to.match(/^流程实例已挂起（.+），但办件不在特别程序中/);
    await engine.setSuspended(accepted.processInstanceId, false);
    expect(await diagnose(server.ctx, (await caseByNo(caseNo))!), 'resumed, it waits for its reviewer').to.equal(null);

    const dead = await applyOnline();
    const instance = { id: (await replaceProcessAtRest(dead, 'ops_dead_end_test')).instanceId };
    await updateCase((await caseByNo(dead))!, { processInstanceId: instance.id });
    const stuck = await diagnose(server.ctx, (await caseByNo(dead))!);
    expect(stuck?.kind).to.equal('waiting_for_nothing');
    expect(stuck?.diagnosis['zh-CN']).to.contain('“等待回执（无消息）”').and.contain('不会再有环节推进它');
    expect(stuck?.diagnosis.en).to.contain('"等待回执（无消息）"');
    await engine.deleteProcessInstance(instance.id, 'test: done');
  });
});
