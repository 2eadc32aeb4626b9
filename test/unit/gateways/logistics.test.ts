import { expect } from 'chai';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CallbackRejectedError, GatewayRejectedError, GatewayUnavailableError } from '../../../server/gateways/gateway-errors.ts';
import type { CreateWaybillRequest } from '../../../server/gateways/logistics/carrier.ts';
import { signCallback } from '../../../server/gateways/logistics/callback-signature.ts';
import { SandboxCarrier } from '../../../server/gateways/logistics/sandbox-carrier.ts';
import { startCarrierSandbox } from '../../../server/gateways/logistics/sandbox-service.ts';
import { rejectionOf, sleep, startCallbackReceiver, thrownBy } from './callback-receiver.ts';
import { eventuallyHolds } from '../../support/eventually.ts';

const SECRET = 'carrier-test-secret-0123456789';

describe('logistics sandbox', () => {
  let receiver: Awaited<ReturnType<typeof startCallbackReceiver>>;
  let sandbox: Awaited<ReturnType<typeof startCarrierSandbox>>;
  let carrier: SandboxCarrier;
  beforeEach(async () => {
    receiver = await startCallbackReceiver();
    sandbox = await startCarrierSandbox({ callbackSecret: SECRET, dispatch: { retryDelaysMs: [50, 100, 200], timeoutMs: 2_000 } });
    carrier = new SandboxCarrier({ baseUrl: sandbox.url, callbackSecret: SECRET, timeoutMs: 2_000 });
  });
  afterEach(async () => {
    await sandbox.close();
    await receiver.close();
  });

  const shipment = (overrides: Partial<CreateWaybillRequest> = {}): CreateWaybillRequest => ({
    shipmentNo: `SHP-${randomUUID().slice(0, 12)}`,
    sender: { name: '长沙市政务服务中心', phone: '0731-88666888', address: '湖南省长沙市岳麓区岳麓大道 218 号' },
    recipient: { name: '张三', phone: '13812345678', address: '湖南省长沙市天心区芙蓉南路二段 9 号 3 栋 501' },
    parcel: { description: '食品经营许可证（正副本）' },
    callbackUrl: receiver.url,
    ...overrides,
  });

  const verified = (count: number) => receiver.waitFor(count).then((all) => all.map((c) => carrier.verifyCallback(c.rawBody, c.headers)));

  it('when the same shipment is booked twice, then it is one waybill; other parties under its number are refused', async () => {
    const request = shipment();
    const first = await carrier.createWaybill(request);
    expect(first.status).to.equal('created');
    expect(first.waybillNo).to.match(/^SBX\d{12}$/);
    expect(await carrier.createWaybill(request)).to.deep.equal(first);

    const err = await rejectionOf(carrier.createWaybill({ ...request, recipient: { ...request.recipient, phone: '13900000000' } }));
    expect(err).to.be.instanceOf(GatewayRejectedError);
    expect((err as GatewayRejectedError).code).to.equal('shipment_conflict');
  });

  it('when the courier takes the parcel through to 签收, then each signed callback verifies and tracking agrees', async () => {
    const request = shipment();
    const { waybillNo } = await carrier.createWaybill(request);
    sandbox.control.advance(waybillNo, 'delivered');
    const callbacks = await verified(3);
    expect(callbacks.map((c) => c.event)).to.deep.equal(['collected', 'in_transit', 'delivered']);
    for (const c of callbacks) expect(c).to.include({ waybillNo, shipmentNo: request.shipmentNo });
    expect(callbacks[2]!.description).to.include('签收');

    const events = await carrier.track(waybillNo);
    expect(events.map((e) => e.eventId)).to.deep.equal(callbacks.map((c) => c.eventId));
    expect(events[0]!.at).to.be.instanceOf(Date);
    expect(sandbox.control.waybill(waybillNo).status).to.equal('delivered');
    expect(() => sandbox.control.record(waybillNo, 'in_transit')).to.throw(/delivered cannot become in_transit/);
  });

  it('when a scan asks for a duplicate, then the same callback (same eventId) arrives twice', async () => {
    const { waybillNo } = await carrier.createWaybill(shipment());
    const response = await fetch(`${sandbox.url}/sandbox/waybills/${waybillNo}/events`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ event: 'collected', duplicate: true }),
    });
    expect(response.status).to.equal(200);
    const [a, b] = await verified(2);
    expect(a!.eventId).to.equal(b!.eventId);
    expect(receiver.received[0]!.rawBody.equals(receiver.received[1]!.rawBody)).to.equal(true);
  });

  it('when the platform fails to answer, then the callback is retried until taken', async () => {
    receiver.failNext(1);
    const { waybillNo } = await carrier.createWaybill(shipment());
    sandbox.control.record(waybillNo, 'collected');
    await receiver.waitFor(2);
    await eventuallyHolds(() => expect(sandbox.control.waybill(waybillNo).events[0]!.callback.attempts.map((a) => a.status)).to.deep.equal([500, 200]));
  });

  it('a parcel can be returned to the sender instead of delivered', async () => {
    const { waybillNo } = await carrier.createWaybill(shipment());
    sandbox.control.advance(waybillNo, 'returned');
    expect((await verified(3)).map((c) => c.event)).to.deep.equal(['collected', 'in_transit', 'returned']);
  });

  it('when asked, then it produces a correctly signed callback for a waybill the platform never booked', async () => {
    const response = await fetch(`${sandbox.url}/sandbox/stray-callbacks`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ callbackUrl: receiver.url, event: 'delivered', waybillNo: 'SBX000000000001' }),
    });
    expect(response.status).to.equal(201);
    const [callback] = await verified(1);
    expect(callback).to.include({ waybillNo: 'SBX000000000001', event: 'delivered' });
    expect(callback!.shipmentNo).to.equal(undefined);
    const unknown = await rejectionOf(carrier.track('SBX000000000001'));
    expect((unknown as GatewayRejectedError).status).to.equal(404);
  });

  it('refuses forged, altered, unsigned, stale and malformed callbacks', async () => {
    const { waybillNo } = await carrier.createWaybill(shipment());
    sandbox.control.record(waybillNo, 'collected');
    const [received] = await receiver.waitFor(1);
    const body = received!.rawBody.toString('utf8');
    const headers = received!.headers as Record<string, string>;
    const reason = (fn: () => unknown) => {
      const err = thrownBy(fn);
      expect(err).to.be.instanceOf(CallbackRejectedError);
      return (err as CallbackRejectedError).reason;
    };
    expect(reason(() => carrier.verifyCallback(body, signCallback('another-secret-of-some-length', body)))).to.equal('signature_invalid');
    expect(reason(() => carrier.verifyCallback(body.replace('"collected"', '"delivered"'), headers))).to.equal('signature_invalid');
    expect(reason(() => carrier.verifyCallback(body, { ...headers, 'x-carrier-signature': '' }))).to.equal('signature_missing');
    expect(reason(() => carrier.verifyCallback(body, signCallback(SECRET, body, new Date(Date.now() - 6 * 60_000))))).to.equal('timestamp_stale');
    const odd = JSON.stringify({ ...JSON.parse(body), event: 'lost' });
    expect(reason(() => carrier.verifyCallback(odd, signCallback(SECRET, odd)))).to.equal('malformed');
    expect(carrier.verifyCallback(body, headers).event).to.equal('collected');
  });

  it('when a phone, an address or a name is wrong, then the booking is refused with 400 naming the field', async () => {
    const bad: Array<[CreateWaybillRequest, RegExp]> = [
      [shipment({ recipient: { name: '张三', phone: '12812345678', address: '湖南省长沙市天心区芙蓉南路 9 号' } }), /recipient\.phone/],
      [shipment({ recipient: { name: '张三', phone: '0731-88666888', address: '湖南省长沙市天心区芙蓉南路 9 号' } }), /recipient\.phone/],
      [shipment({ recipient: { name: '张三', phone: '1381234567', address: '湖南省长沙市天心区芙蓉南路 9 号' } }), /recipient\.phone/],
      [shipment({ recipient: { name: '张三', phone: '13812345678', address: '123 Main Street, Springfield' } }), /recipient\.address/],
      [shipment({ recipient: { name: '张三', phone: '13812345678', address: '芙蓉南路' } }), /recipient\.address/],
      [shipment({ sender: { name: '', phone: '0731-88666888', address: '湖南省长沙市岳麓区岳麓大道 218 号' } }), /sender\.name/],
      [shipment({ parcel: { description: '' } }), /parcel\.description/],
      [shipment({ shipmentNo: 'a b' }), /shipmentNo/],
    ];
    for (const [request, field] of bad) {
      const err = await rejectionOf(carrier.createWaybill(request));
      expect(err, JSON.stringify(request)).to.be.instanceOf(GatewayRejectedError);
      expect((err as GatewayRejectedError).status).to.equal(400);
      expect(err.message).to.match(field);
    }
    const missing = await fetch(`${sandbox.url}/api/waybills`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ shipmentNo: 'SHP-000001' }),
    });
    expect(missing.status).to.equal(400);
    expect(((await missing.json()) as { error: { message: string } }).error.message).to.match(/sender：为必填项/);
    const badControl = await fetch(`${sandbox.url}/sandbox/waybills/SBX1/events`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: '{"event":"teleported"}',
    });
    expect(badControl.status).to.equal(400);
  });

  it('when the carrier is failing, slow or down, then the adapter throws GatewayUnavailableError', async () => {
    sandbox.control.injectFaults({ mode: 'fail', count: 1 });
    expect(await rejectionOf(carrier.createWaybill(shipment()))).to.be.instanceOf(GatewayUnavailableError);
    sandbox.control.injectFaults({ mode: 'slow', count: 1, delayMs: 1_000 });
    const impatient = new SandboxCarrier({ baseUrl: sandbox.url, callbackSecret: SECRET, timeoutMs: 200 });
    expect(await rejectionOf(impatient.track('SBX000000000001'))).to.be.instanceOf(GatewayUnavailableError);
    const down = new SandboxCarrier({ baseUrl: 'http://127.0.0.1:9', callbackSecret: SECRET, timeoutMs: 1_000 });
    expect(await rejectionOf(down.createWaybill(shipment()))).to.be.instanceOf(GatewayUnavailableError);
  });
});

