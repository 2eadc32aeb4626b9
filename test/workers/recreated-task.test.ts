import { expect } from 'chai';
import type { Task } from 'camunda-external-task-client-js';
import { applicant, completeMaterials, ITEM, submit, validForm, waitForStatus, waitForTask } from '../support/api.ts';
import { testEnv } from '../support/environment.ts';
import { engineCall } from '../support/engine.ts';
import { eventually } from '../support/eventually.ts';
import { approvedSignboardCase } from '../support/payment.ts';
import { PROCESS_KEYS, VARIABLES } from '../../contract/topics.ts';
import { Case } from '../../server/cases/case.model.ts';
import { TimelineEvent } from '../../server/cases/timeline-event.model.ts';
import { Notification } from '../../server/notifications/notification.model.ts';
import { Payment } from '../../server/payments/payment.model.ts';
import { notifyHandler } from '../../workers/notify/notify.handler.ts';
import type { ActivityInstance } from '../../server/engine/types.ts';

/** What a case has on record: its timeline by type, and the notifications sent about it. */
async function recordOf(caseNo: string) {
  const c = (await Case.findOne({ where: { caseNo } }))!;
  const timeline = (await TimelineEvent.findAll({ where: { caseId: c.id }, order: [['id', 'ASC']] })).map((e) => `${e.type} ${e.idempotencyKey ?? ''}`);
  const notifications = (await Notification.findAll({ where: { caseNo }, order: [['id', 'ASC']] })).map((n) => `${n.userId} ${n.kind}`);
  return { timeline, notifications };
}

const findActivity = (tree: ActivityInstance, activityId: string): ActivityInstance | undefined =>
  tree.activityId === activityId ? tree : tree.childActivityInstances.map((child) => findActivity(child, activityId)).find(Boolean);

describe('workers: a task the engine creates anew (崩溃恢复) repeats no timeline entry and no notification', () => {
  it('the acceptance step made again by the engine, with a new task id, replays its decision', async () => {
    const env = testEnv();
    const materials = await completeMaterials('clerk');
    const res = await submit('clerk', { itemCode: ITEM, applicant: applicant(), form: validForm(), materials });
    expect(res.status, JSON.stringify(res.body)).to.equal(201);
    const caseNo = res.body.caseNo as string;
    await waitForTask('reviewer', caseNo, 'review');
    await eventually('the notice sealed', async () => (await recordOf(caseNo)).timeline.some((t) => t.startsWith('result.sealed')));
    const before = await recordOf(caseNo);
    expect(before.timeline.filter((t) => t.startsWith('acceptance.accepted'))).to.deep.equal([`acceptance.accepted step:${caseNo}:acceptance:0`]);

    // the engine goes back to before the acceptance, as one that lost its last commits does: the
    // acceptance call and its external task are made again, with new ids
    const [item] = await env.engine.findProcessInstances({ businessKey: caseNo });
    const review = findActivity(await env.engine.activityInstances(item!.id), 'review')!;
    await env.engine.modify(
      item!.id,
      [
        { type: 'cancel', activityInstanceId: review.id },
        { type: 'startBeforeActivity', activityId: 'acceptance' },
      ],
      'test: the engine re-creates the acceptance task',
    );
    await waitForTask('reviewer', caseNo, 'review');
    const acceptances = await engineCall<{ id: string }[]>(
      'GET',
      `/history/process-instance?processInstanceBusinessKey=${caseNo}&processDefinitionKey=${PROCESS_KEYS.acceptance}`,
    );
    // two instances of the acceptance process: its external task was made twice, each with its own id
    expect(acceptances, 'the acceptance ran twice in the engine').to.have.length(2);
    // the second task found the first one's decision: nothing recorded, nobody told again
    await new Promise((r) => setTimeout(r, 500)); // its afterComplete (sealing the notice) has had its chance
    expect(await recordOf(caseNo)).to.deep.equal(before);
    expect((await waitForStatus('clerk', caseNo, 'accepted')).status).to.equal('accepted');
  });

  it('the 送达回证 told by a notify task made again, with a new task id, is recorded once', async () => {
    const env = testEnv();
    const caseNo = await approvedSignboardCase();
    await waitForStatus('applicant', caseNo, 'awaiting_payment');
    const payment = (await Payment.findOne({ where: { merchantOrderNo: `${caseNo}-FEE` } }))!;
    env.payments.control.pay(payment.orderNo!);
    await waitForStatus('applicant', caseNo, 'delivered', 30_000);
    const c = (await Case.findOne({ where: { caseNo } }))!;
    const delivered = (await TimelineEvent.findOne({ where: { caseId: c.id, type: 'delivery.delivered' } }))!;
    await eventually('the 送达回证 sealed', async () => (await recordOf(caseNo)).timeline.includes(`result.sealed sealed:${caseNo}:notice:${delivered.id}`));
    const before = await recordOf(caseNo);
    expect(before.timeline.filter((t) => t.startsWith('delivery.delivered'))).to.deep.equal([`delivery.delivered step:${caseNo}:notify_delivered:0`]);

    // the engine lost the commit that completed the notify task and made it again: the same step
    // of the same case, another task id, handled by the worker as any delivered task
    const recreated = {
      id: 'recreated-notify-delivered',
      activityId: 'notify_delivered',
      topicName: 'notify',
      businessKey: caseNo,
      variables: { get: (name: string) => (name === VARIABLES.notice ? 'delivered' : name === VARIABLES.caseNo ? caseNo : undefined) },
    } as unknown as Task;
    const ctx = { config: env.config, logger: env.logger };
    await notifyHandler.handle(recreated, ctx);
    await notifyHandler.afterComplete!(recreated, ctx);
    expect(await recordOf(caseNo), 'one 送达回证, one of each notification').to.deep.equal(before);
  });
});
