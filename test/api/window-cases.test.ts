import { expect } from 'chai';
import { api, applicant, auth, completeMaterials, decide, getCase, ITEM, submit, validForm, waitForStatus, waitForTask } from '../support/api.ts';
import { chooseDelivery, deliveryOf, handOver, otherApplicant } from '../support/delivery.ts';
import { Case } from '../../server/cases/case.model.ts';
import { Delivery } from '../../server/deliveries/delivery.model.ts';

/** A case of the demo item taken at the window by `clerk` for 张三 (who has an account of his own), with what else is given. */
async function windowCase(extra: Record<string, unknown> = {}, clerk = 'clerk'): Promise<string> {
  const res = await submit(clerk, {
    itemCode: ITEM,
    channel: 'window',
    applicant: applicant(),
    form: validForm(),
    materials: await completeMaterials(clerk),
    ...extra,
  });
  expect(res.status, JSON.stringify(res.body)).to.equal(201);
  return res.body.caseNo as string;
}

async function approve(caseNo: string) {
  await decide('reviewer', caseNo, 'review', 'approve');
  await decide('leader', caseNo, 'decision', 'approve');
}

async function notificationsOf(username: string, caseNo: string) {
  const res = await api()
    .get('/api/v1/notifications')
    .query({ limit: '100' })
    .set(await auth(username));
  return (res.body.notifications as { kind: string; caseNo: string; text: string }[]).filter((n) => n.caseNo === caseNo);
}

async function pickups(username: string, query: Record<string, string> = {}, language = 'zh-CN') {
  const res = await api()
    .get('/api/v1/deliveries/pickups')
    .query(query)
    .set('Accept-Language', language)
    .set(await auth(username));
  expect(res.status, JSON.stringify(res.body)).to.equal(200);
  return res.body.pickups as { caseNo: string; priority: { reason: string; label: string } | null; applicantIdNo: string }[];
}

describe('绿色通道: a window clerk puts a case first, for a reason of the fixed list', () => {
  it('refuses it from an applicant, and an unknown reason, in words, creating nothing', async () => {
    const before = await Case.count();
    const own = await submit('applicant', {
      itemCode: ITEM,
      applicant: applicant(),
      form: validForm(),
      materials: await completeMaterials('applicant'),
      priority: { reason: 'elderly' },
    });
    expect(own.status).to.equal(422);
    expect(own.body.error.details[0]).to.include({ field: 'priority', message: '绿色通道：只能由窗口工作人员在受理时登记' });
    const unknown = await api()
      .post('/api/v1/cases')
      .set(await auth('clerk'))
      .set('Accept-Language', 'en')
      .send({
        itemCode: ITEM,
        channel: 'window',
        applicant: applicant(),
        form: validForm(),
        materials: await completeMaterials('clerk'),
        priority: { reason: 'vip' },
      });
    expect(unknown.status).to.equal(422);
    expect(unknown.body.error.details[0].field).to.equal('priority.reason');
    expect(unknown.body.error.details[0].message).to.match(/^Reason for priority: /);
    expect(await Case.count()).to.equal(before);
  });

  it('stores the reason, shows it in both languages, and lists the priority case first in the inbox though it came later', async () => {
    const ordinary = await windowCase();
    const first = await windowCase({ priority: { reason: 'elderly' } });
    const [early, late] = [await waitForTask('reviewer', ordinary, 'review'), await waitForTask('reviewer', first, 'review')];

    expect((await getCase('reviewer', first)).body.priority).to.deep.equal({ reason: 'elderly', label: '老年人' });
    const english = await api()
      .get(`/api/v1/cases/${first}`)
      .set('Accept-Language', 'en')
      .set(await auth('applicant'));
    expect(english.body.priority).to.deep.equal({ reason: 'elderly', label: 'Elderly person' });
    expect((await getCase('reviewer', ordinary)).body.priority).to.equal(null);

    const inbox = await api()
      .get('/api/v1/tasks')
      .query({ limit: '100' })
      .set(await auth('reviewer'));
    const tasks = inbox.body.tasks as { id: string; priorityReason: string | null }[];
    const at = (id: string) => tasks.findIndex((t) => t.id === id);
    expect(at(late.id), 'the priority task is listed').to.be.greaterThan(-1);
    expect(at(late.id), 'before the ordinary one that came first').to.be.lessThan(at(early.id));
    expect(tasks[at(late.id)]!.priorityReason).to.equal('elderly');
    const ranks = tasks.map((t) => (t.priorityReason ? 0 : 1));
    expect(ranks, 'every priority task before every other').to.deep.equal([...ranks].sort());
    // by arrival, the order is arrival's alone
    const newest = await api()
      .get('/api/v1/tasks')
      .query({ limit: '100', sort: 'oldest' })
      .set(await auth('reviewer'));
    const ids = (newest.body.tasks as { id: string }[]).map((t) => t.id);
    expect(ids.indexOf(early.id)).to.be.lessThan(ids.indexOf(late.id));
  });
});

