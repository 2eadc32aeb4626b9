// test-plan: every-profile — every call of the engine client, on both engines (Camunda and Operaton) and both databases
import { expect } from 'chai';
import { randomUUID } from 'node:crypto';
import { BasicAuthInterceptor, Client, type Task as LockedTask } from 'camunda-external-task-client-js';
import { testEnv } from '../support/environment.ts';
import { engineCall, externalTasksOf, instanceOf, passDeadline } from '../support/engine.ts';
import { eventually } from '../support/eventually.ts';
import { contractedClient, expectAnswer, startRecordingProxy, type Exchange } from '../support/engine-contract.ts';
import * as models from '../support/engine-contract-models.ts';
import { EngineError, type EngineClient } from '../../server/engine/client.ts';
import { batchCompletionResultSchema, ENGINE_CALL_ANSWERS, engineErrorSchema, lockedExternalTaskSchema } from '../../server/engine/contract-schemas.ts';
import { engineDate } from '../../server/engine/engine-date.ts';
import type { BatchCompletionResult, ProcessInstance, Task } from '../../server/engine/types.ts';
import type { MigrationPlan } from '../../server/engine/migration-types.ts';
import { isTaskGone } from '../../server/inbox/task-races.ts';
import { startWorkerRuntime, type WorkerRuntime } from '../../workers/runtime/worker-runtime.ts';
import { BATCH_COMPLETE_PATH } from '../../workers/runtime/batch-completion.ts';
import { BpmnOutcome, type TopicHandler } from '../../workers/runtime/handler.ts';

/**
 * The engine's REST API as the platform uses it, on the engine the tests start (Camunda 7.24, or
 * Operaton with ENGINE_FLAVOUR=operaton): every call of server/engine/client.ts, with the bodies
 * and query parameters the platform's code passes, each answer checked against its schema
 * (server/engine/contract-schemas.ts: the fields the platform reads) and each parameter and body
 * field against its effect on the engine; every refusal the platform tells apart by its status
 * or type; and the external task calls of the workers (fetchAndLock, complete in batches through
 * the engine host's batch completion, bpmnError, failure, unlock; extendLock), made by the workers'
 * own runtime, and the batch completion's answers per task. A renamed path, an ignored parameter or
 * body field, or a changed answer field fails here before it fails a case.
 */

const PREFIX = `CT${Date.now().toString(36).toUpperCase()}`;
const key = (n: string) => `${PREFIX}-${n}`;
const str = (value: string) => ({ value, type: 'String' });
const ms = (instant: string | null) => (instant ? new Date(instant).getTime() : NaN);

/** The EngineError a refused call throws (its status and type are what the platform reads). */
async function refusal(call: Promise<unknown>): Promise<EngineError> {
  try {
    await call;
  } catch (err) {
    if (err instanceof EngineError && err.status > 0) return err;
    throw err;
  }
  return expect.fail('the engine did not refuse the call');
}

