import { Op } from 'sequelize';
import { expect } from 'chai';
import { api, applicant, completeMaterials, getCase, ITEM, submit, validForm, waitForStatus, waitForTask } from '../support/api.ts';
import { testEnv } from '../support/environment.ts';
import { approvedCase, CALLBACK_PATH, callbacksAbout, callbacksSettled, callbackUrl, deliveryOf, eventually, recipient } from '../support/delivery.ts';
import { Case } from '../../server/cases/case.model.ts';
import { Delivery } from '../../server/deliveries/delivery.model.ts';
import { GatewayCallback } from '../../server/gateways/gateway-callback.model.ts';
import { TimelineEvent } from '../../server/cases/timeline-event.model.ts';
import { signCallback } from '../../server/gateways/logistics/index.ts';
import { trackDeliveries } from '../../server/deliveries/track-deliveries.ts';

const post = (body: string, headers: Record<string, string>) =>
  api()
    .post(CALLBACK_PATH)
    .set({ 'Content-Type': 'application/json', ...headers })
    .send(body);

/** Everything a callback could have changed (other cases' notices are sealed meanwhile: not counted). */
async function snapshot() {
  return {
    deliveries: (await Delivery.findAll({ order: [['id', 'ASC']] })).map((d) => d.toJSON()),
    timeline: await TimelineEvent.count({ where: { type: { [Op.like]: 'delivery.%' } } }),
  };
}

