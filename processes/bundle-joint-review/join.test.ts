import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { testEnv } from '../../test/support/environment.ts';
import { PROCESS_KEYS, VARIABLES } from '../../contract/topics.ts';
import { engineCall } from '../../test/support/engine.ts';
import { soakSize } from '../../test/support/soak.ts';
import { pollUntil } from '../../test/support/eventually.ts';

const ITEMS = 20;
const ROUNDS = soakSize(50, 10, process.env.JOIN_TEST_ROUNDS);

/** A stand-in for an item's process: one review task, so the test can end 20 of them at once. */
const ITEM_PROCESS = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="join_test" targetNamespace="http://approval.gov.cn/test">
  <bpmn:process id="test_item_review" isExecutable="true" camunda:historyTimeToLive="1">
    <bpmn:startEvent id="start" />
    <bpmn:userTask id="review" camunda:candidateGroups="jointest:reviewer" />
    <bpmn:endEvent id="end" />
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="review" />
    <bpmn:sequenceFlow id="f2" sourceRef="review" targetRef="end" />
  </bpmn:process>
</bpmn:definitions>`;

const optimisticLockFailures = () => (readFileSync(testEnv().engineLog, 'utf8').match(/OptimisticLocking/g) ?? []).length;

describe('the 联审联办 join under concurrency (bundle_joint_review)', function () {
  this.timeout(20 * 60_000);

  before(async () => {
    await testEnv().engine.deploy('join-test', [{ name: 'test-item-review.bpmn', content: Buffer.from(ITEM_PROCESS) }]);
    // the joint decision is the workers' job; here the join itself is under test
    await testEnv().stopWorkers();
  });

  after(async () => {
    await testEnv().restartWorkers();
  });

  it(`joins ${ITEMS} items completing at the same moment, ${ROUNDS} times, with no error and nothing lost`, async () => {
    const before = optimisticLockFailures();
    let rejected = 0;
    for (let round = 0; round < ROUNDS; round++) {
      const bundleNo = `JOIN${round}`;
      const caseNos = Array.from({ length: ITEMS }, (_, i) => `${bundleNo}-${String(i + 1).padStart(2, '0')}`);
      const string = (value: string) => ({ value, type: 'String' });
      // straight to the fork: the bundle's acceptance is not under test
      const instance = await engineCall<{ id: string }>('POST', `/process-definition/key/${PROCESS_KEYS.bundle}/start`, {
        businessKey: bundleNo,
        variables: {
          [VARIABLES.caseNo]: string(bundleNo),
          [VARIABLES.itemCount]: { value: ITEMS, type: 'Integer' },
          [VARIABLES.itemCaseNos]: string(caseNos.join(',')),
          [VARIABLES.itemCodes]: string(caseNos.map(() => 'TEST').join(',')),
          [VARIABLES.itemDepartments]: string(caseNos.map(() => 'jointest').join(',')),
          [VARIABLES.itemProcessKeys]: string(caseNos.map(() => 'test_item_review').join(',')),
          [VARIABLES.onItemRejected]: string('continue'),
        },
        startInstructions: [{ type: 'startBeforeActivity', activityId: 'fork' }],
      });
      const tasks = await testEnv().engine.tasks({ processInstanceBusinessKeyLike: `${bundleNo}-%` }, 0, 100);
      expect(tasks.map((t) => t.taskDefinitionKey)).to.have.length(ITEMS);

      const results = await Promise.allSettled(tasks.map((t) => testEnv().engine.completeTask(t.id, {})));
      rejected += results.filter((r) => r.status === 'rejected').length;

      // the join went through: the bundle waits at its joint decision, once
      let waiting: unknown[] = [];
      await pollUntil(
        async () => (waiting = await testEnv().engine.externalTasks({ processInstanceId: instance.id, activityId: 'joint_decision' })).length > 0,
        { intervalMs: 50 },
      );
      expect(waiting, `round ${round}: the bundle never reached its joint decision`).to.have.length(1);
      expect(await testEnv().engine.incidents(instance.id)).to.deep.equal([]);
      await engineCall('DELETE', `/process-instance/${instance.id}?skipCustomListeners=true`);
    }
    expect(rejected, 'task completions refused by the engine').to.equal(0);
    expect(optimisticLockFailures() - before, 'optimistic locking failures in the engine log').to.equal(0);
  });
});
