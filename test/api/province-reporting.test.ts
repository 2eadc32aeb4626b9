import { expect } from 'chai';
import { api, applicant, auth, completeMaterials, decide, ITEM, submit, validForm, waitForStatus, waitForTask } from '../support/api.ts';
import { testEnv } from '../support/environment.ts';
import { eventually } from '../support/eventually.ts';
import { exchangeHolds, heldTypes, outboxOf, outboxSettled } from '../support/province.ts';
import { OutboxEvent } from '../../server/reporting/outbox-event.model.ts';
import { Notification } from '../../server/notifications/notification.model.ts';
import { User } from '../../server/auth/user.model.ts';
import { Case } from '../../server/cases/case.model.ts';
import { beijingDay } from '../../server/gateways/province/index.ts';

const post = async (user: string, path: string, body: object = {}, language = 'zh-CN') =>
  api()
    .post(`/api/v1${path}`)
    .set(await auth(user))
    .set('Accept-Language', language)
    .send(body);
const get = async (user: string, path: string) =>
  api()
    .get(`/api/v1${path}`)
    .set(await auth(user));

async function submitted(username = 'applicant', extra: Record<string, unknown> = {}): Promise<string> {
  const res = await submit(username, { itemCode: ITEM, applicant: applicant(), form: validForm(), materials: await completeMaterials(username), ...extra });
  expect(res.status, JSON.stringify(res.body)).to.equal(201);
  return res.body.caseNo as string;
}

const queued = (caseNo: string, eventType: string) =>
  eventually(`${eventType} of ${caseNo} queued`, async () => (await outboxOf(caseNo)).find((r) => r.eventType === eventType));

