import { expect } from 'chai';
import { api, auth, getCase, waitForStatus } from '../support/api.ts';
import { testEnv } from '../support/environment.ts';
import { approvedCase, callbacksSettled, deliveryOf, handOver, recipient } from '../support/delivery.ts';
import { Delivery } from '../../server/deliveries/delivery.model.ts';

async function notificationsOf(username: string, caseNo: string) {
  const res = await api()
    .get('/api/v1/notifications')
    .query({ limit: '100' })
    .set(await auth(username));
  return (res.body.notifications as { kind: string; caseNo: string; text: string }[]).filter((n) => n.caseNo === caseNo);
}

describe('窗口领取: the results wait at the window and the clerk hands them over on the pickup code', () => {
  let caseNo: string;
  let code: string;

  before(async () => {
    caseNo = await approvedCase({ method: 'pickup' });
    await waitForStatus('applicant', caseNo, 'delivering');
    code = (await deliveryOf('applicant', caseNo)).pickup.code;
  });

  it('tells the applicant a 6-digit pickup code, and only the applicant', async () => {
    expect(code).to.match(/^\d{6}$/);
    const told = await notificationsOf('applicant', caseNo);
    expect(told.map((n) => n.kind)).to.deep.equal(['pickup_code']);
    expect(told[0]!.text).to.contain(`取件码 ${code}`);
    const asClerk = await deliveryOf('clerk', caseNo);
    expect(asClerk).to.include({ method: 'pickup', status: 'preparing' });
    expect(asClerk.pickup).to.deep.equal({ atWindow: true, code: null });
    const started = (await getCase('clerk', caseNo)).body.timeline.find((e: { type: string }) => e.type === 'delivery.started');
    expect(JSON.stringify(started.detail), 'staff read the timeline: no code in it').not.to.contain(code);
  });

  it('refuses a wrong code (422), anyone but a clerk (403), and changes nothing but the count of wrong codes', async () => {
    const before = (await Delivery.findOne({ where: { shipmentNo: `DLV-${caseNo}` } }))!.toJSON();
    const wrong = await handOver('clerk', caseNo, code === '000000' ? '111111' : '000000');
    expect(wrong.status).to.equal(422);
    expect(wrong.body.error.details[0]).to.include({ field: 'pickupCode' });
    expect(wrong.body.error.details[0].message).to.contain('取件码不正确');
    expect((await handOver('applicant', caseNo, code)).status).to.equal(403);
    expect((await handOver('reviewer', caseNo, code)).status).to.equal(403);
    const empty = await api()
      .post(`/api/v1/cases/${caseNo}/delivery/handover`)
      .set(await auth('clerk'))
      .send({});
    expect(empty.status).to.equal(422);
    const after = (await Delivery.findOne({ where: { shipmentNo: `DLV-${caseNo}` } }))!.toJSON();
    // the wrong code is counted (five in a row replace the code), nothing else changes
    expect(after.pickupFailures).to.equal(before.pickupFailures + 1);
    const unchanged = (d: typeof after) => ({ ...d, pickupFailures: 0, updatedAt: null });
    expect(unchanged(after)).to.deep.equal(unchanged(before));
  });

  it('hands over on the right code: delivered, by whom, and a second handover is a 409', async () => {
    const res = await handOver('clerk', caseNo, code);
    expect(res.status, JSON.stringify(res.body)).to.equal(200);
    expect(res.body).to.include({ caseNo, status: 'delivered', handedOverBy: 'clerk' });
    await waitForStatus('applicant', caseNo, 'delivered');
    const delivery = await deliveryOf('applicant', caseNo);
    expect(delivery).to.include({ status: 'delivered', handedOverBy: 'clerk' });
    expect(delivery.tracking.map((t: { event: string }) => t.event)).to.deep.equal(['handed_over']);
    const again = await handOver('clerk', caseNo, code);
    expect(again.status).to.equal(409);
    expect(again.body.error.code).to.equal('delivery_already_handed_over');
  });

  it('refuses a handover of results that are not at the window (electronic delivery) with a 409', async () => {
    const electronic = await approvedCase();
    await waitForStatus('applicant', electronic, 'delivered');
    const res = await handOver('clerk', electronic, '123456');
    expect(res.status).to.equal(409);
    expect(res.body.error.code).to.equal('delivery_already_handed_over');
  });
});

describe('退回: a parcel the carrier returns waits at the window instead', () => {
  it('offers the returned results for pickup with a code, and the case ends when the clerk hands them over', async () => {
    const caseNo = await approvedCase({ method: 'logistics', recipient: recipient() });
    await waitForStatus('applicant', caseNo, 'delivering');
    const { waybillNo } = await deliveryOf('applicant', caseNo);
    testEnv().carrier.control.advance(waybillNo, 'returned');
    await callbacksSettled(waybillNo);

    const returned = await deliveryOf('applicant', caseNo);
    expect(returned).to.include({ method: 'logistics', status: 'returned' });
    expect(returned.tracking.map((t: { event: string }) => t.event)).to.deep.equal(['collected', 'in_transit', 'returned']);
    expect(returned.pickup.code).to.match(/^\d{6}$/);
    expect((await notificationsOf('applicant', caseNo)).map((n) => n.kind)).to.deep.equal(['pickup_code']);
    expect((await getCase('applicant', caseNo)).body.status, 'still waiting for the handover').to.equal('delivering');

    expect((await handOver('clerk', caseNo, returned.pickup.code)).status).to.equal(200);
    await waitForStatus('applicant', caseNo, 'delivered');
  });
});
