import { expect } from 'chai';
import { api, applicant, auth, completeMaterials, decide, ITEM, submit, validForm, waitForTask } from '../support/api.ts';
import { eventually } from '../support/eventually.ts';
import { testEnv } from '../support/environment.ts';
import { caseWithIncident, FAILING_NOTICE_PROCESS } from '../support/failed-step.ts';
import { submitRestaurantBundle } from '../support/restaurant-bundle.ts';

/**
 * The limiter counts per address; each test speaks from its own (the server trusts X-Forwarded-For
 * from loopback, as behind the reverse proxy), so the tests neither share nor exhaust one budget.
 */
let nextAddress = 10;
const address = () => `198.51.100.${nextAddress++}`;
const lookup = (body: unknown, from: string, language = 'zh-CN') =>
  api()
    .post('/api/v1/public/case-status')
    .set('X-Forwarded-For', from)
    .set('Accept-Language', language)
    .send(body as object);

type Status = {
  caseNo: string;
  kind: string;
  name: string;
  applicantName: string;
  status: string;
  statusLabel: string;
  acceptedAt: string | null;
  promisedDueAt: string | null;
  deadline: { colour: string | null; colourLabel: string | null; suspended: boolean } | null;
  bundle: { caseNo: string; name: string } | null;
  items: { caseNo: string; name: string; status: string; statusLabel: string }[];
  position: { caseNo: string; step: string }[];
  timeline: { type: string; label: string; step?: string }[];
};

