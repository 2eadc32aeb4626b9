import { expect } from 'chai';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GatewayRejectedError, GatewayUnavailableError } from '../../../server/gateways/gateway-errors.ts';
import { SandboxPaymentGateway } from '../../../server/gateways/payment/sandbox-gateway.ts';
import { startPaymentSandbox } from '../../../server/gateways/payment/sandbox-service.ts';
import { rejectionOf } from './callback-receiver.ts';
import { startPaymentFixture } from './payment-fixture.ts';

describe('payment sandbox: orders, pay page, refunds', () => {
  let f: Awaited<ReturnType<typeof startPaymentFixture>>;
  before(async () => (f = await startPaymentFixture()));
  after(() => f.close());

  it('when the same order is created twice, then it is one order; another amount for it is refused', async () => {
    const request = f.order();
    const first = await f.gateway.createOrder(request);
    const again = await f.gateway.createOrder(request);
    expect(first.status).to.equal('unpaid');
    expect(again).to.deep.equal(first);
    expect(first.payUrl).to.equal(`${f.sandbox.url}/pay/${first.orderNo}`);

    const err = await rejectionOf(f.gateway.createOrder({ ...request, amountFen: 1300 }));
    expect(err).to.be.instanceOf(GatewayRejectedError);
    expect((err as GatewayRejectedError).status).to.equal(409);
    expect((err as GatewayRejectedError).code).to.equal('amount_mismatch');
    expect((await f.gateway.queryOrder(request.merchantOrderNo)).amountFen).to.equal(1250);
  });

  it('when the payer opens the pay page, then it shows the subject and the amount in yuan, in Chinese', async () => {
    const { payUrl } = await f.gateway.createOrder(f.order({ subject: '<b>营业执照</b>补领工本费' }));
    const response = await fetch(payUrl);
    const html = await response.text();
    expect(response.status).to.equal(200);
    expect(response.headers.get('content-type')).to.match(/text\/html/);
    expect(html).to.include('lang="zh-CN"').and.include('¥12.50').and.include('>支付<').and.include('>取消<');
    expect(html).to.include('&lt;b&gt;营业执照&lt;/b&gt;补领工本费');
    expect(html).not.to.include('<b>营业执照');
  });

  it('when the payer pays on the page, then the browser returns to returnUrl and the order is paid', async () => {
    const request = f.order();
    const { payUrl } = await f.gateway.createOrder(request);
    const response = await fetch(payUrl, { method: 'POST', redirect: 'manual' });
    expect(response.status).to.equal(303);
    expect(response.headers.get('location')).to.equal(request.returnUrl);
    const state = await f.gateway.queryOrder(request.merchantOrderNo);
    expect(state.status).to.equal('paid');
    expect(state.paidAt).to.be.instanceOf(Date);

    const twice = await fetch(payUrl, { method: 'POST', redirect: 'manual' });
    expect(twice.status).to.equal(409);
    expect(await twice.text()).to.include('订单已支付');
  });

  it('when the payer cancels, then the order stays unpaid and can still be paid', async () => {
    const request = f.order();
    const { payUrl, orderNo } = await f.gateway.createOrder(request);
    const response = await fetch(`${payUrl}/cancel`, { method: 'POST', redirect: 'manual' });
    expect(response.status).to.equal(303);
    expect((await f.gateway.queryOrder(request.merchantOrderNo)).status).to.equal('unpaid');
    expect(f.sandbox.control.pay(orderNo, { mode: 'never' }).status).to.equal('paid');
  });

  it('when a refund is asked, then it is refused for an unpaid order, idempotent by refundNo and capped at what was paid', async () => {
    const request = f.order({ amountFen: 1000 });
    const { orderNo } = await f.gateway.createOrder(request);
    const refund = { merchantOrderNo: request.merchantOrderNo, refundNo: `RF-${orderNo.slice(-10)}`, amountFen: 400, reason: '申请人撤回申请' };

    const unpaid = await rejectionOf(f.gateway.refund(refund));
    expect(unpaid).to.be.instanceOf(GatewayRejectedError);
    expect((unpaid as GatewayRejectedError).code).to.equal('order_not_paid');

    f.sandbox.control.pay(orderNo, { mode: 'never' });
    expect(await f.gateway.refund(refund)).to.deep.equal({ refundNo: refund.refundNo, status: 'succeeded', amountFen: 400 });
    expect(await f.gateway.refund(refund)).to.deep.equal({ refundNo: refund.refundNo, status: 'succeeded', amountFen: 400 });
    expect((await f.gateway.queryOrder(request.merchantOrderNo)).refundedFen).to.equal(400);

    const tooMuch = await rejectionOf(f.gateway.refund({ ...refund, refundNo: `${refund.refundNo}-2`, amountFen: 601 }));
    expect((tooMuch as GatewayRejectedError).code).to.equal('refund_exceeds_paid');
    const reused = await rejectionOf(f.gateway.refund({ ...refund, amountFen: 300 }));
    expect((reused as GatewayRejectedError).code).to.equal('refund_conflict');

    await f.gateway.refund({ ...refund, refundNo: `${refund.refundNo}-3`, amountFen: 600 });
    const state = await f.gateway.queryOrder(request.merchantOrderNo);
    expect(state).to.include({ status: 'refunded', refundedFen: 1000 });
  });

  it('when a request is malformed, then the sandbox answers 400 naming the field, never 500', async () => {
    const cases: Array<[unknown, RegExp]> = [
      [{ ...f.order(), amountFen: 12.5 }, /amountFen/],
      [{ ...f.order(), amountFen: -1 }, /amountFen/],
      [{ ...f.order(), merchantOrderNo: '订单1' }, /merchantOrderNo/],
      [{ ...f.order(), notifyUrl: 'ftp://x' }, /notifyUrl/],
      [{ ...f.order(), expiresAt: 'tomorrow' }, /expiresAt/],
      [{ ...f.order(), expiresAt: new Date(Date.now() - 1000).toISOString() }, /expiresAt/],
      [{ ...f.order(), subject: '' }, /subject/],
      [['not', 'an', 'object'], /body/],
    ];
    for (const [body, field] of cases) {
      const response = await fetch(`${f.sandbox.url}/api/orders`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(body),
      });
      const answer = (await response.json()) as { error: { code: string; message: string } };
      expect(response.status, JSON.stringify(body)).to.equal(400);
      expect(answer.error.message).to.match(field);
      expect(answer.error.message).to.match(/[\u4e00-\u9fa5]/);
    }
    const broken = await fetch(`${f.sandbox.url}/api/orders`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'Accept-Language': 'en' },
      body: '{"amountFen":',
    });
    expect(broken.status).to.equal(400);
    expect(((await broken.json()) as { error: { message: string } }).error.message).to.equal('The request body is not valid JSON');
    const unknown = await fetch(`${f.sandbox.url}/api/merchant-orders/NOPE-000000`);
    expect(unknown.status).to.equal(404);
  });

  it('when the gateway is down, failing or slow, then the adapter throws GatewayUnavailableError', async () => {
    const down = new SandboxPaymentGateway({ baseUrl: 'http://127.0.0.1:9', publicKeyPem: f.sandbox.publicKeyPem, timeoutMs: 1_000 });
    expect(await rejectionOf(down.queryOrder('FEE-000001'))).to.be.instanceOf(GatewayUnavailableError);

    f.sandbox.control.injectFaults({ mode: 'fail', count: 1 });
    const failed = await rejectionOf(f.gateway.createOrder(f.order()));
    expect(failed).to.be.instanceOf(GatewayUnavailableError);
    expect(failed.message).to.match(/503/);

    const impatient = new SandboxPaymentGateway({ baseUrl: f.sandbox.url, publicKeyPem: f.sandbox.publicKeyPem, timeoutMs: 200 });
    f.sandbox.control.injectFaults({ mode: 'slow', count: 1, delayMs: 1_000 });
    const slow = await rejectionOf(impatient.createOrder(f.order()));
    expect(slow).to.be.instanceOf(GatewayUnavailableError);
    expect(slow.message).to.match(/timed out/);

    const request = f.order();
    expect((await f.gateway.createOrder(request)).status).to.equal('unpaid');
  });
});

describe('payment sandbox: restart', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'payment-sandbox-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('when it restarts on the same data file, then orders and its signing key are still there', async () => {
    const dataFile = join(dir, 'payment-sandbox.json');
    const first = await startPaymentSandbox({ dataFile });
    const gateway = new SandboxPaymentGateway({ baseUrl: first.url, publicKeyPem: first.publicKeyPem });
    const request = {
      merchantOrderNo: 'FEE-RESTART-1',
      amountFen: 880,
      subject: '工本费',
      notifyUrl: 'http://127.0.0.1:9/n',
      expiresAt: new Date(Date.now() + 60_000),
    };
    const created = await gateway.createOrder(request);
    first.control.pay(created.orderNo, { mode: 'never' });
    await first.close();

    const second = await startPaymentSandbox({ dataFile });
    try {
      expect(second.publicKeyPem).to.equal(first.publicKeyPem);
      const again = new SandboxPaymentGateway({ baseUrl: second.url, publicKeyPem: second.publicKeyPem });
      const state = await again.queryOrder(request.merchantOrderNo);
      expect(state).to.include({ orderNo: created.orderNo, status: 'paid', amountFen: 880 });
    } finally {
      await second.close();
    }
  });
});
