import { expect } from 'chai';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GatewayRejectedError, GatewayUnavailableError } from '../../../server/gateways/gateway-errors.ts';
import { SandboxProvinceExchange, signRequest, startExchangeSandbox, type ExchangeEvent } from '../../../server/gateways/province/index.ts';

const event = (eventId: string, overrides: Partial<ExchangeEvent> = {}): ExchangeEvent => ({
  eventId,
  eventType: 'accept',
  occurredAt: '2026-12-07T01:00:00.000Z',
  caseNo: '4301002026120700001',
  channel: 'web',
  itemCode: 'SCJG-GT-001',
  regionCode: '430100',
  departmentCode: 'samr',
  ...overrides,
});
const thrown = (promise: Promise<unknown>) =>
  promise.then(
    () => undefined,
    (err: unknown) => err,
  );

describe('provincial exchange sandbox', () => {
  let sandbox: Awaited<ReturnType<typeof startExchangeSandbox>>;
  let exchange: SandboxProvinceExchange;
  beforeEach(async () => {
    sandbox = await startExchangeSandbox({ secret: 'exchange-test-secret-0123456789', appId: 'platform' });
    exchange = new SandboxProvinceExchange({ baseUrl: sandbox.url, appId: 'platform', secret: sandbox.secret, timeoutMs: 2_000 });
  });
  afterEach(() => sandbox.close());

  it('acknowledges each event, a repeat as a duplicate, and a malformed one as rejected, in the order sent', async () => {
    const answers = await exchange.report([event('e1'), event('e1'), event('e2', { regionCode: 'x' })]);
    expect(answers.map((a) => a.status)).to.deep.equal(['accepted', 'duplicate', 'rejected']);
    expect(answers[2]).to.include({ code: 'malformed' });
    expect((await exchange.report([event('e1')]))[0]!.status).to.equal('duplicate');
    expect(sandbox.control.events().map((e) => e.eventId)).to.deep.equal(['e1']);
  });

  it('refuses a request signed with another secret, or replayed, and holds nothing', async () => {
    const forged = new SandboxProvinceExchange({ baseUrl: sandbox.url, appId: 'platform', secret: 'someone-elses-secret-000000', timeoutMs: 2_000 });
    const err = await thrown(forged.report([event('e9')]));
    expect(err).to.be.instanceOf(GatewayRejectedError);
    expect((err as GatewayRejectedError).code).to.equal('signature_invalid');
    const body = JSON.stringify({ events: [event('e8')] });
    const headers = { 'Content-Type': 'application/json', ...signRequest('platform', sandbox.secret, 'POST', '/api/case-events', body) };
    expect((await fetch(`${sandbox.url}/api/case-events`, { method: 'POST', headers, body })).status).to.equal(200);
    const replay = await fetch(`${sandbox.url}/api/case-events`, { method: 'POST', headers, body: JSON.stringify({ events: [event('e7')] }) });
    expect(replay.status, 'the body changed under the signature').to.equal(401);
    const again = await fetch(`${sandbox.url}/api/case-events`, { method: 'POST', headers, body });
    expect(((await again.json()) as { error: { code: string } }).error.code).to.equal('nonce_replayed');
    expect(sandbox.control.events().map((e) => e.eventId)).to.deep.equal(['e8']);
  });

  it('is unavailable during an outage and slow when told, and counts what it holds by day and type', async () => {
    sandbox.control.setOutage(true);
    expect(await thrown(exchange.report([event('e1')]))).to.be.instanceOf(GatewayUnavailableError);
    sandbox.control.setOutage(false);
    sandbox.control.injectFaults({ mode: 'slow', count: 1, delayMs: 5_000 });
    expect(await thrown(exchange.report([event('e1')]))).to.be.instanceOf(GatewayUnavailableError);
    await exchange.report([event('e1'), event('e2', { eventType: 'apply', applicant: { name: '张三', idType: 'resident_id', idNo: '430102199003071234' } })]);
    // 01:00 UTC is 09:00 in Beijing: the same day
    expect(await exchange.countsOf('2026-12-07')).to.deep.equal({ day: '2026-12-07', counts: { accept: 1, apply: 1 } });
    sandbox.control.lose('e1');
    expect((await exchange.countsOf('2026-12-07')).counts).to.deep.equal({ apply: 1 });
  });

  it('loses an answer after taking the events when told: the repeat is a duplicate', async () => {
    sandbox.control.loseAcknowledgements(1);
    expect(await thrown(exchange.report([event('e1')]))).to.be.instanceOf(GatewayUnavailableError);
    expect((await exchange.report([event('e1')]))[0]!.status).to.equal('duplicate');
  });

  it('keeps what it holds across a restart', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'exchange-'));
    try {
      const first = await startExchangeSandbox({ dataFile: join(dir, 'exchange.ndjson') });
      await new SandboxProvinceExchange({ baseUrl: first.url, appId: first.appId, secret: first.secret }).report([event('e1'), event('e2')]);
      first.control.lose('e2');
      await first.close();
      const second = await startExchangeSandbox({ dataFile: join(dir, 'exchange.ndjson') });
      expect(second.secret, 'the generated credentials are kept').to.equal(first.secret);
      expect(second.control.events().map((e) => e.eventId)).to.deep.equal(['e1']);
      await second.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
