import { expect } from 'chai';
import { generateKeyPairSync, randomBytes, sign } from 'node:crypto';
import { spawn } from 'node:child_process';
import { api, auth, waitForStatus } from '../support/api.ts';
import { approvedSignboardCase, SIGNBOARD } from '../support/payment.ts';
import { testEnv } from '../support/environment.ts';
import { isCompletion, startHoldingProxy } from '../support/holding-proxy.ts';
import { passDeadline } from '../support/engine.ts';
import { eventually } from '../support/eventually.ts';
import { REPO_ROOT } from '../../scripts/lib/engine.ts';
import { Case } from '../../server/cases/case.model.ts';
import { GatewayCallback } from '../../server/gateways/gateway-callback.model.ts';
import { Payment } from '../../server/payments/payment.model.ts';
import { TimelineEvent } from '../../server/cases/timeline-event.model.ts';
import { reconcilePayments } from '../../server/payments/reconcile.ts';

const paymentOf = async (caseNo: string) =>
  (
    await api()
      .get(`/api/v1/cases/${caseNo}/payment`)
      .set(await auth('applicant'))
  ).body;
const callbacks = (merchantOrderNo: string) => GatewayCallback.findAll({ where: { gateway: 'payment', subject: merchantOrderNo }, order: [['id', 'ASC']] });

/** Posts a notification as a gateway would, signed with the given key. */
async function postNotification(body: Record<string, unknown>, privateKey: Parameters<typeof sign>[2], tamper?: (raw: string) => string) {
  const raw = JSON.stringify(body);
  const ts = String(Math.floor(Date.now() / 1000));
  const nonce = randomBytes(16).toString('hex');
  const signature = sign('sha256', Buffer.from(`${ts}\n${nonce}\n${raw}\n`), privateKey).toString('base64');
  return api()
    .post('/api/v1/gateways/payment/notify')
    .set('Content-Type', 'application/json')
    .set({ 'X-Pay-Timestamp': ts, 'X-Pay-Nonce': nonce, 'X-Pay-Signature': signature })
    .send(tamper ? tamper(raw) : raw);
}