describe('the engine REST contract: every call the platform makes, on this engine', function () {
  this.timeout(240_000);
  let engine: EngineClient;
  let checked: Set<string>;
  let closeProxies: (() => Promise<void>)[] = [];
  const started: string[] = [];
  const start = async (processKey: string, businessKey: string, variables = {}) => {
    const instance = await engine.startProcess(processKey, businessKey, variables);
    started.push(instance.id);
    return instance;
  };
  const onlyTask = async (processInstanceId: string, taskDefinitionKey: string): Promise<Task> =>
    eventually(`the task ${taskDefinitionKey} of ${processInstanceId}`, async () => {
      const tasks = await engine.tasks({ processInstanceId, taskDefinitionKey });
      return tasks.length === 1 ? tasks[0] : undefined;
    });

  before(async () => {
    const { config } = testEnv();
    const proxy = await startRecordingProxy(config.engine.url);
    closeProxies.push(proxy.close);
    const contracted = contractedClient(proxy.url, config.engine.user, config.engine.password, proxy.exchanges);
    engine = contracted.client;
    checked = contracted.checked;
  });

  after(async () => {
    for (const id of started) await engineCall('DELETE', `/process-instance/${id}?skipCustomListeners=true`).catch(() => undefined);
    for (const close of closeProxies) await close();
    closeProxies = [];
  });

  it('deploys processes with their form and decisions, for a tenant too, filtering duplicates, and finds what it deployed', async () => {
    expect((await engine.version()).version).to.match(/^\d+\.\d+/);
    const before = await engine.deploymentCount();
    const files = [
      { name: 'contract-user.bpmn', content: models.USER_PROCESS },
      { name: 'contract_form.form', content: models.USER_FORM },
      { name: 'contract-unlinked.bpmn', content: models.UNLINKED_FORM_PROCESS },
      { name: 'contract-parent.bpmn', content: models.PARENT_PROCESS },
      { name: 'contract-failing-job.bpmn', content: models.FAILING_JOB_PROCESS },
      { name: 'contract-external.bpmn', content: models.EXTERNAL_PROCESS },
      { name: 'contract-extend.bpmn', content: models.EXTEND_PROCESS },
      { name: 'contract-batch.bpmn', content: models.BATCH_PROCESS },
    ];
    const deployment = await engine.deploy('contract processes', files);
    const keys = Object.values(deployment.deployedProcessDefinitions ?? {}).map((d) => d.key);
    expect(keys).to.include.members([
      'contract_user',
      'contract_unlinked_form',
      'contract_parent',
      'contract_failing_job',
      'contract_external',
      'contract_extend',
      'contract_batch',
    ]);
    expect(await engine.deploymentCount()).to.equal(before + 1);
    // enable-duplicate-filtering and deploy-changed-only: the same files again define nothing new
    const again = await engine.deploy('contract processes', files);
    expect(Object.keys(again.deployedProcessDefinitions ?? {})).to.have.length(0);

    const user = await engine.latestProcessDefinition('contract_user');
    expect(user).to.include({ key: 'contract_user', deploymentId: deployment.id });
    expect((await engine.processDefinitionXml(user.id)).bpmn20Xml).to.include('id="contract_user"');
    const latest = await engine.latestProcessDefinitions('contract_');
    expect(latest.map((d) => d.key)).to.include.members(['contract_user', 'contract_external']);
    expect(latest.every((d) => d.key.startsWith('contract_'))).to.equal(true);
    expect(latest.map((d) => d.key)).to.deep.equal([...latest.map((d) => d.key)].sort());
    expect((await refusal(engine.latestProcessDefinition('contract_none'))).status, 'an undeployed key').to.equal(404);
    const broken = await refusal(
      engine.deploy('contract broken', [
        {
          name: 'contract-broken.bpmn',
          content:
            '<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"><bpmn:process id="x" isExecutable="true"><bpmn:sequenceFlow id="f" sourceRef="a" targetRef="b"/></bpmn:process></bpmn:definitions>',
        },
      ]),
    );
    expect(broken.status, 'a model the engine cannot parse').to.be.within(400, 499);

    // decisions: the platform's, and one tenant's (a department's own table)
    const tenant = `contract${PREFIX.toLowerCase()}`;
    const shared = await engine.deploy('contract decisions', [{ name: 'contract-decisions.dmn', content: models.DECISION }]);
    expect(Object.values(shared.deployedDecisionDefinitions ?? {}).map((d) => d.key)).to.include('contract_level');
    const own = await engine.deploy('contract decisions', [{ name: 'contract-decisions.dmn', content: models.DECISION.replace('"high"', '"高"') }], tenant);
    expect(await engine.decisionDefinitionKeys()).to.include('contract_level');
    const [platformTable] = await engine.decisionDefinitions({ key: 'contract_level', latestVersion: true });
    expect(platformTable).to.include({ key: 'contract_level', tenantId: null });
    const [tenantTable] = await engine.decisionDefinitions({ key: 'contract_level', latestVersion: true, tenantId: tenant });
    expect(tenantTable).to.include({ key: 'contract_level', tenantId: tenant, deploymentId: own.id });
    expect((await engine.decisionDefinitions({ key: 'contract_level' })).every((d) => d.tenantId === null)).to.equal(true);
    expect(await engine.decisionXml(tenantTable!.id)).to.include('"高"');
    const high = await engine.evaluateDecision(platformTable!.id, { amount: { value: 5000, type: 'Double' } });
    expect(high.map((r) => r.level?.value)).to.deep.equal(['high']);
    const low = await engine.evaluateDecision(platformTable!.id, { amount: { value: 10, type: 'Double' } });
    expect(low.map((r) => r.level?.value)).to.deep.equal(['low']);
    expect((await engine.tenantDeployments(tenant)).map((d) => d.id)).to.deep.equal([own.id]);
    await engine.deleteDeployment(own.id);
    expect(await engine.tenantDeployments(tenant)).to.deep.equal([]);
    expect(await engine.decisionDefinitions({ key: 'contract_level', tenantId: tenant })).to.deep.equal([]);
  });

  it("works a case's user tasks: the inbox's queries, claim, assignee, 委派, the linked form, variables, completion, the message, 退回 and 撤回", async () => {
    const t0 = Date.now() - 2000;
    const first = await start('contract_user', key('user-1'), { note: str('起') });
    expect(first).to.include({ businessKey: key('user-1'), ended: false, suspended: false });
    const second = await start('contract_user', key('user-2'));
    expect((await engine.processInstances([first.id])).map((p) => p.id)).to.deep.equal([first.id]);
    expect((await engine.findProcessInstances({ businessKey: key('user-1') })).map((p) => p.id)).to.deep.equal([first.id]);
    const definition = await engine.latestProcessDefinition('contract_user');
    expect(await engine.processInstanceCount(definition.id)).to.be.at.least(2);

    // the queries the inbox, the case view and the deadline watch send
    const [review] = await engine.tasks({ processInstanceBusinessKey: key('user-1') });
    expect(review).to.include({ taskDefinitionKey: 'review', processInstanceId: first.id, name: '契约审核', assignee: null });
    expect(review!.formRef, 'the linked form, under either engine name').to.deep.include({ key: 'contract_form', binding: 'latest' });
    const other = await onlyTask(second.id, 'review');
    const byPrefix = await engine.tasks({ processInstanceBusinessKeyLike: `${PREFIX}-user-%` });
    expect(byPrefix.map((t) => t.id)).to.have.members([review!.id, other.id]);
    expect((await engine.tasks({ processInstanceId: first.id, taskDefinitionKey: 'review' })).map((t) => t.id)).to.deep.equal([review!.id]);
    const offered = await engine.tasks({ candidateGroup: 'contract:reviewer', includeAssignedTasks: true, sorting: [{ sortBy: 'id', sortOrder: 'asc' }] });
    expect(offered.map((t) => t.id)).to.include.members([review!.id, other.id]);
    expect(offered.map((t) => t.id)).to.deep.equal([...offered.map((t) => t.id)].sort());
    expect(await engine.tasks({ candidateGroup: 'contract:nobody', includeAssignedTasks: true })).to.deep.equal([]);
    expect((await engine.tasks({ taskIdIn: [other.id] }, 0, 1)).map((t) => t.id)).to.deep.equal([other.id]);
    expect((await engine.tasks({ processInstanceBusinessKeyLike: `${PREFIX}-user-%` }, 1, 1)).length, 'firstResult and maxResults').to.equal(1);
    expect((await engine.tasks({ createdAfter: engineDate(new Date(t0)) })).map((t) => t.id)).to.include.members([review!.id, other.id]);
    expect(await engine.tasks({ createdAfter: engineDate(new Date(Date.now() + 3_600_000)) })).to.deep.equal([]);
    expect(await engine.taskCount({ processInstanceIdIn: [first.id] })).to.equal(1);
    expect((await engine.task(review!.id)).formRef?.key).to.equal('contract_form');
    expect((await engine.deployedTaskForm<{ components: { key?: string }[] }>(review!.id)).components.map((c) => c.key)).to.deep.equal(['note']);
    expect((await engine.identityLinks(review!.id)).map((l) => [l.type, l.groupId, l.userId])).to.deep.include(['candidate', 'contract:reviewer', null]);
    expect((await refusal(engine.task(randomUUID()))).status, 'a task the engine does not have').to.equal(404);

    // claim, a claim that lost the race, unclaim, assignee, 委派 and its resolution
    await engine.claim(review!.id, 'contractclerk');
    expect((await engine.task(review!.id)).assignee).to.equal('contractclerk');
    expect((await refusal(engine.claim(review!.id, 'contractother'))).type, 'a task someone else claimed').to.equal('TaskAlreadyClaimedException');
    expect((await engine.tasks({ assignee: 'contractclerk', sorting: [{ sortBy: 'created', sortOrder: 'asc' }] })).map((t) => t.id)).to.deep.equal([
      review!.id,
    ]);
    await engine.unclaim(review!.id);
    expect((await engine.task(review!.id)).assignee).to.equal(null);
    await engine.setAssignee(review!.id, 'contractlead');
    await engine.delegate(review!.id, 'contractdeputy');
    expect(await engine.task(review!.id)).to.include({ owner: 'contractlead', assignee: 'contractdeputy', delegationState: 'PENDING' });
    await engine.resolve(review!.id, { resolvedBy: str('contractdeputy') });
    expect(await engine.task(review!.id)).to.include({ owner: 'contractlead', assignee: 'contractlead', delegationState: 'RESOLVED' });
    expect(await engine.processVariable(first.id, 'resolvedBy')).to.deep.include({ value: 'contractdeputy' });

    // variables, the tree of what runs, the timer beside the task, 特别程序 (suspension)
    expect(await engine.processVariable(first.id, 'note')).to.deep.include({ value: '起', type: 'String' });
    await engine.setProcessVariable(first.id, 'note', str('改'));
    expect(await engine.processVariable(first.id, 'note')).to.deep.include({ value: '改', type: 'String' });
    const tree = await engine.activityInstances(first.id);
    expect(tree.childActivityInstances.map((a) => a.activityId)).to.deep.equal(['review']);
    const [timer] = await engine.jobsOf(first.id);
    expect(timer).to.include({ processInstanceId: first.id, exceptionMessage: null });
    await engine.setJobRetries(timer!.id, 5);
    expect((await engine.job(timer!.id)).retries).to.equal(5);
    await engine.setSuspended(first.id, true);
    expect((await engine.task(review!.id)).suspended).to.equal(true);
    expect((await engine.findProcessInstances({ suspended: true })).map((p) => p.id)).to.include(first.id);
    await engine.setSuspended(first.id, false);
    expect((await engine.processInstances([first.id]))[0]!.suspended).to.equal(false);

    // completion, then the message the process waits for, with its variables
    expect((await engine.historicTask(review!.id))?.endTime).to.equal(null);
    await engine.completeTask(review!.id, { approved: { value: true, type: 'Boolean' } });
    expect(await engine.historicTask(review!.id)).to.include({ deleteReason: 'completed', taskDefinitionKey: 'review' });
    expect((await engine.processVariable(first.id, 'approved')).value).to.equal(true);
    const [waiting] = await engine.eventSubscriptionsOf(first.id);
    expect(waiting).to.include({ eventType: 'message', eventName: 'ContractTold', activityId: 'told', processInstanceId: first.id });
    const subscriptions = await engine.eventSubscriptions({ eventType: 'message', eventName: 'ContractTold' }, 0, 200);
    expect(subscriptions.map((s) => s.id)).to.include(waiting!.id);
    expect(subscriptions.every((s) => s.eventName === 'ContractTold')).to.equal(true);
    await engine.correlateMessage('ContractTold', key('user-1'), { told: str('yes') });
    expect((await engine.processVariable(first.id, 'told')).value).to.equal('yes');
    const after = await onlyTask(first.id, 'after');
    expect((await refusal(engine.correlateMessage('ContractTold', key('user-1')))).status, 'no instance waits for the message').to.equal(400);
    const steps = await engine.historicActivities(first.id);
    expect(steps.map((s) => s.activityId)).to.include.members(['start', 'review', 'told', 'after']);
    expect(
      steps.map((s) => ms(s.startTime)),
      'sortBy startTime asc',
    ).to.deep.equal([...steps.map((s) => ms(s.startTime))].sort((x, y) => x - y));
    expect(steps.find((s) => s.activityId === 'review')).to.include({ taskId: review!.id, assignee: 'contractlead', canceled: false });

    // 退回: the case goes back to review; the task it left is removed, not completed
    const afterInstance = (await engine.activityInstances(first.id)).childActivityInstances.find((a) => a.activityId === 'after')!;
    await engine.modify(
      first.id,
      [
        { type: 'startBeforeActivity', activityId: 'review' },
        { type: 'cancel', activityInstanceId: afterInstance.id },
      ],
      '契约测试：退回',
    );
    const back = await onlyTask(first.id, 'review');
    expect(back.id).to.not.equal(review!.id);
    expect((await engine.historicTask(after.id))?.deleteReason)
      .to.be.a('string')
      .and.not.equal('completed');
    expect((await refusal(engine.modify(first.id, [{ type: 'startBeforeActivity', activityId: 'nowhere' }], '契约测试'))).status).to.be.within(400, 499);

    // the history's view, then 撤回 with its reason
    expect(await engine.historicProcessInstance(first.id)).to.include({
      state: 'ACTIVE',
      businessKey: key('user-1'),
      processDefinitionKey: 'contract_user',
      endTime: null,
    });
    expect((await engine.historicProcessInstances({ processInstanceBusinessKey: key('user-1') }, 1)).map((h) => h.id)).to.deep.equal([first.id]);
    expect((await engine.historicProcessInstances({ processInstanceId: second.id }, 1)).map((h) => h.id)).to.deep.equal([second.id]);
    await engine.deleteProcessInstance(first.id, '契约测试：撤回');
    expect((await engine.historicProcessInstance(first.id)).state).to.equal('EXTERNALLY_TERMINATED');
    const finished = await engine.historicProcessInstances({ finishedAfter: engineDate(new Date(t0)) }, 200);
    expect(finished.map((h) => h.id)).to.include(first.id);
    expect(finished.map((h) => ms(h.startTime))).to.deep.equal([...finished.map((h) => ms(h.startTime))].sort((a, b) => b - a));
    // what the platform reads as "gone": the instance, its task, its tree
    expect((await refusal(engine.deleteProcessInstance(first.id, 'again'))).status).to.equal(404);
    expect((await refusal(engine.task(back.id))).status).to.equal(404);
    // a claim, or the identity links read, of a task that went meanwhile: 500 NullValueException "Cannot find task" (server/inbox/task-races.ts;
    // a completion's refusal is not told apart: the platform reads the task again, tasks.service.ts)
    for (const call of [() => engine.claim(back.id, 'contractclerk'), () => engine.identityLinks(back.id)]) {
      const gone = await refusal(call());
      expect(isTaskGone(gone), `${gone.status} ${gone.type}: ${gone.message}`).to.equal(true);
    }
    expect((await refusal(engine.activityInstances(first.id))).status).to.equal(404);

    // a task linked to a form nobody deployed: 404, and the platform shows the item's form
    const unlinked = await start('contract_unlinked_form', key('unlinked'));
    const task = await onlyTask(unlinked.id, 'review');
    expect(task.formRef?.key).to.equal('contract_missing_form');
    expect((await refusal(engine.deployedTaskForm(task.id))).status).to.equal(404);
  });

  it("answers the tests' own calls (test/support/engine.ts): an instance by its case, a deadline passed", async () => {
    const instance = await start('contract_user', key('support'));
    expect((await instanceOf(key('support'), 'contract_user')).id).to.equal(instance.id);
    const due = await passDeadline(key('support'), 'contract_user');
    expect((ms(due) - Date.now()) / 86_400_000, 'the P30D timer').to.be.within(29, 31);
    expect(await engine.jobsOf(instance.id), 'the timer fired').to.deep.equal([]);
    await onlyTask(instance.id, 'review');
  });

  it('finds a called process and its caller', async () => {
    const parent = await start('contract_parent', key('parent'));
    const [child] = await eventually('the called instance', async () => {
      const found = await engine.findProcessInstances({ superProcessInstance: parent.id });
      return found.length ? found : undefined;
    });
    expect(child).to.include({ businessKey: key('parent') });
    expect((await engine.findProcessInstances({ subProcessInstance: child!.id }, 1)).map((p) => p.id)).to.deep.equal([parent.id]);
    expect((await engine.historicActivities(parent.id)).find((a) => a.activityId === 'call')).to.include({ calledProcessInstanceId: child!.id, endTime: null });
    await engine.deleteProcessInstance(parent.id, '契约测试：终止');
    expect(await engine.findProcessInstances({ businessKey: key('parent') })).to.deep.equal([]);
  });

  it('reads a failed job, its incident and stack trace, and retries it', async () => {
    const instance = await start('contract_failing_job', key('job'));
    const incident = await eventually(
      'the failed job’s incident',
      async () => (await engine.incidents(instance.id)).find((i) => i.incidentType === 'failedJob'),
      60_000,
    );
    expect(incident).to.include({ processInstanceId: instance.id, activityId: 'broken', annotation: null });
    const jobId = incident.configuration!;
    const job = await engine.job(jobId);
    expect(job).to.include({ retries: 0, processInstanceId: instance.id });
    expect(job.exceptionMessage).to.include('contractMissing');
    expect(await engine.jobStacktrace(jobId)).to.include('contractMissing');
    const { jobDefinitionId } = await engineCall<{ jobDefinitionId: string }>('GET', `/job/${jobId}`);
    expect((await engine.failedJobsOf(jobDefinitionId)).map((j) => j.id)).to.deep.equal([jobId]);
    const [open] = await engine.openIncidents({ incidentId: incident.id }, 0, 1);
    expect(open).to.include({ id: incident.id, configuration: jobId, rootCauseIncidentId: incident.id });
    await engine.setJobRetries(jobId, 1);
    expect(await engine.openIncidents({ incidentId: incident.id }, 0, 1), 'retries resolve the incident').to.deep.equal([]);
    // the history keeps incidents from history level full on; at the platform's (audit) it answers
    // none, and the console says "resolved" of an incident it no longer finds (server/operations/incidents.ts)
    expect(await engine.historicIncidents(incident.id)).to.deep.equal([]);
    // a job that ended between the console's read and its retry (server/operations/incidents.ts)
    expect((await refusal(engine.job(randomUUID()))).status).to.equal(404);
    const gone = await refusal(engine.setJobRetries(randomUUID(), 1));
    expect(gone.status, gone.message).to.equal(404);
  });

  describe('external tasks as the workers fetch and answer them (the workers’ own runtime)', () => {
    let exchanges: Exchange[] = [];
    let runtime: WorkerRuntime | undefined;
    const fetched: { id: string; businessKey: string | null; variables: string[] }[] = [];
    const lockMs = 123_000;
    const handler: TopicHandler = {
      topic: 'contract_probe',
      lockDurationMs: lockMs,
      variables: ['outcome', 'payload'],
      async handle(task) {
        fetched.push({ id: task.id, businessKey: task.businessKey, variables: Object.keys(task.variables.getAll()) });
        switch (task.variables.get('outcome')) {
          case 'complete':
            return { variables: { probeResult: `done ${task.variables.get('payload') as string}`, probeCount: 2 } };
          case 'refuse':
            throw new BpmnOutcome('contract_refused', 'refused by the contract test', { refusedBy: 'contract' });
          case 'hold':
            return new Promise(() => undefined);
          default:
            throw new Error('contract failure');
        }
      },
    };
    const probe = (outcome: string, priority: number, n: string) =>
      start('contract_external', key(n), {
        outcome: str(outcome),
        payload: str(n),
        priority: { value: priority, type: 'Integer' },
        unwanted: str('never fetched'),
      });
    const calls = (suffix: string) => exchanges.filter((e) => e.method === 'POST' && e.path.endsWith(suffix));

    before(async () => {
      const env = testEnv();
      const proxy = await startRecordingProxy(env.config.engine.url);
      exchanges = proxy.exchanges;
      closeProxies.push(proxy.close);
      const low = await probe('complete', 10, 'low');
      const high = await probe('complete', 90, 'high');
      await probe('refuse', 50, 'refuse');
      await probe('fail', 50, 'fail');
      expect([low.id, high.id]).to.have.length(2);
      const config = {
        ...env.config,
        engine: { ...env.config.engine, url: proxy.url },
        // one task a fetch (the priorities tell which comes first), two tries, a second between them
        worker: { ...env.config.worker, maxTasks: 1, maxParallelExecutions: 4, lockDurationMs: 0, retries: 2, retryTimeoutMs: 1000 },
      };
      runtime = startWorkerRuntime(config, env.logger.child({ component: 'contract-workers' }), [handler]);
    });
    after(() => runtime?.stop(300));

    it('fetchAndLock: the body the runtime sends; the answer, its content type, lock, variables, priority, long poll and worker', async () => {
      await eventually('the four tasks fetched (the failing one twice)', async () => fetched.length >= 5, 60_000, { last: () => fetched });
      await eventually('an empty long poll', async () => {
        return calls('/external-task/fetchAndLock').some((e) => e.body === '[]' && e.ms >= 800);
      });
      const polls = calls('/external-task/fetchAndLock');
      for (const poll of polls) {
        const body = JSON.parse(poll.requestBody) as Record<string, unknown>;
        expect(body).to.deep.include({
          workerId: runtime!.workerId,
          maxTasks: 1,
          usePriority: true,
          asyncResponseTimeout: testEnv().config.worker.asyncResponseTimeoutMs,
        });
        expect(body.topics).to.deep.equal([{ topicName: 'contract_probe', lockDuration: lockMs, variables: ['outcome', 'payload'] }]);
        expect(poll.status).to.equal(200);
        // camunda-external-task-client-js parses the answer only when its content type is exactly this
        expect(poll.contentType, 'the exact content type the task client parses').to.equal('application/json');
        const tasks = expectAnswer('fetchAndLock', poll, { type: 'array', items: lockedExternalTaskSchema }) as LockedTask[];
        expect(tasks.length, 'maxTasks').to.be.at.most(1);
        for (const task of tasks) {
          expect(task.workerId).to.equal(runtime!.workerId);
          expect(ms(task.lockExpirationTime) - poll.startedAt, 'the lock lasts lockDuration').to.be.within(lockMs - 15_000, lockMs + 15_000);
          expect(Object.keys(task.variables).sort(), 'only the variables asked for').to.deep.equal(['outcome', 'payload']);
        }
      }
      const firstAnswered = polls.find((p) => p.body !== '[]')!;
      expect((JSON.parse(firstAnswered.body) as LockedTask[])[0]!.businessKey, 'usePriority: the higher priority first').to.equal(key('high'));
      expect(fetched.every((f) => f.variables.every((v) => ['outcome', 'payload'].includes(v)))).to.equal(true);
    });

    it('complete, in batches (the engine host’s batch completion): its variables set, the process on its way', async () => {
      const completions = calls('/complete');
      expect(completions.length).to.be.at.least(1);
      let completed = 0;
      for (const completion of completions) {
        expect(completion.path, 'the runtime completes through the batch completion').to.equal(BATCH_COMPLETE_PATH);
        expect(completion.status, completion.body).to.equal(200);
        const body = JSON.parse(completion.requestBody) as { workerId: string; tasks: { id: string; variables: Record<string, unknown> }[] };
        expect(body.workerId).to.equal(runtime!.workerId);
        const results = expectAnswer('batch completion', completion, { type: 'array', items: batchCompletionResultSchema }) as BatchCompletionResult[];
        expect(
          results.map((r) => r.id),
          'one result per task, in order',
        ).to.deep.equal(body.tasks.map((t) => t.id));
        expect(results.map((r) => [r.completed, r.status])).to.deep.equal(results.map(() => [true, 204]));
        completed += results.length;
      }
      expect(completed, 'low and high').to.be.at.least(2);
      for (const n of ['low', 'high']) {
        const [instance] = await engine.findProcessInstances({ businessKey: key(n) });
        await onlyTask(instance!.id, 'done');
        expect((await engine.processVariable(instance!.id, 'probeResult')).value).to.equal(`done ${n}`);
        expect((await engine.processVariable(instance!.id, 'probeCount')).value).to.equal(2);
      }
    });

    it('bpmnError: the error path taken, with its message and variables', async () => {
      const [refused] = calls('/bpmnError');
      expect(refused?.status).to.equal(204);
      expect(JSON.parse(refused!.requestBody)).to.deep.include({
        errorCode: 'contract_refused',
        errorMessage: 'refused by the contract test',
        workerId: runtime!.workerId,
      });
      const [instance] = await engine.findProcessInstances({ businessKey: key('refuse') });
      await onlyTask(instance!.id, 'refused');
      expect((await engine.processVariable(instance!.id, 'refusal')).value).to.equal('refused by the contract test');
      expect((await engine.processVariable(instance!.id, 'refusedBy')).value).to.equal('contract');
    });

    it('failure: its message, details, retries and pause; at no retries an incident the console reads, annotates and retries', async () => {
      const [instance] = await engine.findProcessInstances({ businessKey: key('fail') });
      const incident = await eventually(
        'the failed task’s incident',
        async () => (await engine.incidents(instance!.id)).find((i) => i.incidentType === 'failedExternalTask'),
        30_000,
      );
      const failures = calls('/failure');
      expect(failures.map((f) => f.status)).to.deep.equal([204, 204]);
      const [firstTry, secondTry] = failures.map((f) => JSON.parse(f.requestBody) as Record<string, unknown>);
      expect(firstTry).to.deep.include({ errorMessage: 'contract failure', retries: 1, retryTimeout: 1000, workerId: runtime!.workerId });
      expect(firstTry!.errorDetails).to.be.a('string').and.include('contract failure');
      expect(secondTry).to.deep.include({ retries: 0 });
      // retryTimeout: not fetched again before the pause is over. MySQL and MariaDB keep the task's
      // lock expiry in whole seconds (the engine's datetime columns), so there the pause ends at the
      // start of the second it falls in (up to a second early)
      const taskId = incident.configuration!;
      const refetch = calls('/external-task/fetchAndLock').filter((p) => p.body.includes(taskId))[1]!;
      const pauseEnds = failures[0]!.startedAt + 1000;
      const earliest = testEnv().profile === 'mariadb' ? Math.floor(pauseEnds / 1000) * 1000 : pauseEnds - 100;
      expect(refetch.startedAt + refetch.ms, 'fetched again after retryTimeout').to.be.at.least(earliest);

      const task = await engine.externalTask(taskId);
      expect(task).to.include({
        topicName: 'contract_probe',
        retries: 0,
        errorMessage: 'contract failure',
        processInstanceId: instance!.id,
        activityId: 'probe',
        businessKey: key('fail'),
      });
      expect(await engine.externalTaskErrorDetails(taskId)).to.include('contract failure');
      expect(await engine.externalTaskCount({ processInstanceIdIn: [instance!.id] })).to.equal(1);
      expect((await engine.externalTasks({ processInstanceId: instance!.id })).map((t) => t.id)).to.deep.equal([taskId]);
      expect((await engine.externalTasks({ noRetriesLeft: true })).map((t) => t.id)).to.include(taskId);
      const open = await engine.openIncidents({ incidentType: 'failedExternalTask' }, 0, 1000);
      expect(open.map((i) => i.id)).to.include(incident.id);
      expect(open.map((i) => ms(i.incidentTimestamp))).to.deep.equal([...open.map((i) => ms(i.incidentTimestamp))].sort((a, b) => a - b));
      await engine.setIncidentAnnotation(incident.id, '契约测试：已通知');
      expect((await engine.openIncidents({ incidentId: incident.id }, 0, 1))[0]!.annotation).to.equal('契约测试：已通知');

      // the console's retry: the corrected variable first, then the retries, which resolves the incident
      await engine.setProcessVariable(instance!.id, 'outcome', str('complete'));
      await engine.setExternalTaskRetries(taskId, 1);
      await onlyTask(instance!.id, 'done');
      expect(await engine.openIncidents({ incidentId: incident.id }, 0, 1)).to.deep.equal([]);
      const late = await refusal(engine.setIncidentAnnotation(incident.id, 'too late'));
      expect([400, 404], 'a resolved incident').to.include(late.status);
      expect((await refusal(engine.externalTask(taskId))).status, 'a completed external task').to.equal(404);
      expect((await refusal(engine.setExternalTaskRetries(taskId, 1))).status).to.equal(404);
    });

    it('unlock: a task still at work when the workers stop goes back to the engine', async () => {
      const held = await probe('hold', 50, 'hold');
      const task = await eventually('the held task fetched', async () => fetched.find((f) => f.businessKey === key('hold')));
      // time for the poll under way to end first: woken by the unlock, it would lock the task again
      await runtime!.stop(3000);
      const unlock = calls(`/external-task/${task.id}/unlock`);
      expect(unlock.map((u) => u.status)).to.deep.equal([204]);
      expect(await engine.externalTask(task.id)).to.include({ workerId: null, lockExpirationTime: null, processInstanceId: held.id });
      expect((await externalTasksOf(held.id)).map((t) => t.id)).to.deep.equal([task.id]);
    });

    it('batch completion: each task with its variables in one call; a task gone, locked by another worker or failing after its completion answered as alone, the others completed', async () => {
      const { config } = testEnv();
      const proxy = await startRecordingProxy(config.engine.url);
      closeProxies.push(proxy.close);
      const post = async (path: string, body: unknown) => {
        const res = await fetch(`${proxy.url}${path}`, {
          method: 'POST',
          headers: {
            Authorization: `Basic ${Buffer.from(`${config.engine.user}:${config.engine.password}`).toString('base64')}`,
            'Content-Type': 'application/json',
          },
          body: JSON.stringify(body),
        });
        await res.arrayBuffer();
        return proxy.exchanges.at(-1)!;
      };
      const names = ['one', 'two', 'gone', 'other', 'breaks', 'breaks-alone'];
      const instances: Record<string, ProcessInstance> = {};
      for (const n of names) instances[n] = await start('contract_batch', key(`batch-${n}`), { breakIt: { value: n.startsWith('breaks'), type: 'Boolean' } });
      const lock = async (n: string, workerId: string) => {
        const [task] = (await engineCall('POST', '/external-task/fetchAndLock', {
          workerId,
          maxTasks: 1,
          topics: [{ topicName: 'contract_batch', lockDuration: 600_000, businessKey: key(`batch-${n}`) }],
        })) as { id: string }[];
        expect(task, `the task of ${n} locked`).to.not.equal(undefined);
        return task!.id;
      };
      const ids: Record<string, string> = {};
      for (const n of names) ids[n] = await lock(n, n === 'other' ? 'contractother' : 'contractbatcher');
      const batch = (tasks: string[]) =>
        post(BATCH_COMPLETE_PATH, {
          workerId: 'contractbatcher',
          tasks: tasks.map((n) => ({ id: ids[n], variables: { batchValue: str(`value of ${n}`), batchCount: { value: 7, type: 'Long' } } })),
        });
      const resultsOf = (exchange: Exchange) => {
        expect(exchange.status, exchange.body).to.equal(200);
        return expectAnswer('batch completion', exchange, { type: 'array', items: batchCompletionResultSchema }) as BatchCompletionResult[];
      };
      expect(resultsOf(await batch(['gone']))[0]).to.include({ completed: true, status: 204 });
      ids.missing = randomUUID();

      const results = resultsOf(await batch(['one', 'gone', 'other', 'breaks', 'missing', 'two']));
      expect(results.map((r) => r.id)).to.deep.equal(['one', 'gone', 'other', 'breaks', 'missing', 'two'].map((n) => ids[n]));
      const [one, gone, other, breaks, missing, two] = results;
      expect(one).to.include({ completed: true, status: 204 });
      expect(two).to.include({ completed: true, status: 204 });
      // each refused task: what the single completion answers for it, status, type and message
      const alone = async (n: string) => {
        const exchange = await post(`/external-task/${ids[n]}/complete`, { workerId: 'contractbatcher', variables: {} });
        const error = expectAnswer(`complete ${n} alone`, exchange, engineErrorSchema) as { type: string; message: string };
        return { completed: false, status: exchange.status, type: error.type, message: error.message };
      };
      expect(gone, 'a task completed before')
        .to.deep.include(await alone('gone'))
        .and.include({ status: 404 });
      expect(missing, 'a task that never was')
        .to.deep.include(await alone('missing'))
        .and.include({ status: 404 });
      expect(other, 'a task locked by another worker')
        .to.deep.include(await alone('other'))
        .and.include({ status: 400 });
      expect(other!.message).to.include('contractother');
      const breaksAlone = await alone('breaks-alone');
      expect(breaksAlone.status, 'the expression after the task fails').to.equal(500);
      expect(breaks).to.include({ completed: false, status: 500, type: breaksAlone.type });
      expect(breaks!.message).to.include('contractUndefined');

      for (const n of ['one', 'two']) {
        await onlyTask(instances[n]!.id, 'done');
        expect((await engine.processVariable(instances[n]!.id, 'batchValue')).value, 'its own variables').to.equal(`value of ${n}`);
        expect((await engine.processVariable(instances[n]!.id, 'batchCount')).value).to.equal(7);
      }
      // nothing of the failed completions written: the tasks are there, locked as before
      expect(await engine.externalTask(ids.other!)).to.include({ workerId: 'contractother', processInstanceId: instances.other!.id });
      expect(await engine.externalTask(ids.breaks!)).to.include({ workerId: 'contractbatcher', processInstanceId: instances.breaks!.id });
      expect((await refusal(engine.externalTask(ids.one!))).status, 'a completed task is gone').to.equal(404);

      // a request that is wrong as a whole: 400 with the engine's error body, nothing completed
      for (const [what, body] of [
        ['no worker', { tasks: [{ id: ids.other }] }],
        ['no tasks', { workerId: 'contractbatcher', tasks: [] }],
        ['a task without id', { workerId: 'contractbatcher', tasks: [{}] }],
        ['a task twice', { workerId: 'contractother', tasks: [{ id: ids.other }, { id: ids.other }] }],
        ['over 500 tasks', { workerId: 'contractother', tasks: Array.from({ length: 501 }, () => ({ id: randomUUID() })) }],
      ] as const) {
        const exchange = await post(BATCH_COMPLETE_PATH, body);
        expect(exchange.status, `${what}: ${exchange.body}`).to.equal(400);
        expectAnswer(what, exchange, engineErrorSchema);
      }
      expect(await engine.externalTask(ids.other!)).to.include({ workerId: 'contractother' });
    });

    it('extendLock, as camunda-external-task-client-js sends it', async () => {
      const { config } = testEnv();
      const proxy = await startRecordingProxy(config.engine.url);
      const instance = await start('contract_extend', key('extend'));
      const client = new Client({
        baseUrl: proxy.url,
        workerId: 'contractextender',
        asyncResponseTimeout: 1000,
        interval: 50,
        lockDuration: 10_000,
        autoPoll: false,
        interceptors: new BasicAuthInterceptor({ username: config.engine.user, password: config.engine.password }) as never,
      });
      try {
        const extended = new Promise<string>((resolve, reject) => {
          client.subscribe('contract_extend', async ({ task, taskService }) => {
            try {
              await taskService.extendLock(task, 200_000);
              resolve(task.id);
            } catch (err) {
              reject(err as Error);
            }
          });
        });
        client.start();
        const taskId = await extended;
        client.stop();
        const [extend] = proxy.exchanges.filter((e) => e.path === `/external-task/${taskId}/extendLock`);
        expect(extend?.status).to.equal(204);
        expect(JSON.parse(extend!.requestBody)).to.deep.equal({ newDuration: 200_000, workerId: 'contractextender' });
        expect(ms((await engine.externalTask(taskId)).lockExpirationTime) - extend!.startedAt).to.be.within(185_000, 215_000);
        expect((await engine.externalTask(taskId)).processInstanceId).to.equal(instance.id);
      } finally {
        client.stop();
        await proxy.close();
      }
    });
  });

  it('migrates running instances: the plan, its validation, a batch and its progress, a deleted batch', async () => {
    await engine.deploy('contract migrate', [{ name: 'contract-migrate.bpmn', content: models.MIGRATE_V1 }]);
    const v1 = await engine.latestProcessDefinition('contract_migrate');
    const moved = await start('contract_migrate', key('migrate-1'));
    const stays = await start('contract_migrate', key('migrate-2'));
    await engine.deploy('contract migrate', [{ name: 'contract-migrate.bpmn', content: models.MIGRATE_V2 }]);
    const v2 = await engine.latestProcessDefinition('contract_migrate');
    expect(v2.version).to.equal(v1.version + 1);
    expect((await engine.processDefinitionVersions('contract_migrate')).map((d) => d.version).slice(0, 2)).to.deep.equal([v2.version, v1.version]);
    const running = await engine.processInstancesOfDefinition(v1.id);
    expect(running.map((p) => p.id)).to.have.members([moved.id, stays.id]);
    expect(running.map((p) => p.id)).to.deep.equal([...running.map((p) => p.id)].sort());

    const plan = await engine.generateMigrationPlan(v1.id, v2.id);
    expect(plan).to.include({ sourceProcessDefinitionId: v1.id, targetProcessDefinitionId: v2.id });
    expect(plan.instructions.map((i) => [i.sourceActivityIds, i.targetActivityIds])).to.deep.equal([[['first'], ['first']]]);
    const report = await engine.validateMigrationPlan(plan);
    expect(report.instructionReports).to.deep.equal([]);
    const wrong: MigrationPlan = { ...plan, instructions: [{ sourceActivityIds: ['first'], targetActivityIds: ['nowhere'] }] };
    const refused = await engine.validateMigrationPlan(wrong);
    expect(refused.instructionReports[0]!.failures.join(' ')).to.include('nowhere');

    const batch = await engine.migrateAsync(plan, [moved.id]);
    expect(batch).to.include({ type: 'instance-migration', totalJobs: 1, suspended: false });
    await eventually(
      'the instance on version 2',
      async () => ((await engine.processInstances([moved.id]))[0] as ProcessInstance).definitionId === v2.id,
      60_000,
    );

    // a batch whose job fails (no instruction for the instance's step) stays, with its failure, until deleted;
    // a batch that succeeds is gone as soon as its monitor job sees it done (the platform reads both)
    const failing = await engine.migrateAsync({ ...plan, instructions: [] }, [stays.id]);
    const [failed] = await eventually('the failed migration job', async () => {
      const jobs = await engine.failedJobsOf(failing.batchJobDefinitionId);
      return jobs[0]?.retries === 0 ? jobs : undefined;
    });
    expect(failed!.exceptionMessage).to.include(stays.id);
    expect(await engine.batch(failing.id)).to.include({
      id: failing.id,
      type: 'instance-migration',
      totalJobs: 1,
      batchJobDefinitionId: failing.batchJobDefinitionId,
    });
    expect(await engine.batchStatistics(failing.id)).to.include({ id: failing.id, remainingJobs: 1, failedJobs: 1 });
    await engine.deleteBatch(failing.id);
    expect((await refusal(engine.batch(failing.id))).status, 'a batch that is gone').to.equal(404);
    expect(await engine.batchStatistics(failing.id)).to.equal(null);
    expect((await engine.processInstances([stays.id]))[0]!.definitionId, 'not migrated').to.equal(v1.id);
    expect((await refusal(engine.migrateAsync(wrong, [stays.id]))).status, 'a plan the engine cannot apply').to.be.within(400, 499);
  });

  // a suite of its own, declared last: mocha runs it after the tests and suites above
  describe('coverage', () => {
    it('has checked every call of the client against its contract', () => {
      const calls = Object.keys(ENGINE_CALL_ANSWERS);
      expect(
        calls.filter((c) => !checked.has(c)),
        'calls of EngineClient the contract test made no successful call of',
      ).to.deep.equal([]);
    });
  });
});