describe("办件查询 without signing in: by case number and the applicant's phone", () => {
  let caseNo: string;

  before(async () => {
    const res = await submit('applicant', { itemCode: ITEM, applicant: applicant(), form: validForm(), materials: await completeMaterials('applicant') });
    expect(res.status, JSON.stringify(res.body)).to.equal(201);
    caseNo = res.body.caseNo as string;
    await decide('reviewer', caseNo, 'review', 'approve', { opinion: '材料齐全，同意（审核意见原文）' });
    await waitForTask('leader', caseNo, 'decision');
  });

  it("finds a case by number and phone, and shows where it stands in the caller's language", async () => {
    const from = address();
    const res = await lookup({ caseNo, phone: '13800138000' }, from);
    expect(res.status, JSON.stringify(res.body)).to.equal(200);
    expect(res.headers['cache-control']).to.equal('no-store');
    const found = res.body as Status;
    expect(found).to.include({ caseNo, kind: 'item', name: '个体工商户设立登记', applicantName: '张*', status: 'in_review', statusLabel: '审批中' });
    expect(found.acceptedAt).to.be.a('string');
    expect(found.promisedDueAt).to.be.a('string');
    expect(found.deadline).to.deep.equal({ colour: 'green', colourLabel: '正常', suspended: false });
    expect(found.position.map((p) => p.step)).to.deep.equal(['签发']);
    expect(found.timeline.map((e) => e.type)).to.include.members(['case.submitted', 'acceptance.accepted', 'task.completed']);
    expect(found.timeline.find((e) => e.type === 'task.completed')).to.include({ label: '办理', step: '审核' });
    expect(
      found.timeline.map((e) => e.type),
      "staff's own steps stay inside",
    ).to.not.include('task.claimed');
    expect(found.bundle).to.equal(null);

    // the phone as people write it: spaces, dashes, the country code; the number with spaces around
    const written = await lookup({ caseNo: ` ${caseNo} `, phone: '+86 138-0013-8000' }, from, 'en');
    expect(written.status, JSON.stringify(written.body)).to.equal(200);
    expect(written.body).to.include({ caseNo, name: 'Registration of an individual business', statusLabel: 'In review' });
    expect(written.body.deadline.colourLabel).to.equal('On time');
    expect(written.body.timeline.find((e: { type: string }) => e.type === 'case.submitted').label).to.equal('Application submitted');
  });

  it('tells nobody anything personal: no ID number, phone, form content, opinion or staff name', async () => {
    const res = await lookup({ caseNo, phone: '13800138000' }, address());
    expect(res.status).to.equal(200);
    const text = JSON.stringify(res.body);
    for (const secret of [
      '430102199003071234',
      '13800138000',
      '张三',
      '张三小吃店',
      '五一大道',
      '小吃服务',
      '材料齐全',
      '审核意见原文',
      '市场监管局审核员',
      '市场监管局科长',
      'reviewer',
      'leader',
      'attachmentId',
    ]) {
      expect(text, secret).to.not.contain(secret);
    }
    expect(res.body).to.not.have.any.keys(
      'form',
      'materials',
      'opinions',
      'applicant',
      'agent',
      'commitments',
      'reviewAttachments',
      'processInstanceId',
      'actions',
    );
    for (const event of res.body.timeline as Record<string, unknown>[])
      expect(event).to.have.keys(event.step === undefined ? ['at', 'type', 'label'] : ['at', 'type', 'label', 'step']);
    for (const step of res.body.position as Record<string, unknown>[]) expect(step).to.have.keys('caseNo', 'step', 'since');
  });

  it('answers a wrong phone and an unknown number alike, so numbers cannot be probed', async () => {
    const from = address();
    const wrongPhone = await lookup({ caseNo, phone: '13900139000' }, from);
    const unknownNumber = await lookup({ caseNo: '43010019990101999999', phone: '13800138000' }, from);
    const almost = await lookup({ caseNo, phone: '1380013800' }, from);
    expect(wrongPhone.status).to.equal(404);
    expect(wrongPhone.body).to.deep.equal({ error: { code: 'case_lookup_failed', message: '办件编号或手机号不正确' } });
    expect(unknownNumber.status).to.equal(404);
    expect(unknownNumber.body).to.deep.equal(wrongPhone.body);
    expect(almost.body).to.deep.equal(wrongPhone.body);
    const english = await lookup({ caseNo, phone: '13900139000' }, from, 'en');
    expect(english.body.error.message).to.equal('The case number or the phone number is not correct');
  });

  it('finds a bundle with its items, and an item case of the bundle by its own number', async () => {
    // 开办餐饮店 with a business registration and a food licence, both at the market regulator
    const res = await submitRestaurantBundle('applicant');
    expect(res.status, JSON.stringify(res.body)).to.equal(201);
    const bundleNo = res.body.caseNo as string;
    await waitForTask('reviewer', `${bundleNo}-01`, 'review');
    const from = address();

    const bundle = await lookup({ caseNo: bundleNo, phone: '138 0013 8000' }, from);
    expect(bundle.status, JSON.stringify(bundle.body)).to.equal(200);
    expect(bundle.body).to.include({ kind: 'bundle', name: '开办餐饮店' });
    const items = (bundle.body as Status).items;
    expect(items.map((i) => i.caseNo)).to.deep.equal([`${bundleNo}-01`, `${bundleNo}-02`]);
    expect(items.map((i) => i.name)).to.deep.equal(['个体工商户设立登记', '食品经营许可（餐饮服务）']);
    expect(items.every((i) => i.statusLabel.length > 0)).to.equal(true);
    expect((bundle.body as Status).position.map((p) => `${p.caseNo}:${p.step}`)).to.include(`${bundleNo}-01:审核`);
    expect(JSON.stringify(bundle.body)).to.not.contain('430102199003071234').and.not.contain('13800138000');

    const item = await lookup({ caseNo: `${bundleNo}-01`, phone: '13800138000' }, from);
    expect(item.status, JSON.stringify(item.body)).to.equal(200);
    expect(item.body).to.include({ caseNo: `${bundleNo}-01`, kind: 'item', name: '个体工商户设立登记' });
    expect(item.body.bundle).to.deep.equal({ caseNo: bundleNo, name: '开办餐饮店' });
    expect((item.body as Status).position.map((p) => p.step)).to.deep.equal(['审核']);
    expect((await lookup({ caseNo: `${bundleNo}-01`, phone: '13900139000' }, from)).status).to.equal(404);
  });

  it("a case held up by a failed step reads as the applicant's own page says it: staff are on it, nothing of the error (zh-CN and English)", async () => {
    const { engine } = testEnv();
    await engine.deploy('ops-incident-test', [FAILING_NOTICE_PROCESS.resource]);
    const { caseNo: held, instanceId } = await caseWithIncident();
    await eventually(`an incident of ${held}`, async () => (await engine.incidents(instanceId)).length > 0 || undefined, 60_000);
    const from = address();

    // the applicant's own page: that staff are on it, the status itself unchanged
    const own = await api()
      .get(`/api/v1/cases/${held}`)
      .set(await auth('applicant'));
    expect(own.body.statusLabel).to.equal('办理中，工作人员处理中');
    const res = await lookup({ caseNo: held, phone: '13800138000' }, from);
    expect(res.status, JSON.stringify(res.body)).to.equal(200);
    expect(res.body).to.include({ caseNo: held, status: own.body.status, statusLabel: '办理中，工作人员处理中', final: false });
    const english = await lookup({ caseNo: held, phone: '13800138000' }, from, 'en');
    expect(english.body).to.include({ status: own.body.status, statusLabel: 'In progress: our staff are handling it' });
    for (const answer of [res.body, english.body]) {
      const text = JSON.stringify(answer);
      for (const secret of ['no_such_notice', 'has no valid', '异常', 'Incident']) expect(text, `nothing of the failure: ${secret}`).to.not.contain(secret);
    }

    // a case without a failed step keeps its plain status
    expect((await lookup({ caseNo, phone: '13800138000' }, from)).body.statusLabel).to.equal('审批中');
    // cancelled by the administrator: closed, the incident gone with its instance, the plain final status
    const cancelled = await api()
      .post(`/api/v1/operations/cases/${held}/cancel`)
      .set(await auth('admin'))
      .send({ reason: '测试结束' });
    expect(cancelled.status, JSON.stringify(cancelled.body)).to.equal(200);
    const closed = await lookup({ caseNo: held, phone: '13800138000' }, from);
    expect(closed.body).to.include({ status: 'terminated', statusLabel: '终止', final: true });
  });

  it('refuses malformed requests with 422 naming the field', async () => {
    const from = address();
    const missing = await lookup({ caseNo }, from);
    expect(missing.status).to.equal(422);
    expect(missing.body.error.details[0]).to.include({ field: 'phone', label: '手机号' });
    const letters = await lookup({ caseNo: '<script>', phone: 'abc' }, from);
    expect(letters.status).to.equal(422);
    expect(letters.body.error.details.map((d: { field: string }) => d.field)).to.have.members(['caseNo', 'phone']);
    expect((await lookup({ caseNo, phone: '13800138000', idNo: '430102199003071234' }, from)).status, 'no other fields').to.equal(422);
    expect((await lookup([caseNo], from)).status).to.equal(422);
  });

  it('limits lookups per address: 429 after the limit, other addresses unaffected', async () => {
    const limit = testEnv().config.publicLookupLimit;
    const from = address();
    for (let i = 0; i < limit; i++) expect((await lookup({ caseNo, phone: `1390013${String(i).padStart(4, '0')}` }, from)).status).to.equal(404);
    const limited = await lookup({ caseNo, phone: '13800138000' }, from);
    expect(limited.status).to.equal(429);
    expect(limited.body).to.deep.equal({ error: { code: 'rate_limited', message: '操作过于频繁，请稍后再试' } });
    expect(limited.headers['retry-after']).to.match(/^\d+$/);
    expect((await lookup({ caseNo, phone: '13800138000' }, address())).status, 'another address').to.equal(200);
  });
});
