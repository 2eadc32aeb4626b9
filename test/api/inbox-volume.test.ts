import { expect } from 'chai';
import { api, auth } from '../support/api.ts';
import { eventually } from '../support/eventually.ts';
import { testEnv } from '../support/environment.ts';
import { InboxEntry, InboxTask, InboxTaskOffer } from '../../server/inbox/inbox-task.model.ts';
import { inboxSync } from '../../server/inbox/inbox-sync.ts';

/**
 * The inbox beyond the engine's page of 200: 230 tasks of one person on the real engine, paged by
 * the server with an exact total that matches the engine's own count, every task on exactly one
 * page; and the inbox's copy put right by the sync round after events were lost.
 */

const VOLUME = 230;
const HOLDER = 'reviewer5';

const PROCESS = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="inbox-volume" targetNamespace="http://approval.test/inbox">
  <bpmn:process id="inbox_volume_test" name="待办容量测试" isExecutable="true" camunda:historyTimeToLive="P1D">
    <bpmn:startEvent id="start" />
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="check" />
    <bpmn:userTask id="check" name="批量核对" camunda:assignee="\${holder}" />
    <bpmn:sequenceFlow id="f2" sourceRef="check" targetRef="end" />
    <bpmn:endEvent id="end" />
  </bpmn:process>
</bpmn:definitions>`;

interface Page {
  total: number;
  limit: number;
  offset: number;
  tasks: { id: string; created: string; assignee: string | null }[];
  counts: { all: number; mine: number };
}

/** the holder's own tasks (scope mine): what the engine counts by assignee, whatever group tasks other tests left open */
const inbox = async (query: Record<string, string>) => {
  const res = await api()
    .get('/api/v1/tasks')
    .query({ scope: 'mine', ...query })
    .set(await auth(HOLDER));
  expect(res.status, JSON.stringify(res.body)).to.equal(200);
  return res.body as Page;
};

const engineCount = () => testEnv().engine.taskCount({ assignee: HOLDER });

describe('the inbox at volume: server-side pages over more than 200 tasks', function () {
  this.timeout(180_000);
  let already = 0;

  before(async () => {
    const { engine } = testEnv();
    already = (await inbox({ limit: '1' })).total;
    await engine.deploy('inbox-volume-test', [{ name: 'inbox-volume-test.bpmn', content: PROCESS }]);
    const stamp = Date.now().toString(36);
    for (let i = 0; i < VOLUME; i += 10) {
      await Promise.all(
        Array.from({ length: 10 }, (_, j) => engine.startProcess('inbox_volume_test', `VOL-${stamp}-${i + j}`, { holder: { value: HOLDER, type: 'String' } })),
      );
    }
  });

  it('answers the exact total, the engine’s own count, and lists every task on exactly one page', async () => {
    const expected = await engineCount();
    expect(expected).to.be.at.least(already + VOLUME);
    // the engine's events bring the tasks into the inbox's copy
    await eventually('every task in the inbox', async () => (await inbox({ limit: '1' })).total === expected, 60_000);

    const first = await inbox({ limit: '100', sort: 'oldest' });
    expect(first.total).to.equal(expected);
    expect(first.counts.mine).to.equal(expected);
    expect(first.counts.all).to.be.at.least(expected);
    expect(first.tasks).to.have.length(100);
    const seen: string[] = [];
    for (let offset = 0; offset < first.total; offset += 100) {
      const page = await inbox({ limit: '100', offset: String(offset), sort: 'oldest' });
      expect(page.offset).to.equal(offset);
      seen.push(...page.tasks.map((t) => t.id));
      const created = page.tasks.map((t) => t.created);
      expect(created, 'oldest first').to.deep.equal([...created].sort());
    }
    expect(seen).to.have.length(expected);
    expect(new Set(seen).size, 'no task on two pages').to.equal(expected);

    const newest = await inbox({ limit: '5', sort: 'newest' });
    const created = newest.tasks.map((t) => t.created);
    expect(created).to.deep.equal([...created].sort().reverse());
    expect((await inbox({ limit: '100', offset: String(expected) })).tasks, 'past the end').to.deep.equal([]);
  });

  it('puts its copy right when events were lost: missing tasks brought back, a task the engine no longer has forgotten', async () => {
    const expected = await engineCount();
    const rows = await InboxTask.findAll({ where: { assignee: HOLDER }, limit: 7 });
    const lost = rows.map((r) => r.taskId);
    const [entry] = await InboxEntry.findAll({ where: { taskId: lost[0]! } });
    await InboxEntry.destroy({ where: { taskId: lost } });
    await InboxTaskOffer.destroy({ where: { taskId: lost } });
    await InboxTask.destroy({ where: { taskId: lost } });
    await InboxTask.create({ ...rows[0]!.get({ plain: true }), taskId: 'ghost-of-a-lost-completion' });
    await InboxEntry.create({ ...entry!.get({ plain: true }), taskId: 'ghost-of-a-lost-completion' });
    expect((await inbox({ limit: '1' })).total).to.equal(expected - 7 + 1);

    const result = await inboxSync(testEnv().server.ctx).round();
    expect(result.full, 'the first round of a node compares the whole').to.equal(true);
    // the node's own scheduled round (every 15 s) may have put the copy right in between: this one then
    // had nothing left to do; either way the copy below must be right
    if (result.forgotten + result.written > 0) {
      expect(result.forgotten).to.be.at.least(1);
      expect(result.written).to.be.at.least(7);
    }
    expect((await inbox({ limit: '1' })).total).to.equal(expected);
    expect(await InboxTask.findByPk('ghost-of-a-lost-completion')).to.equal(null);
    expect(await InboxEntry.count({ where: { taskId: 'ghost-of-a-lost-completion' } })).to.equal(0);
  });

  it('forgets a task completed in the engine directly (its event), and counts it no more', async () => {
    const { engine } = testEnv();
    const expected = await engineCount();
    const [task] = await engine.tasks({ assignee: HOLDER, processDefinitionKey: 'inbox_volume_test' }, 0, 1);
    await engine.completeTask(task!.id, {});
    await eventually('the completed task gone from the inbox', async () => (await inbox({ limit: '1' })).total === expected - 1, 30_000);
  });
});
