import { expect } from 'chai';
import { waitForStatus } from '../support/api.ts';
import { testEnv } from '../support/environment.ts';
import { instanceOf } from '../support/engine.ts';
import { approvedSignboardCase } from '../support/payment.ts';
import { startFlakyProxy } from '../support/flaky-proxy.ts';
import { EngineClient } from '../../server/engine/client.ts';
import { Case } from '../../server/cases/case.model.ts';
import { Payment } from '../../server/payments/payment.model.ts';
import { TimelineEvent } from '../../server/cases/timeline-event.model.ts';
import { GatewayCallback } from '../../server/gateways/gateway-callback.model.ts';
import { reconcilePayment, reconcilePayments } from '../../server/payments/reconcile.ts';
import { correlateWaitingPayments } from '../../server/payments/recorrelate.ts';
import { tellPaymentReceived } from '../../server/payments/payment-received.ts';
import { settlePayment } from '../../server/payments/settle-payment.ts';
import { MESSAGES } from '../../contract/topics.ts';

/** Short pauses while an engine does not answer: the tests need not wait the ~16 s a gateway's callback may. */
const QUICK = { unconfirmedPausesMs: [50, 100, 200] };

/** A server context whose engine is the one given (a dead one: the engine crashed; a flaky one: it restarts). */
const withEngine = (url: string) => {
  const env = testEnv();
  const engine = new EngineClient({ url, user: env.config.engine.user, password: env.config.engine.password, timeoutMs: 2000 });
  return { ...env.server.ctx, engine, correlationPatience: QUICK };
};

const waitsForPayment = async (caseNo: string) => {
  const instance = await instanceOf(caseNo, 'case_results');
  return (await testEnv().engine.eventSubscriptionsOf(instance.id)).some((s) => s.eventName === MESSAGES.paymentReceived);
};

async function caseAwaitingPayment(): Promise<{ caseNo: string; payment: Payment; caseId: number }> {
  const caseNo = await approvedSignboardCase();
  await waitForStatus('applicant', caseNo, 'awaiting_payment');
  const payment = (await Payment.findOne({ where: { merchantOrderNo: `${caseNo}-FEE` } }))!;
  const c = (await Case.findOne({ where: { caseNo } }))!;
  return { caseNo, payment, caseId: c.id };
}

/** The case's timeline by type; the notices' sealing (result.sealed) follows the steps on its own time, and is left out. */
const entries = async (caseId: number) => {
  const rows = await TimelineEvent.findAll({ where: { caseId }, order: [['id', 'ASC']] });
  return rows.map((r) => r.type).filter((t) => t !== 'result.sealed');
};

describe('崩溃恢复: a payment the engine never heard of is told again', () => {
  it('a crash between the payment and its correlation: 对账 finds the paid order whose process still waits, and a second round changes nothing', async () => {
    const env = testEnv();
    const { caseNo, payment, caseId } = await caseAwaitingPayment();
    // the payer pays; the gateway's notification is lost, and when the server learns of the payment
    // (the page the payer returns to asks the gateway) the engine is down: recorded here, never correlated
    env.payments.control.pay(payment.orderNo!, { mode: 'never' });
    const crashed = withEngine('http://127.0.0.1:9/engine-rest');
    const settled = await reconcilePayment(crashed, payment);
    expect(settled).to.equal('paid');
    expect((await Payment.findByPk(payment.id))!.status, 'recorded here').to.equal('paid');
    expect(await waitsForPayment(caseNo), 'the process still waits for PaymentReceived').to.equal(true);

    // the engine is back; the next round of 对账 finds the paid order whose process waits, and tells it
    const round = await reconcilePayments(env.server.ctx);
    expect(round.correlated, JSON.stringify(round)).to.equal(1);
    await waitForStatus('applicant', caseNo, 'delivered', 30_000);
    const after = await entries(caseId);
    expect(after.filter((t) => t === 'payment.received')).to.have.length(1);

    // again: nothing waits, nothing is told, nothing is written
    const again = await correlateWaitingPayments(env.server.ctx);
    expect(again.correlated).to.equal(0);
    expect(await entries(caseId), 'the timeline is unchanged').to.deep.equal(after);
    expect((await GatewayCallback.findAll({ where: { gateway: 'payment', subject: `${caseNo}-FEE` } })).map((c) => c.outcome)).to.deep.equal(['recorded']);
  });

  it('retries a correlation the engine does not confirm (it answers 503 while it restarts) until it does', async () => {
    const env = testEnv();
    const { caseNo, payment } = await caseAwaitingPayment();
    env.payments.control.pay(payment.orderNo!, { mode: 'never' });
    const proxy = await startFlakyProxy(env.engine.url, (method, path) => method === 'POST' && path === '/message', 2);
    try {
      const flaky = withEngine(proxy.url);
      // settled as the page or a round would settle it, through an engine that fails twice first
      expect(await reconcilePayment(flaky, payment)).to.equal('paid');
      expect(proxy.picked(), 'two refusals, then the confirmation').to.equal(3);
      await waitForStatus('applicant', caseNo, 'delivered', 30_000);
      // told once more (a repeat notification): the process has gone on, nothing happens
      expect(await tellPaymentReceived(flaky.engine, env.logger, caseNo, { awaitWait: false })).to.equal('not_waiting');
    } finally {
      await proxy.close();
    }
  });

  it('an engine that never confirms: the payment stays recorded, the gateway hears 503 and sends again, the repeat is correlated', async () => {
    const env = testEnv();
    const { caseNo, payment } = await caseAwaitingPayment();
    const proxy = await startFlakyProxy(env.engine.url, (method, path) => method === 'POST' && path === '/message', 100);
    try {
      expect(await tellPaymentReceived(withEngine(proxy.url).engine, env.logger, caseNo, QUICK)).to.equal('unconfirmed');
      expect(proxy.picked(), 'asked once, then after each pause').to.equal(QUICK.unconfirmedPausesMs.length + 1);
    } finally {
      await proxy.close();
    }
    // the real path: the notification's settlement meets a dead engine, records the payment and answers 503
    const paid = { orderNo: payment.orderNo!, merchantOrderNo: payment.merchantOrderNo, amountFen: payment.amountFen, paidAt: new Date() };
    const dead = withEngine('http://127.0.0.1:9/engine-rest');
    const answer = await settlePayment(dead, payment, paid, { eventId: `crash-${caseNo}`, body: '{}', remoteAddress: null });
    expect(answer.status, JSON.stringify(answer.body)).to.equal(503);
    expect(answer.outcome).to.equal('paid');
    // the gateway sends it again to a server whose engine is back: the repeat tells the process
    const repeat = await settlePayment(env.server.ctx, (await Payment.findByPk(payment.id))!, paid, {
      eventId: `crash-${caseNo}`,
      body: '{}',
      remoteAddress: null,
    });
    expect(repeat).to.include({ status: 200, outcome: 'repeat' });
    await waitForStatus('applicant', caseNo, 'delivered', 30_000);
  });
});