describe("物流寄送: the results go by courier and the carrier's signed callbacks track them", () => {
  let caseNo: string;
  let waybillNo: string;

  before(async () => {
    caseNo = await approvedCase({ method: 'logistics', recipient: recipient() });
    await waitForStatus('applicant', caseNo, 'delivering');
    waybillNo = (await deliveryOf('applicant', caseNo)).waybillNo;
  });

  it('when the case is decided, books a waybill to the recipient the applicant chose', async () => {
    const delivery = await deliveryOf('applicant', caseNo);
    expect(delivery).to.include({ method: 'logistics', status: 'preparing', started: true, shipmentNo: `DLV-${caseNo}` });
    // the applicant's own address in full, the phone masked (个人信息); the carrier gets it all
    expect(delivery.recipient).to.deep.equal({ ...recipient(), phone: '139****5678' });
    expect(delivery.documents.map((d: { kind: string }) => d.kind)).to.include('decision_approved');
    const booked = testEnv().carrier.control.waybill(waybillNo);
    expect(booked).to.include({ shipmentNo: `DLV-${caseNo}`, callbackUrl: callbackUrl() });
    expect(booked.recipient).to.deep.equal(recipient());
    // staff see the recipient's phone masked
    expect((await deliveryOf('clerk', caseNo)).recipient.phone).to.equal('139****5678');
    const started = (await getCase('applicant', caseNo)).body.timeline.filter((e: { type: string }) => e.type === 'delivery.started');
    expect(started).to.have.length(1);
  });

  it('when a forged callback arrives (wrong secret, altered body, no signature), answers 401, keeps it as evidence and changes nothing', async () => {
    const before = await snapshot();
    const body = JSON.stringify({
      eventId: 'forged-1',
      waybillNo,
      shipmentNo: `DLV-${caseNo}`,
      event: 'delivered',
      at: new Date().toISOString(),
      description: '已签收',
    });
    const wrongSecret = await post(body, signCallback('not-the-carrier-secret-000', body));
    expect(wrongSecret.status).to.equal(401);
    expect(wrongSecret.body.error).to.include({ code: 'callback_signature_invalid', message: '回调签名无效或已过期，已拒绝' });
    const signed = signCallback(testEnv().carrier.callbackSecret, body);
    expect((await post(body.replace('forged-1', 'forged-2'), signed)).status, 'altered after signing').to.equal(401);
    expect((await post(body, {})).status, 'unsigned').to.equal(401);
    const malformed = JSON.stringify({ hello: 'world' });
    const notACallback = await post(malformed, signCallback(testEnv().carrier.callbackSecret, malformed));
    expect(notACallback.status).to.equal(400);
    expect(notACallback.body.error.code).to.equal('callback_malformed');

    expect(await snapshot()).to.deep.equal(before);
    const kept = await GatewayCallback.findAll({ where: { gateway: 'logistics', outcome: 'refused', subject: waybillNo } });
    expect(kept.map((k) => k.problem?.split(':')[0])).to.have.members(['signature_invalid', 'signature_invalid', 'signature_missing']);
    expect(kept[0]!.body).to.equal(body);
  });

  it('when a callback about a waybill we never booked arrives, keeps it as refused, answers 200 so the carrier stops, and changes nothing', async () => {
    const before = await snapshot();
    const stray = testEnv().carrier.control.strayCallback(callbackUrl(), 'delivered');
    const kept = await eventually('the stray callback', async () => GatewayCallback.findOne({ where: { gateway: 'logistics', eventId: stray.eventId } }));
    expect(kept).to.include({ outcome: 'refused', problem: 'unknown_waybill', subject: stray.waybillNo });
    // answered 2xx: the carrier does not retry a waybill that can never become ours
    const direct = await post(stray.callback.body, signCallback(testEnv().carrier.callbackSecret, stray.callback.body));
    expect(direct.status).to.equal(200);
    expect(direct.body).to.deep.equal({ ok: false, problem: 'unknown_waybill' });
    expect(await snapshot()).to.deep.equal(before);
  });

  it('when the parcel travels and is delivered, with every callback sent twice, records each event once and the case ends delivered', async () => {
    testEnv().carrier.control.advance(waybillNo, 'delivered', { duplicate: true });
    await waitForStatus('applicant', caseNo, 'delivered');
    const sandbox = await callbacksSettled(waybillNo);
    expect(sandbox.events.map((e) => e.callback.attempts.map((a) => a.status))).to.deep.equal([
      [200, 200],
      [200, 200],
      [200, 200],
    ]);

    const delivery = await deliveryOf('applicant', caseNo);
    expect(delivery).to.include({ status: 'delivered', statusLabel: '已送达' });
    expect(delivery.tracking.map((t: { event: string }) => t.event)).to.deep.equal(['collected', 'in_transit', 'delivered']);
    expect(delivery.deliveredAt).to.equal(sandbox.events[2]!.at);
    // each event named by the platform from its code in the caller's language; the carrier's note as it came
    type Tracked = { event: string; label: string; note: string | null; byCarrier: boolean };
    expect(delivery.tracking.map((t: Tracked) => t.label)).to.deep.equal(['快递已揽收', '运输中', '已签收']);
    const english = await deliveryOf('applicant', caseNo, 'en');
    expect(english.tracking.map((t: Tracked) => t.label)).to.deep.equal(['Collected by the courier', 'In transit', 'Delivered']);
    expect(english.tracking.map((t: Tracked) => t.note)).to.deep.equal(delivery.tracking.map((t: Tracked) => t.note));
    expect(english.tracking.every((t: Tracked) => t.byCarrier && t.note)).to.equal(true);
    const englishTimeline = (await getCase('applicant', caseNo, 'en')).body.timeline as { type: string; label: string }[];
    expect(englishTimeline.filter((e) => e.type === 'delivery.event').map((e) => e.label)).to.deep.equal([
      'Delivery update: Collected by the courier',
      'Delivery update: In transit',
      'Delivery update: Delivered',
    ]);
    const outcomes = (await callbacksAbout(waybillNo)).filter((k) => k.outcome !== 'refused').map((k) => k.outcome);
    expect(outcomes).to.deep.equal(['recorded', 'duplicate', 'recorded', 'duplicate', 'recorded', 'duplicate']);
    const timeline = (await getCase('applicant', caseNo)).body.timeline.map((e: { type: string }) => e.type);
    expect(timeline.filter((t: string) => t === 'delivery.event')).to.have.length(3);
    expect(
      timeline.filter((t: string) => t === 'delivery.delivered'),
      'the 送达回证, once',
    ).to.have.length(1);

    // the same callback again, much later: nothing changes
    const before = await snapshot();
    const again = sandbox.events[2]!.callback.body;
    const res = await post(again, signCallback(testEnv().carrier.callbackSecret, again));
    expect(res.status).to.equal(200);
    expect(res.body).to.deep.equal({ ok: true, duplicate: true });
    expect(await snapshot()).to.deep.equal(before);
  });

  it("when a delivery is reported before the process waits for it, answers 503 and records nothing, so the carrier's retry is acted on", async () => {
    // a case still in review, given a delivery by hand: its process does not wait for ResultDelivered
    const res = await submit('applicant', { itemCode: ITEM, applicant: applicant(), form: validForm(), materials: await completeMaterials('applicant') });
    await waitForTask('reviewer', res.body.caseNo, 'review');
    const early = (await Case.findOne({ where: { caseNo: res.body.caseNo } }))!;
    await Delivery.create({
      caseId: early.id,
      method: 'logistics',
      status: 'in_transit',
      shipmentNo: `DLV-${early.caseNo}`,
      waybillNo: 'SBX000000000001',
      recipient: recipient(),
      documents: [],
      events: [],
    });
    const before = await snapshot();
    const body = JSON.stringify({
      eventId: 'early-delivered-1',
      waybillNo: 'SBX000000000001',
      event: 'delivered',
      at: new Date().toISOString(),
      description: '已签收',
    });
    for (const attempt of [1, 2]) {
      const answer = await post(body, signCallback(testEnv().carrier.callbackSecret, body));
      expect(answer.status, `attempt ${attempt}`).to.equal(503);
      expect(answer.body).to.include({ ok: false, problem: 'process_not_waiting' });
    }
    expect(await snapshot()).to.deep.equal(before);
    const kept = await GatewayCallback.findAll({ where: { eventId: 'early-delivered-1' } });
    expect(kept.map((k) => `${k.outcome}:${k.problem}`)).to.deep.equal(['refused:process_not_waiting', 'refused:process_not_waiting']);
  });
});