describe('统一支付: one order per case, notifications verified and recorded once', () => {
  it('opens one order for the approved fee, and a notification sent twice pays once', async () => {
    const caseNo = await approvedSignboardCase();
    await waitForStatus('applicant', caseNo, 'awaiting_payment');
    const due = await paymentOf(caseNo);
    expect(due).to.include({ required: true, amountFen: 20000, status: 'unpaid' });
    expect(due.lines).to.deep.equal([{ caseNo, itemCode: SIGNBOARD, name: '户外招牌设置审批规费（示例）', amountFen: 20000, basis: due.lines[0].basis }]);
    // the pay page is the gateway's, in Chinese, with the amount
    const page = await fetch(due.payUrl);
    expect(await page.text()).to.contain('¥200.00');

    testEnv().payments.control.pay(due.orderNo, { mode: 'twice' });
    await waitForStatus('applicant', caseNo, 'delivered');
    const paid = await paymentOf(caseNo);
    expect(paid.status).to.equal('paid');
    expect(paid.payUrl, 'nothing left to pay').to.equal(null);
    await eventually('the second copy', async () => (await callbacks(`${caseNo}-FEE`)).length === 2, 20_000);
    expect((await callbacks(`${caseNo}-FEE`)).map((c) => c.outcome)).to.deep.equal(['recorded', 'duplicate']);
    const c = (await Case.findOne({ where: { caseNo } }))!;
    expect(await TimelineEvent.count({ where: { caseId: c.id, type: 'payment.received' } })).to.equal(1);
    expect(await Payment.count({ where: { caseId: c.id } })).to.equal(1);
  });

  it('refuses a forged or altered notification, keeps it as evidence and changes nothing', async () => {
    const caseNo = await approvedSignboardCase();
    await waitForStatus('applicant', caseNo, 'awaiting_payment');
    const due = await paymentOf(caseNo);
    const body = {
      notifyId: `forged-${caseNo}`,
      orderNo: due.orderNo,
      merchantOrderNo: `${caseNo}-FEE`,
      amountFen: 20000,
      paidAt: new Date().toISOString(),
      status: 'paid',
    };
    const other = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
    const forged = await postNotification(body, other);
    expect(forged.status).to.equal(401);
    expect(forged.body.error.reason).to.equal('signature_invalid');
    const unsigned = await api().post('/api/v1/gateways/payment/notify').set('Content-Type', 'application/json').send(JSON.stringify(body));
    expect(unsigned.status).to.equal(401);
    expect(unsigned.body.error.reason).to.equal('signature_missing');
    expect((await paymentOf(caseNo)).status).to.equal('unpaid');
    expect(
      (
        await api()
          .get(`/api/v1/cases/${caseNo}`)
          .set(await auth('applicant'))
      ).body.status,
    ).to.equal('awaiting_payment');
    const refused = await GatewayCallback.findAll({ where: { gateway: 'payment', outcome: 'refused' } });
    expect(refused.map((r) => r.problem)).to.include.members(['signature_invalid', 'signature_missing']);
  });

  it("at the order's expiry asks the gateway first: paid in time with the notification still on its way, the case goes on", async () => {
    const env = testEnv();
    const caseNo = await approvedSignboardCase();
    await waitForStatus('applicant', caseNo, 'awaiting_payment');
    const opened = (await Payment.findOne({ where: { merchantOrderNo: `${caseNo}-FEE` } }))!;
    // the payer pays in the last moments; the gateway's notification comes only after the order expired
    env.payments.control.pay(opened.orderNo!, { mode: 'late', delayMs: 4000 });
    const dueDate = await passDeadline(caseNo, 'case_results');
    expect(new Date(dueDate).getTime(), "the timer waits for the order's expiry").to.equal(opened.expiresAt.getTime());
    await waitForStatus('applicant', caseNo, 'delivered', 30_000);
    expect((await Payment.findByPk(opened.id))!.status, 'kept: it came in time').to.equal('paid');
    await eventually('the late notification', async () => (await callbacks(`${caseNo}-FEE`)).length === 2, 20_000);
    expect((await callbacks(`${caseNo}-FEE`)).map((c) => [c.outcome, c.problem])).to.deep.equal([
      ['recorded', 'notification_missing'],
      ['duplicate', null],
    ]);
    expect(env.payments.control.orderByMerchantNo(`${caseNo}-FEE`).refundedFen, 'nothing refunded').to.equal(0);
  });

  it("does not end a paid case because the gateway is down at the order's expiry: the step is retried until it answers", async () => {
    const env = testEnv();
    const caseNo = await approvedSignboardCase();
    await waitForStatus('applicant', caseNo, 'awaiting_payment');
    const opened = (await Payment.findOne({ where: { merchantOrderNo: `${caseNo}-FEE` } }))!;
    env.payments.control.pay(opened.orderNo!, { mode: 'never' });
    // the gateway answers its next two calls with 503: the first two tries of the expiry step
    env.payments.control.injectFaults({ mode: 'fail', count: 2 });
    try {
      await passDeadline(caseNo, 'case_results');
      await waitForStatus('applicant', caseNo, 'delivered', 30_000);
      // the step's two tries met the outage (nothing else calls the gateway meanwhile), the third its answer
      expect(env.payments.control.faultsLeft(), 'both faults spent').to.equal(0);
    } finally {
      env.payments.control.injectFaults(undefined);
    }
    expect((await Payment.findByPk(opened.id))!.status).to.equal('paid');
    expect((await callbacks(`${caseNo}-FEE`)).map((c) => [c.outcome, c.problem])).to.deep.equal([['recorded', 'notification_missing']]);
  });

  it('lets an unpaid order expire and ends the case; money that arrives after is refunded', async () => {
    const env = testEnv();
    const caseNo = await approvedSignboardCase();
    await waitForStatus('applicant', caseNo, 'awaiting_payment');
    const due = await paymentOf(caseNo);
    await passDeadline(caseNo, 'case_results');
    await waitForStatus('applicant', caseNo, 'terminated', 30_000);
    expect((await Payment.findOne({ where: { merchantOrderNo: `${caseNo}-FEE` } }))!.status, 'closed at its expiry').to.equal('expired');
    // the gateway still takes the money (its own clock says the order is open): it goes back, once
    env.payments.control.pay(due.orderNo);
    await eventually('the notification and its refund', async () => (await paymentOf(caseNo)).status === 'refunded', 30_000);
    const refunded = await paymentOf(caseNo);
    expect(refunded.refundReason).to.contain('退回');
    expect(env.payments.control.orderByMerchantNo(`${caseNo}-FEE`).refundedFen, 'refunded at the gateway').to.equal(20000);
    expect(
      (
        await api()
          .get(`/api/v1/cases/${caseNo}`)
          .set(await auth('applicant'))
      ).body.status,
      'the case stays ended',
    ).to.equal('terminated');

    // a notification for an order the gateway never took money for cannot be refunded: refused, nothing changes
    const ghost = await postNotification(
      { notifyId: `ghost-${caseNo}`, orderNo: 'NO-SUCH', merchantOrderNo: 'NO-SUCH-FEE', amountFen: 100, paidAt: new Date().toISOString(), status: 'paid' },
      env.paymentKeys.privateKeyPem,
    );
    expect(ghost.status).to.equal(200);
    expect(ghost.body).to.deep.equal({ ok: false, reason: 'unknown_order' });
  });

  it('finds a payment whose notification is lost (对账): the page the payer returns to asks the gateway', async () => {
    const env = testEnv();
    const caseNo = await approvedSignboardCase();
    await waitForStatus('applicant', caseNo, 'awaiting_payment');
    const opened = (await Payment.findOne({ where: { merchantOrderNo: `${caseNo}-FEE` } }))!;
    expect(opened.nextCheckAt!.getTime(), 'asked about a minute after it was opened').to.be.within(
      opened.updatedAt.getTime() + 50_000,
      opened.updatedAt.getTime() + 70_000,
    );
    env.payments.control.pay(opened.orderNo!, { mode: 'never' });
    // the payer comes back from the gateway's page: ours asks the gateway before it answers
    const seen = await paymentOf(caseNo);
    expect(seen).to.include({ status: 'paid', payUrl: null });
    await waitForStatus('applicant', caseNo, 'delivered', 30_000);
    const kept = await callbacks(`${caseNo}-FEE`);
    expect(kept.map((c) => [c.outcome, c.problem, c.eventId])).to.deep.equal([['recorded', 'notification_missing', `query:${opened.orderNo}`]]);
    const c = (await Case.findOne({ where: { caseNo } }))!;
    expect(await TimelineEvent.count({ where: { caseId: c.id, type: 'payment.received' } })).to.equal(1);
  });

  it('finds lost payments in its rounds of 对账, and a notification that comes after changes nothing', async () => {
    const env = testEnv();
    const caseNo = await approvedSignboardCase();
    await waitForStatus('applicant', caseNo, 'awaiting_payment');
    const opened = (await Payment.findOne({ where: { merchantOrderNo: `${caseNo}-FEE` } }))!;
    const round = (at: Date) => reconcilePayments(env.server.ctx, at);
    // not paid yet: asked, nothing to settle, asked again later
    await round(new Date(opened.nextCheckAt!.getTime() + 1000));
    const rescheduled = (await Payment.findByPk(opened.id))!;
    expect(rescheduled.status).to.equal('unpaid');
    expect(rescheduled.nextCheckAt!.getTime()).to.be.greaterThan(opened.nextCheckAt!.getTime());

    // paid; the notification will come three seconds late, the round comes first
    env.payments.control.pay(opened.orderNo!, { mode: 'late', delayMs: 3000 });
    const result = await round(new Date(rescheduled.nextCheckAt!.getTime() + 1000));
    expect(result.settled).to.be.at.least(1);
    expect((await Payment.findByPk(opened.id))!.status).to.equal('paid');
    await waitForStatus('applicant', caseNo, 'delivered', 30_000);
    await eventually('the late notification', async () => (await callbacks(`${caseNo}-FEE`)).length === 2, 20_000);
    expect((await callbacks(`${caseNo}-FEE`)).map((c) => [c.outcome, c.problem])).to.deep.equal([
      ['recorded', 'notification_missing'],
      ['duplicate', null],
    ]);
    const c = (await Case.findOne({ where: { caseNo } }))!;
    expect(await TimelineEvent.count({ where: { caseId: c.id, type: 'payment.received' } })).to.equal(1);
    // a settled order is not settled again, however late the round
    await round(new Date(Date.now() + 86_400_000));
    expect(await callbacks(`${caseNo}-FEE`)).to.have.length(2);
    expect(await TimelineEvent.count({ where: { caseId: c.id, type: 'payment.received' } })).to.equal(1);
  });

  it('makes one order and one charge when the worker dies after opening the order', async () => {
    const env = testEnv();
    await env.stopWorkers();
    const proxy = await startHoldingProxy(env.engine.url, isCompletion);
    // every topic but payment runs as usual; the payment worker's "complete" never reaches the engine
    await env.restartWorkers({ topics: env.config.worker.topics.filter((t) => t !== 'payment') });
    const child = spawn(process.execPath, ['--import', 'tsx', 'workers/index.ts'], {
      cwd: REPO_ROOT,
      env: { ...process.env, ...env.childEnv, ENGINE_URL: proxy.url, WORKER_TOPICS: 'payment', WORKER_LOCK_DURATION_MS: '3000', LOG_LEVEL: 'warn' },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    let caseNo: string;
    try {
      caseNo = await approvedSignboardCase();
      await Promise.race([proxy.held, new Promise((_, reject) => setTimeout(() => reject(new Error('the payment worker never tried to complete')), 60_000))]);
      child.kill('SIGKILL');
      await new Promise((resolve) => child.once('exit', resolve));
      const opened = await Payment.findAll({ where: { merchantOrderNo: `${caseNo}-FEE` } });
      expect(opened).to.have.length(1);
      expect(opened[0]!.orderNo, 'the order was opened at the gateway').to.be.a('string');
      await new Promise((r) => setTimeout(r, 3500)); // the dead worker's lock runs out
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
      await proxy.close();
      await env.restartWorkers();
    }
    const due = await paymentOf(caseNo);
    env.payments.control.pay(due.orderNo);
    await waitForStatus('applicant', caseNo, 'delivered', 30_000);
    expect(await Payment.count({ where: { merchantOrderNo: `${caseNo}-FEE` } })).to.equal(1);
    expect(env.payments.control.orderByMerchantNo(`${caseNo}-FEE`).orderNo, 'the gateway has the same one order').to.equal(due.orderNo);
    expect((await callbacks(`${caseNo}-FEE`)).filter((c) => c.outcome === 'recorded')).to.have.length(1);
  });
});
