import { expect } from 'chai';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { Op } from 'sequelize';
import { api, applicant, auth, completeMaterials, ITEM, submit, validForm, waitForStatus } from '../support/api.ts';
import { approvedCase } from '../support/delivery.ts';
import { testEnv } from '../support/environment.ts';
import { REPO_ROOT } from '../../scripts/lib/engine.ts';
import { eventually } from '../support/eventually.ts';
import { exchangeHolds, outboxOf } from '../support/province.ts';
import { OutboxEvent } from '../../server/reporting/outbox-event.model.ts';

const run = promisify(execFile);

/** `npm run province:backfill` as an operator runs it, against the platform's database. */
async function backfill(...args: string[]) {
  const { stdout, stderr } = await run(process.execPath, ['--import', 'tsx', 'scripts/province-backfill.ts', ...args], {
    cwd: REPO_ROOT,
    env: { ...process.env, ...testEnv().childEnv, LOG_LEVEL: 'warn' },
    timeout: 120_000,
  });
  return { result: JSON.parse(stdout.trim().split('\n').at(-1)!) as { cases: number; considered: number; queued: number; elapsedMs: number }, stderr };
}

describe('存量回传: the backfill queues the events of cases the outbox never had, once', () => {
  it('queues a closed and an open case’s history in order, delivers it (the exchange answers duplicates), and queues nothing the second time', async () => {
    const closed = await approvedCase();
    await waitForStatus('applicant', closed, 'delivered');
    const rated = await api()
      .post(`/api/v1/cases/${closed}/rating`)
      .set(await auth('applicant'))
      .send({ level: 4 });
    expect(rated.status).to.equal(201);
    const open = await submit('applicant', { itemCode: ITEM, applicant: applicant(), form: validForm(), materials: await completeMaterials('applicant') });
    const openNo = open.body.caseNo as string;
    await exchangeHolds(closed, ['apply', 'accept', 'process', 'process', 'conclude', 'deliver', 'evaluate']);
    await exchangeHolds(openNo, ['apply', 'accept']);

    // as if both cases were older than the outbox
    const before = [...(await outboxOf(closed)), ...(await outboxOf(openNo))];
    const history = before.map((r) => [r.caseNo, r.eventId, r.eventType].join(' '));
    await OutboxEvent.destroy({ where: { caseNo: { [Op.in]: [closed, openNo] } } });

    const first = await backfill('--batch', '3');
    expect(first.result.queued).to.be.at.least(before.length);
    expect(first.result.cases).to.be.at.least(2);
    expect(first.stderr).to.match(/存量回传 \/ backfill: \d+ 件办件/);
    expect(first.stderr).to.match(/backfill done in \d+\.\d s/);
    const after = [...(await outboxOf(closed)), ...(await outboxOf(openNo))];
    expect(
      after.map((r) => [r.caseNo, r.eventId, r.eventType].join(' ')),
      'the same events, in the order they happened',
    ).to.deep.equal(history);
    expect(after.every((r) => r.origin === 'backfill')).to.equal(true);
    expect(after[0]!.personal).to.deep.equal({ name: '张三', idType: 'resident_id', idNo: '430102199003071234' });

    const second = await backfill();
    expect(second.result.queued, 'nothing new the second time').to.equal(0);
    expect(await OutboxEvent.count({ where: { caseNo: { [Op.in]: [closed, openNo] } } })).to.equal(before.length);

    // the exchange had them all: each is answered as a duplicate and counts as delivered
    await eventually('the backfilled events delivered', async () => (await outboxOf(closed)).every((r) => r.state === 'sent'));
    expect((await outboxOf(closed)).every((r) => r.acknowledgement === 'duplicate')).to.equal(true);
    expect(testEnv().province.control.events(closed)).to.have.length(7);
  });

  it('refuses a malformed option in words', async () => {
    const failed = await backfill('--batch', 'many').catch((err: { code: number; stderr: string }) => err);
    expect(failed).to.have.property('code', 1);
    expect((failed as { stderr: string }).stderr).to.contain('--batch 应为非负整数');
  });
});