describe('a window case at delivery: the applicant named on it chooses, sees the pickup code, and the clerk hands over', () => {
  let caseNo: string;
  let code: string;

  before(async () => {
    caseNo = await windowCase({ priority: { reason: 'disabled' } });
  });

  it('lets the applicant named on the case choose the delivery (not only the submitting clerk), and answers the delivery as GET does', async () => {
    expect((await chooseDelivery(await otherApplicant(), caseNo, { method: 'pickup' })).status, 'another applicant').to.equal(404);
    const chosen = await chooseDelivery('applicant', caseNo, { method: 'pickup' });
    expect(chosen.status, JSON.stringify(chosen.body)).to.equal(200);
    expect(chosen.body).to.include({ caseNo, method: 'pickup', chosen: true, started: false });
    expect(chosen.body.documents, 'the card reads documents.length of the answer').to.be.an('array');
    expect(chosen.body).to.deep.equal(await deliveryOf('applicant', caseNo));
  });

  it('tells the named applicant the pickup code (and only them), and puts the case in the pickup queue of the hall without the code', async () => {
    await approve(caseNo);
    await waitForStatus('applicant', caseNo, 'delivering');
    const mine = await deliveryOf('applicant', caseNo);
    code = mine.pickup.code;
    expect(code).to.match(/^\d{6}$/);
    expect(mine.pickup.atWindow).to.equal(true);
    expect((await deliveryOf('clerk', caseNo)).pickup).to.deep.equal({ atWindow: true, code: null });
    const told = await notificationsOf('applicant', caseNo);
    expect(told.map((n) => n.kind)).to.deep.equal(['pickup_code']);
    expect(told[0]!.text).to.contain(`取件码 ${code}`);

    const queue = await pickups('clerk', { q: caseNo });
    expect(queue.map((p) => p.caseNo)).to.deep.equal([caseNo]);
    expect(queue[0]!.priority).to.deep.equal({ reason: 'disabled', label: '残疾人' });
    expect(queue[0]!.applicantIdNo).to.not.contain('199003071');
    expect(JSON.stringify(queue)).to.not.contain(code);
    expect((await pickups('clerk', { q: caseNo }, 'en'))[0]!.priority!.label).to.equal('Person with a disability');
    expect((await pickups('clerk-yuelu', { q: caseNo })).length, "another district's hall").to.equal(0);
    const bad = await api()
      .get('/api/v1/deliveries/pickups')
      .query({ q: 'x'.repeat(41) })
      .set(await auth('clerk'));
    expect(bad.status).to.equal(422);
    expect(
      (
        await api()
          .get('/api/v1/deliveries/pickups')
          .set(await auth('applicant'))
      ).status,
    ).to.equal(403);
  });

  it("refuses someone else's ID and a wrong code in words (both languages), then hands over to the applicant", async () => {
    const stranger = await handOver('clerk', caseNo, code, '110105194912310029');
    expect(stranger.status).to.equal(422);
    expect(stranger.body.error.details[0]).to.include({ field: 'idNo', message: '领取人证件号码：与申请人或登记的代办人证件号码不符，不能领取' });
    const wrong = await api()
      .post(`/api/v1/cases/${caseNo}/delivery/handover`)
      .set(await auth('clerk'))
      .set('Accept-Language', 'en')
      .send({ pickupCode: code === '000000' ? '111111' : '000000', idNo: applicant().idNo });
    expect(wrong.status).to.equal(422);
    expect(wrong.body.error.details[0].field).to.equal('pickupCode');
    expect(wrong.body.error.details[0].message).to.contain('the pickup code is wrong');
    expect((await getCase('applicant', caseNo)).body.status).to.equal('delivering');

    const done = await handOver('clerk', caseNo, code);
    expect(done.status, JSON.stringify(done.body)).to.equal(200);
    await waitForStatus('applicant', caseNo, 'delivered');
    const delivered = await deliveryOf('applicant', caseNo);
    expect(delivered).to.include({ status: 'delivered', handedOverBy: 'clerk' });
    expect(delivered.tracking.map((t: { event: string }) => t.event)).to.deep.equal(['handed_over']);
    expect((await pickups('clerk', { q: caseNo })).length, 'no longer waiting').to.equal(0);
  });
});

describe('a pickup code cannot be guessed', () => {
  it('replaces the code after five wrong ones and tells the applicant the new one; the old one no longer works', async () => {
    const caseNo = await windowCase({ delivery: { method: 'pickup' } });
    await approve(caseNo);
    await waitForStatus('applicant', caseNo, 'delivering');
    const old = (await deliveryOf('applicant', caseNo)).pickup.code as string;
    const wrongCode = old === '000000' ? '111111' : '000000';
    for (let n = 1; n <= 4; n++) {
      const res = await handOver('clerk', caseNo, wrongCode);
      expect(res.body.error.details[0].message).to.contain(`再错 ${5 - n} 次将作废并重新发送`);
    }
    const fifth = await handOver('clerk', caseNo, wrongCode);
    expect(fifth.status).to.equal(422);
    expect(fifth.body.error.details[0].message).to.equal('取件码：连续输错 5 次，原取件码已作废，新的取件码已发送给申请人');
    const renewed = (await deliveryOf('applicant', caseNo)).pickup.code as string;
    expect(renewed).to.match(/^\d{6}$/);
    expect((await Delivery.findOne({ where: { shipmentNo: `DLV-${caseNo}` } }))!.pickupFailures).to.equal(0);
    const told = await notificationsOf('applicant', caseNo);
    expect(told.map((n) => n.kind)).to.deep.equal(['pickup_code', 'pickup_code']);
    if (renewed !== old) expect((await handOver('clerk', caseNo, old)).status, 'the old code').to.equal(422);
    expect((await handOver('clerk', caseNo, renewed)).status).to.equal(200);
  });
});