describe('logistics sandbox: restart', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'carrier-sandbox-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('when it restarts with a callback still owed, then it keeps its waybills and secret and delivers the callback', async () => {
    const dataFile = join(dir, 'carrier-sandbox.json');
    const receiver = await startCallbackReceiver();
    const first = await startCarrierSandbox({ dataFile });
    const carrier = new SandboxCarrier({ baseUrl: first.url, callbackSecret: first.callbackSecret });
    const { waybillNo } = await carrier.createWaybill({
      shipmentNo: 'SHP-RESTART-1',
      sender: { name: '长沙市政务服务中心', phone: '0731-88666888', address: '湖南省长沙市岳麓区岳麓大道 218 号' },
      recipient: { name: '李四', phone: '15912345678', address: '湖南省长沙市开福区湘江中路 1 号' },
      parcel: { description: '营业执照' },
      callbackUrl: receiver.url,
    });
    first.control.record(waybillNo, 'collected', { delayMs: 600 });
    await first.close();
    await sleep(100);
    expect(receiver.received).to.have.length(0);

    const second = await startCarrierSandbox({ dataFile });
    try {
      expect(second.callbackSecret).to.equal(first.callbackSecret);
      const [callback] = await receiver.waitFor(1);
      expect(carrier.verifyCallback(callback!.rawBody, callback!.headers)).to.include({ waybillNo, event: 'collected' });
      expect(second.control.waybill(waybillNo).status).to.equal('collected');
    } finally {
      await second.close();
      await receiver.close();
    }
  });
});