describe('物流寄送 对账: events whose callbacks never came are found by tracking the parcel', () => {
  it('when every callback of a parcel is lost, a round of tracking acts on its events in order and the case ends delivered', async () => {
    const env = testEnv();
    const caseNo = await approvedCase({ method: 'logistics', recipient: recipient() });
    await waitForStatus('applicant', caseNo, 'delivering');
    const waybillNo = (await deliveryOf('applicant', caseNo)).waybillNo as string;
    const booked = (await Delivery.findOne({ where: { waybillNo } }))!;
    expect(booked.nextCheckAt!.getTime() - booked.createdAt.getTime(), 'tracked about ten minutes after booking').to.be.within(599_000, 660_000);

    env.carrier.control.advance(waybillNo, 'delivered', { lost: true });
    expect(
      env.carrier.control.waybill(waybillNo).events.map((e) => e.callback.pendingCopies),
      'no callback will come',
    ).to.deep.equal([0, 0, 0]);
    expect((await deliveryOf('applicant', caseNo)).status).to.equal('preparing');

    const round = await trackDeliveries(env.server.ctx, new Date(booked.nextCheckAt!.getTime() + 1000));
    expect(round.settled, 'the three events').to.be.at.least(3);
    await waitForStatus('applicant', caseNo, 'delivered');
    const delivery = await deliveryOf('applicant', caseNo);
    expect(delivery.tracking.map((t: { event: string }) => t.event)).to.deep.equal(['collected', 'in_transit', 'delivered']);
    expect(delivery.deliveredAt).to.equal(env.carrier.control.waybill(waybillNo).events[2]!.at);
    const kept = (await callbacksAbout(waybillNo)).map((k) => `${k.outcome}:${k.problem}`);
    expect(kept).to.deep.equal(['recorded:callback_missing', 'recorded:callback_missing', 'recorded:callback_missing']);

    // delivered: not tracked again, however late the round
    await trackDeliveries(env.server.ctx, new Date(Date.now() + 86_400_000));
    expect(await callbacksAbout(waybillNo)).to.have.length(3);
    const timeline = (await getCase('applicant', caseNo)).body.timeline.map((e: { type: string }) => e.type);
    expect(
      timeline.filter((t: string) => t === 'delivery.delivered'),
      'the 送达回证, once',
    ).to.have.length(1);
  });
});