describe('办件数据汇聚: every case event reaches the provincial exchange, in order per case, with its channel', () => {
  afterEach(() => {
    const control = testEnv().province.control;
    control.setOutage(false);
    control.refuse(undefined);
    control.loseAcknowledgements(0);
  });

  it("sends a case's life in order, tagged with its channel, item, region and department; the applicant only with 申办", async () => {
    const caseNo = await submitted('applicant', { channel: 'mobile' });
    const review = await waitForTask('reviewer', caseNo, 'review');
    expect((await post('reviewer', `/tasks/${review.id}/claim`)).status).to.equal(200);
    expect((await post('reviewer', `/tasks/${review.id}/suspend`, { procedure: 'expert_review', reason: '需组织专家评审' })).status).to.equal(200);
    expect((await post('reviewer', `/cases/${caseNo}/resume`, { reason: '专家评审意见已出具' })).status).to.equal(200);
    expect((await post('reviewer', `/tasks/${review.id}/complete`, { outcome: 'approve', opinion: '材料齐全，同意' })).status).to.equal(200);
    await decide('leader', caseNo, 'decision', 'approve');
    await waitForStatus('applicant', caseNo, 'delivered');
    expect((await post('applicant', `/cases/${caseNo}/rating`, { level: 5 })).status).to.equal(201);

    const types = ['apply', 'accept', 'suspend', 'resume', 'process', 'process', 'conclude', 'deliver', 'evaluate'];
    await exchangeHolds(caseNo, types);
    const held = testEnv().province.control.events(caseNo);
    expect(held.map((e) => e.eventType)).to.deep.equal(types);
    expect(held.every((e) => !e.outOfOrder)).to.equal(true);
    const messages = held.map((e) => e.message!);
    for (const m of messages) {
      expect(m).to.include({ caseNo, channel: 'mobile', itemCode: ITEM, departmentCode: 'samr' });
      expect(m.regionCode).to.match(/^430100/);
    }
    // personal data: the applicant with 申办 only, as the province's schema needs
    expect(messages[0]!.applicant).to.deep.equal({ name: '张三', idType: 'resident_id', idNo: '430102199003071234' });
    expect(messages.slice(1).every((m) => m.applicant === undefined)).to.equal(true);
    expect(messages[4]!.process).to.deep.include({ step: '审核', outcome: 'approve', opinion: '材料齐全，同意' });
    expect(messages[4]!.process!.handler.account).to.equal('reviewer');
    expect(messages[4]!.process!.handler.name).to.not.equal('reviewer');
    expect(messages[2]!.procedure).to.deep.equal({ kind: 'expert_review', reason: '需组织专家评审' });
    expect(messages[6]!.result).to.deep.equal({ decision: 'approved', reasons: [] });
    expect(messages[7]!.delivery).to.deep.equal({ method: 'electronic' });
    expect(messages[8]!.evaluation).to.deep.equal({ level: 5, reasons: [], comment: null });
    // 签收 and the like are not the province's: nothing queued for them
    expect((await outboxOf(caseNo)).map((r) => r.eventType)).to.deep.equal(types);
    // sealed at rest: the outbox's column holds no ID number in clear
    const [raw] = (await OutboxEvent.sequelize!.query('SELECT personal FROM province_outbox WHERE event_id = ?', {
      replacements: [messages[0]!.eventId],
      type: 'SELECT',
    })) as Array<{ personal: string }>;
    expect(raw!.personal).to.not.contain('430102199003071234');
  });

  it('tags a window case with its channel', async () => {
    const caseNo = await submitted('clerk', { channel: 'window' });
    await exchangeHolds(caseNo, ['apply', 'accept']);
    expect(testEnv().province.control.events(caseNo)[0]!.message).to.include({ channel: 'window' });
  });

  it('holds the events through an outage and sends them, in order, once it ends', async () => {
    const control = testEnv().province.control;
    control.setOutage(true);
    const caseNo = await submitted();
    await waitForTask('reviewer', caseNo, 'review');
    await eventually('the sender tried during the outage', async () => (await outboxOf(caseNo)).some((r) => r.attempts > 0 && r.state === 'pending'));
    expect(heldTypes(caseNo)).to.deep.equal([]);
    const waiting = await outboxOf(caseNo);
    expect(waiting.map((r) => r.eventType)).to.deep.equal(['apply', 'accept']);
    expect(waiting[0]!.lastError).to.match(/503/);
    control.setOutage(false);
    await exchangeHolds(caseNo, ['apply', 'accept']);
    expect(
      testEnv()
        .province.control.events(caseNo)
        .every((e) => !e.outOfOrder),
    ).to.equal(true);
    await eventually('both acknowledged', async () => (await outboxOf(caseNo)).every((r) => r.state === 'sent' && r.acknowledgement === 'accepted'));
  });

  it('takes a duplicate answered as a duplicate as delivered (a lost acknowledgement, sent again)', async () => {
    const control = testEnv().province.control;
    control.setOutage(true);
    const caseNo = await submitted();
    await queued(caseNo, 'accept');
    control.loseAcknowledgements(1);
    control.setOutage(false);
    await eventually('delivered after the lost answer', async () => (await outboxOf(caseNo)).every((r) => r.state === 'sent'));
    const rows = await outboxOf(caseNo);
    expect(rows[0]!.acknowledgement).to.equal('duplicate');
    expect(rows[0]!.attempts).to.be.greaterThan(1);
    // the exchange holds each event once
    expect(heldTypes(caseNo)).to.deep.equal(['apply', 'accept']);
  });

  it('makes a refused event a dead letter that holds back its case only; an administrator resends it once fixed', async () => {
    const control = testEnv().province.control;
    control.setOutage(true);
    const refused = await submitted();
    await queued(refused, 'accept');
    control.refuse({ count: 1, caseNo: refused, eventType: 'accept' });
    control.setOutage(false);
    const dead = await eventually('a dead letter', async () => (await outboxOf(refused)).find((r) => r.state === 'dead'));
    expect(dead.eventType).to.equal('accept');
    expect(dead.lastError).to.match(/^malformed: /);
    const admin = await User.findOne({ where: { username: 'admin' } });
    // told when the sending round ends, after it has marked the event dead
    await eventually(
      'the administrators are told',
      async () => (await Notification.count({ where: { userId: admin!.id, kind: 'province_dead_letters' } })) >= 1,
    );

    // the case's later events wait behind it; another case's go
    await decide('reviewer', refused, 'review', 'approve');
    await queued(refused, 'process');
    const other = await submitted();
    await exchangeHolds(other, ['apply', 'accept']);
    expect(heldTypes(refused)).to.deep.equal(['apply']);

    const overview = await get('admin', '/operations/province/outbox');
    expect(overview.status).to.equal(200);
    expect(overview.body.counts.dead).to.be.at.least(1);
    expect(overview.body.counts.held).to.be.at.least(1);
    expect(overview.body.exchange.configured).to.equal(true);
    const letters = await get('admin', '/operations/province/dead-letters');
    const letter = letters.body.deadLetters.find((d: { caseNo: string }) => d.caseNo === refused);
    expect(letter).to.include({ eventType: 'accept', eventId: dead.eventId });
    expect(letter.error).to.match(/malformed/);

    expect((await post('clerk', `/operations/province/dead-letters/${letter.id}/resend`)).status, 'administrators only').to.equal(403);
    expect((await post('admin', '/operations/province/dead-letters/999999999/resend')).status).to.equal(404);
    const resent = await post('admin', `/operations/province/dead-letters/${letter.id}/resend`);
    expect(resent.status, JSON.stringify(resent.body)).to.equal(200);
    expect(resent.body).to.deep.equal({ id: letter.id, eventId: dead.eventId, state: 'pending' });
    expect((await post('admin', `/operations/province/dead-letters/${letter.id}/resend`)).body.error.code).to.be.oneOf(['dead_letter_not_dead']);
    await exchangeHolds(refused, ['apply', 'accept', 'process']);
    expect(
      testEnv()
        .province.control.events(refused)
        .every((e) => !e.outOfOrder),
    ).to.equal(true);
  });

  it('refuses a malformed message as a dead letter; once the data is fixed, the resend sends the event mapped again', async () => {
    const caseNo = await submitted();
    await decide('reviewer', caseNo, 'review', 'approve');
    await decide('leader', caseNo, 'decision', 'approve');
    await waitForStatus('applicant', caseNo, 'delivered');
    await exchangeHolds(caseNo, ['apply', 'accept', 'process', 'process', 'conclude', 'deliver']);
    const region = (await Case.findOne({ where: { caseNo } }))!.regionCode;
    // a region code the exchange's schema refuses (as if the case's data were wrong)
    await Case.update({ regionCode: '4301' }, { where: { caseNo } });
    expect((await post('applicant', `/cases/${caseNo}/rating`, { level: 4 })).status).to.equal(201);
    const dead = await eventually('the rating refused', async () => (await outboxOf(caseNo)).find((r) => r.state === 'dead'));
    expect(dead.eventType).to.equal('evaluate');
    expect(dead.lastError).to.contain('regionCode');

    await Case.update({ regionCode: region }, { where: { caseNo } });
    expect((await post('admin', '/operations/province/dead-letters/resend', { ids: [dead.id] })).body).to.deep.include({ resent: 1 });
    await exchangeHolds(caseNo, ['apply', 'accept', 'process', 'process', 'conclude', 'deliver', 'evaluate']);
    const evaluation = testEnv().province.control.events(caseNo).at(-1)!.message!;
    expect(evaluation).to.include({ eventId: dead.eventId, regionCode: region });
    expect(evaluation.evaluation).to.deep.equal({ level: 4, reasons: [], comment: null });
  });

  it('checks the resend body in words; resends all only when asked', async () => {
    const bad = await post('admin', '/operations/province/dead-letters/resend', { ids: ['x'] }, 'en');
    expect(bad.status).to.equal(422);
    expect(bad.body.error.details[0].field).to.match(/^ids/);
    // nothing by default: all must be asked for
    expect((await post('admin', '/operations/province/dead-letters/resend', {})).status).to.equal(422);
    expect((await post('admin', '/operations/province/dead-letters/resend', { all: false })).status).to.equal(422);
    const all = await post('admin', '/operations/province/dead-letters/resend', { all: true });
    expect(all.status).to.equal(200);
    expect(all.body.resent).to.be.a('number');
  });

  it("reconciles a day's counts with the exchange, and finds the event the exchange lost", async () => {
    const caseNo = await submitted();
    await exchangeHolds(caseNo, ['apply', 'accept']);
    await outboxSettled();
    const day = beijingDay(new Date());
    const matched = await post('admin', '/operations/province/reconciliations', { day });
    expect(matched.status, JSON.stringify(matched.body)).to.equal(200);
    expect(matched.body).to.include({ day, matched: true, checkedBy: 'admin' });
    const applies = matched.body.types.find((t: { eventType: string }) => t.eventType === 'apply');
    expect(applies.platform).to.equal(applies.exchange);

    const apply = (await outboxOf(caseNo))[0]!;
    expect(testEnv().province.control.lose(apply.eventId)).to.equal(true);
    const mismatch = await post('admin', '/operations/province/reconciliations', { day });
    expect(mismatch.body.matched).to.equal(false);
    const differs = mismatch.body.types.find((t: { eventType: string }) => t.eventType === 'apply');
    expect(differs.platform - differs.exchange).to.equal(1);
    const admin = await User.findOne({ where: { username: 'admin' } });
    expect(await Notification.count({ where: { userId: admin!.id, kind: 'province_mismatch' } })).to.be.at.least(1);
    const listed = await get('admin', '/operations/province/reconciliations');
    expect(listed.body.reconciliations[0]).to.include({ day, matched: false });

    const notADay = await post('admin', '/operations/province/reconciliations', { day: '2026-02-30' }, 'en');
    expect(notADay.status).to.equal(422);
    expect(notADay.body.error.details[0].field).to.equal('day');
    expect((await post('reviewer', '/operations/province/reconciliations', { day })).status).to.equal(403);
  });
});
