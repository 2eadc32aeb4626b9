import { expect } from 'chai';
import { api, applicant, auth, completeMaterials, ITEM, submit, validForm, waitForStatus } from '../support/api.ts';
import { approvedCase, otherApplicant } from '../support/delivery.ts';
import { CaseRating } from '../../server/ratings/rating.model.ts';
import { Problem } from '../../server/problems/problem.model.ts';
import { Notification } from '../../server/notifications/notification.model.ts';
import { User } from '../../server/auth/user.model.ts';

const rate = async (username: string, caseNo: string, body: object, language = 'zh-CN') =>
  api()
    .post(`/api/v1/cases/${caseNo}/rating`)
    .set(await auth(username))
    .set('Accept-Language', language)
    .send(body);

describe('好差评: the applicant rates a closed case; a bad rating raises a problem for the department', () => {
  let caseNo: string;

  before(async () => {
    caseNo = await approvedCase();
    await waitForStatus('applicant', caseNo, 'delivered');
  });

  it('is documented', async () => {
    const res = await api().get('/api/v1/openapi.json');
    expect(Object.keys(res.body.paths)).to.include.members(['/cases/{caseNo}/rating', '/ratings/my-cases', '/problems', '/problems/{id}/rectify']);
    expect(Object.keys(res.body.paths)).not.to.include('/ratings/rectifications');
  });

  it("refuses a case still open (409), staff (403) and someone else's case (404), and writes nothing", async () => {
    const open = await submit('applicant', { itemCode: ITEM, applicant: applicant(), form: validForm(), materials: await completeMaterials('applicant') });
    expect(open.status, JSON.stringify(open.body)).to.equal(201);
    const early = await rate('applicant', open.body.caseNo, { level: 5 });
    expect(early.status).to.equal(409);
    expect(early.body.error.code).to.equal('case_not_rateable');
    expect(early.body.error.message).to.match(/^办件办结后方可评价（当前状态：/);
    const before = await CaseRating.count();
    expect((await rate('reviewer', caseNo, { level: 5 })).status).to.equal(403);
    expect((await rate('applicant', 'NOPE-1', { level: 5 })).status).to.equal(404);
    expect(await CaseRating.count()).to.equal(before);
  });

  it('validates the body: level 1–5, a bad rating needs a reason, in Chinese and English', async () => {
    const bad = await rate('applicant', caseNo, { level: 6, reasons: ['nonsense'] });
    expect(bad.status).to.equal(422);
    expect(bad.body.error.details.map((d: { field: string }) => d.field)).to.include.members(['level']);
    const noReason = await rate('applicant', caseNo, { level: 2 });
    expect(noReason.status).to.equal(422);
    expect(noReason.body.error.details[0]).to.include({ field: 'reasons', message: '不满意原因：差评（1–2 级）请至少选择一项原因' });
    const en = await rate('applicant', caseNo, { level: 1 }, 'en');
    expect(en.body.error.details[0].message).to.equal('reasons: a bad rating (level 1–2) needs at least one reason');
    const other = await rate('applicant', caseNo, { level: 1, reasons: ['other'] });
    expect(other.body.error.details[0].field).to.equal('comment');
    expect(await CaseRating.count({ where: { caseNo } })).to.equal(0);
  });

  it("takes a 差评 once, raises a problem for the department's leaders and notifies them; the leader rectifies it", async () => {
    const view = await api()
      .get(`/api/v1/cases/${caseNo}/rating`)
      .set(await auth('applicant'));
    expect(view.status).to.equal(200);
    expect(view.body).to.include({ rating: null, canRate: true });
    expect(view.body.levels).to.have.length(5);

    const rated = await rate('applicant', caseNo, { level: 2, reasons: ['slow', 'repeat_visits'], comment: '跑了两次' });
    expect(rated.status, JSON.stringify(rated.body)).to.equal(201);
    expect(rated.body).to.include({ caseNo, level: 2, levelLabel: '不满意', bad: true, comment: '跑了两次' });
    expect(rated.body.reasons.map((r: { label: string }) => r.label)).to.deep.equal(['办理时间过长', '多次跑动']);
    const again = await rate('applicant', caseNo, { level: 5 });
    expect(again.status).to.equal(409);
    expect(again.body.error.message).to.equal('该办件已评价，不能重复评价');

    const leader = await User.findOne({ where: { username: 'leader' } });
    const note = await Notification.findOne({ where: { userId: leader!.id, kind: 'bad_rating', caseNo } });
    expect(note?.text).to.contain('差评待整改');

    const list = await api()
      .get('/api/v1/problems?status=open&source=bad_rating')
      .set(await auth('leader'));
    expect(list.status).to.equal(200);
    const mine = list.body.problems.find((r: { caseNo: string }) => r.caseNo === caseNo);
    expect(mine).to.include({ status: 'open', departmentCode: 'samr', source: 'bad_rating', dueDays: 15, canRectify: true });
    expect(mine.rating.level).to.equal(2);
    const otherDept = await api()
      .get('/api/v1/problems')
      .set(await auth('leader2'));
    expect(otherDept.body.problems.map((r: { caseNo: string }) => r.caseNo)).not.to.include(caseNo);
    expect(
      (
        await api()
          .get('/api/v1/problems')
          .set(await auth('applicant'))
      ).status,
    ).to.equal(403);
    const rated2 = await api()
      .get(`/api/v1/cases/${caseNo}/rating`)
      .set(await auth('applicant'));
    expect(rated2.body.rectification).to.deep.equal({ id: mine.id, status: 'open' });

    // the leader rectifies it with the 回访 (server/problems; test/api/problems.test.ts walks the loop)
    const rectified = await api()
      .post(`/api/v1/problems/${mine.id}/rectify`)
      .set(await auth('leader'))
      .send({ rectification: '已约谈窗口人员，优化流程', visit: { at: new Date().toISOString(), method: 'phone', feedback: '申请人表示认可' } });
    expect(rectified.status, JSON.stringify(rectified.body)).to.equal(200);
    expect(rectified.body).to.include({ status: 'rectified' });
    expect(rectified.body.rectification).to.include({ text: '已约谈窗口人员，优化流程', by: '市场监管局科长' });

    const after = await api()
      .get(`/api/v1/cases/${caseNo}/rating`)
      .set(await auth('applicant'));
    expect(after.body).to.include({ canRate: false });
    expect(after.body.rectification).to.deep.equal({ id: mine.id, status: 'rectified' });
    const cases = await api()
      .get('/api/v1/ratings/my-cases')
      .set(await auth('applicant'));
    expect(cases.body.cases.find((c: { caseNo: string }) => c.caseNo === caseNo)).to.include({ rating: 2, canRate: false, status: 'delivered' });
  });

  it('takes a good rating without reasons and raises no problem', async () => {
    const good = await approvedCase();
    await waitForStatus('applicant', good, 'delivered');
    const before = await Problem.count();
    const rated = await rate('applicant', good, { level: 5 });
    expect(rated.status).to.equal(201);
    expect(rated.body).to.include({ level: 5, bad: false });
    expect(await Problem.count()).to.equal(before);
  });

  it('lets the applicant named on a window case follow it from home (by the ID number of their account), and no one else', async () => {
    const res = await submit('clerk', { itemCode: ITEM, applicant: applicant(), form: validForm(), materials: await completeMaterials('clerk') });
    expect(res.status, JSON.stringify(res.body)).to.equal(201);
    const windowCase = res.body.caseNo as string;
    // 张三's account carries the ID number the clerk typed
    const own = await api()
      .get(`/api/v1/cases/${windowCase}`)
      .set(await auth('applicant'));
    expect(own.status, JSON.stringify(own.body)).to.equal(200);
    expect(own.body.caseNo).to.equal(windowCase);
    for (const part of ['tracking', 'delivery', 'payment', 'rating']) {
      expect(
        (
          await api()
            .get(`/api/v1/cases/${windowCase}/${part}`)
            .set(await auth('applicant'))
        ).status,
        part,
      ).not.to.equal(404);
    }
    const mine = await api()
      .get('/api/v1/ratings/my-cases')
      .set(await auth('applicant'));
    expect(mine.body.cases.map((c: { caseNo: string }) => c.caseNo)).to.include(windowCase);
    // 王五 is not named on it
    const other = await otherApplicant();
    for (const part of ['', '/tracking', '/delivery', '/rating']) {
      expect(
        (
          await api()
            .get(`/api/v1/cases/${windowCase}${part}`)
            .set(await auth(other))
        ).status,
        part || 'view',
      ).to.equal(404);
    }
  });
});
