import { expect } from 'chai';
import { createPrivateKey } from 'node:crypto';
import { CallbackRejectedError } from '../../../server/gateways/gateway-errors.ts';
import { signNotification } from '../../../server/gateways/payment/notification-signature.ts';
import { SandboxPaymentGateway } from '../../../server/gateways/payment/sandbox-gateway.ts';
import { sleep, thrownBy } from './callback-receiver.ts';
import { eventuallyHolds } from '../../support/eventually.ts';
import { rsaKeys, startPaymentFixture } from './payment-fixture.ts';

const rejection = (fn: () => unknown) => {
  const err = thrownBy(fn);
  expect(err).to.be.instanceOf(CallbackRejectedError);
  return (err as CallbackRejectedError).reason;
};

describe('payment sandbox: notifications', () => {
  const keys = rsaKeys();
  let f: Awaited<ReturnType<typeof startPaymentFixture>>;
  beforeEach(async () => (f = await startPaymentFixture({ keys })));
  afterEach(() => f.close());

  it('when an order is paid, then a signed notification arrives that the adapter verifies', async () => {
    const request = f.order();
    const { orderNo } = await f.gateway.createOrder(request);
    const { notifyId } = f.sandbox.control.pay(orderNo);
    const [callback] = await f.receiver.waitFor(1);
    const notification = f.gateway.verifyNotification(callback!.rawBody, callback!.headers);
    expect(notification).to.deep.include({ notifyId, orderNo, merchantOrderNo: request.merchantOrderNo, amountFen: 1250, status: 'paid' });
    expect(notification.paidAt.getTime()).to.equal((await f.gateway.queryOrder(request.merchantOrderNo)).paidAt!.getTime());
    await sleep(200);
    expect(f.receiver.received).to.have.length(1);
  });

  it("when the order says 'twice', then the same notification (same notifyId) is delivered twice", async () => {
    const { orderNo } = await f.gateway.createOrder(f.order());
    f.sandbox.control.setNotify(orderNo, { mode: 'twice' });
    await fetch(`${f.sandbox.url}/pay/${orderNo}`, { method: 'POST', redirect: 'manual' });
    const [first, second] = await f.receiver.waitFor(2);
    expect(second!.rawBody.equals(first!.rawBody)).to.equal(true);
    const a = f.gateway.verifyNotification(first!.rawBody, first!.headers);
    const b = f.gateway.verifyNotification(second!.rawBody, second!.headers);
    expect(a.notifyId).to.equal(b.notifyId);
    await eventuallyHolds(() => expect(f.sandbox.control.order(orderNo).notification!.outcomes).to.deep.equal(['delivered', 'delivered']));
  });

  it("when the payment says 'late', then the notification arrives only after the delay", async () => {
    const { orderNo } = await f.gateway.createOrder(f.order());
    const paidAt = Date.now();
    const response = await fetch(`${f.sandbox.url}/sandbox/orders/${orderNo}/pay`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ notify: 'late', delayMs: 800 }),
    });
    expect(response.status).to.equal(200);
    await sleep(400);
    expect(f.receiver.received).to.have.length(0);
    const [callback] = await f.receiver.waitFor(1);
    expect(callback!.at - paidAt).to.be.at.least(800);
    expect(f.gateway.verifyNotification(callback!.rawBody, callback!.headers).status).to.equal('paid');
  });

  it("when the order says 'never' and nobody pays, then it expires at expiresAt and can no longer be paid", async () => {
    const request = f.order({ expiresAt: new Date(Date.now() + 600) });
    const { orderNo, payUrl } = await f.gateway.createOrder(request);
    f.sandbox.control.setNotify(orderNo, { mode: 'never' });
    expect((await f.gateway.queryOrder(request.merchantOrderNo)).status).to.equal('unpaid');
    await sleep(700);
    expect((await f.gateway.queryOrder(request.merchantOrderNo)).status).to.equal('expired');

    const page = await fetch(payUrl);
    const html = await page.text();
    expect(page.status).to.equal(410);
    expect(html).to.include('订单已过期').and.not.include('>支付<');
    const pay = await fetch(payUrl, { method: 'POST', redirect: 'manual' });
    expect(pay.status).to.equal(409);
    expect(await pay.text()).to.include('订单已过期，不能再支付');
    expect(() => f.sandbox.control.pay(orderNo)).to.throw(/expired/);
    expect((await f.gateway.createOrder(request)).status).to.equal('expired');
    expect(f.receiver.received).to.have.length(0);
  });

  it("when a payment's notification is lost ('never'), then only queryOrder tells it was paid", async () => {
    const request = f.order();
    const { orderNo } = await f.gateway.createOrder(request);
    f.sandbox.control.pay(orderNo, { mode: 'never' });
    await sleep(300);
    expect(f.receiver.received).to.have.length(0);
    expect((await f.gateway.queryOrder(request.merchantOrderNo)).status).to.equal('paid');
  });

  it('when the platform answers 500, then the gateway retries with backoff until it is taken', async () => {
    f.receiver.failNext(2);
    const { orderNo } = await f.gateway.createOrder(f.order());
    f.sandbox.control.pay(orderNo);
    const calls = await f.receiver.waitFor(3);
    expect(calls[2]!.at - calls[1]!.at).to.be.at.least(90);
    await eventuallyHolds(() => {
      const notification = f.sandbox.control.order(orderNo).notification!;
      expect(notification.attempts.map((a) => a.status)).to.deep.equal([500, 500, 200]);
      expect(notification.outcomes).to.deep.equal(['delivered']);
    });
    const ids = calls.map((c) => f.gateway.verifyNotification(c.rawBody, c.headers).notifyId);
    expect(new Set(ids).size).to.equal(1);
  });

  describe('verification', () => {
    let callback: { rawBody: Buffer; headers: Record<string, string> };
    beforeEach(async () => {
      const { orderNo } = await f.gateway.createOrder(f.order());
      f.sandbox.control.pay(orderNo);
      const [received] = await f.receiver.waitFor(1);
      callback = { rawBody: received!.rawBody, headers: received!.headers as Record<string, string> };
    });

    it('refuses a notification signed with another key', () => {
      const body = callback.rawBody.toString('utf8');
      const forged = signNotification(createPrivateKey(rsaKeys().privateKeyPem), body);
      expect(rejection(() => f.gateway.verifyNotification(body, forged))).to.equal('signature_invalid');
    });

    it('refuses an altered body under the original signature', () => {
      const altered = callback.rawBody.toString('utf8').replace('"amountFen":1250', '"amountFen":1');
      expect(altered).not.to.equal(callback.rawBody.toString('utf8'));
      expect(rejection(() => f.gateway.verifyNotification(altered, callback.headers))).to.equal('signature_invalid');
      const reparsed = JSON.stringify(JSON.parse(callback.rawBody.toString('utf8')), null, 1);
      expect(rejection(() => f.gateway.verifyNotification(reparsed, callback.headers))).to.equal('signature_invalid');
    });

    it('refuses a notification without its signature headers', () => {
      for (const name of ['x-pay-timestamp', 'x-pay-nonce', 'x-pay-signature']) {
        const headers = { ...callback.headers };
        delete headers[name];
        expect(
          rejection(() => f.gateway.verifyNotification(callback.rawBody, headers)),
          name,
        ).to.equal('signature_missing');
      }
    });

    it('refuses a genuine signature older than 5 minutes or more than 5 minutes ahead', () => {
      const privateKey = createPrivateKey(keys.privateKeyPem);
      const body = callback.rawBody.toString('utf8');
      const stale = signNotification(privateKey, body, new Date(Date.now() - 6 * 60_000));
      const future = signNotification(privateKey, body, new Date(Date.now() + 6 * 60_000));
      const recent = signNotification(privateKey, body, new Date(Date.now() - 4 * 60_000));
      expect(rejection(() => f.gateway.verifyNotification(body, stale))).to.equal('timestamp_stale');
      expect(rejection(() => f.gateway.verifyNotification(body, future))).to.equal('timestamp_stale');
      expect(f.gateway.verifyNotification(body, recent).amountFen).to.equal(1250);

      const laterClock = new SandboxPaymentGateway({
        baseUrl: f.sandbox.url,
        publicKeyPem: f.sandbox.publicKeyPem,
        now: () => new Date(Date.now() + 10 * 60_000),
      });
      expect(rejection(() => laterClock.verifyNotification(callback.rawBody, callback.headers))).to.equal('timestamp_stale');
    });

    it('refuses a correctly signed body that is not a payment notification', () => {
      const privateKey = createPrivateKey(keys.privateKeyPem);
      const notJson = 'notifyId=1';
      expect(rejection(() => f.gateway.verifyNotification(notJson, signNotification(privateKey, notJson)))).to.equal('malformed');
      const unpaid = JSON.stringify({ ...JSON.parse(callback.rawBody.toString('utf8')), status: 'unpaid' });
      expect(rejection(() => f.gateway.verifyNotification(unpaid, signNotification(privateKey, unpaid)))).to.equal('malformed');
    });
  });
});
