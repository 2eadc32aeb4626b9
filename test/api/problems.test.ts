import { expect } from 'chai';
import { QueryTypes } from 'sequelize';
import { api, auth, waitForStatus, waitForTask } from '../support/api.ts';
import { approvedCase } from '../support/delivery.ts';
import { submitRestaurantBundle } from '../support/restaurant-bundle.ts';
import { testEnv } from '../support/environment.ts';
import { Notification } from '../../server/notifications/notification.model.ts';
import { User } from '../../server/auth/user.model.ts';
import { AuditEvent } from '../../server/audit/audit-event.model.ts';
import { Problem, ProblemEvent } from '../../server/problems/problem.model.ts';
import { escalateOverdueProblems } from '../../server/problems/index.ts';
import { runMonitoringRules } from '../../server/supervision/monitoring-rules.ts';
import { calendarFor, shanghaiDay } from '../../server/calendar/index.ts';
import { projection } from '../../server/supervision/index.ts';

/**
 * 问题闭环 on the real platform: a 差评 raises a problem for the handling department (a 一件事's for
 * its leading department) due in 15 working days; the department's leader rectifies it with the 回访;
 * the 数据局 sends it back or closes it (销号); a 走流程 finding; escalation of an overdue problem,
 * once; the monitoring rule over the indicators; who may do what (403), races (409), bad input (422).
 */

const send = async (method: 'get' | 'post', user: string, path: string, body?: object, language = 'zh-CN') => {
  const client = api();
  const req = (method === 'get' ? client.get(`/api/v1${path}`) : client.post(`/api/v1${path}`)).set(await auth(user)).set('Accept-Language', language);
  return body ? req.send(body) : req;
};
const rate = (caseNo: string, body: object) => send('post', 'applicant', `/cases/${caseNo}/rating`, body);
const visit = () => ({ at: new Date(Date.now() - 60_000).toISOString(), method: 'phone', feedback: '申请人对整改表示满意' });
const problemOfCase = async (user: string, caseNo: string) => {
  const res = await send('get', user, `/problems?caseNo=${caseNo}`);
  expect(res.status, JSON.stringify(res.body)).to.equal(200);
  return res.body.problems[0];
};
const idOf = async (username: string) => (await User.findOne({ where: { username } }))!.id;
/** The cases the read model counts under a measure today (差评整改 follows the problem), after a round of the projection. */
async function counted(measure: string): Promise<string[]> {
  await projection(testEnv().server.ctx).round();
  const today = shanghaiDay(new Date());
  const res = await send('get', 'supervisor', `/supervision/cases?measure=${measure}&from=${today}&to=${today}&pageSize=200`);
  expect(res.status, JSON.stringify(res.body)).to.equal(200);
  return (res.body.cases as { caseNo: string }[]).map((c) => c.caseNo);
}

describe('问题闭环: problems from 差评, 走流程 and monitoring, tracked to their closing', () => {
  let caseNo: string;
  let problemId: number;

  before(async () => {
    caseNo = await approvedCase();
    await waitForStatus('applicant', caseNo, 'delivered');
  });

  it("a 差评 raises a problem due in 15 working days for the handling department, whose leaders are told; staff of other departments don't see it", async () => {
    const rated = await rate(caseNo, { level: 1, reasons: ['attitude'], comment: '窗口态度生硬' });
    expect(rated.status, JSON.stringify(rated.body)).to.equal(201);
    const p = await problemOfCase('leader', caseNo);
    expect(p).to.include({
      source: 'bad_rating',
      status: 'open',
      departmentCode: 'samr',
      dueDays: 15,
      rounds: 0,
      overdue: false,
      canRectify: true,
      canReview: false,
    });
    expect(p.rating).to.include({ level: 1, comment: '窗口态度生硬' });
    expect(p.rating.reasons).to.deep.equal(['服务态度差']);
    const calendar = await calendarFor(p.regionCode ?? '*');
    expect(p.dueAt).to.equal(calendar.due(new Date(p.rating.at), 15).due.toISOString());
    problemId = p.id;
    const told = await Notification.findOne({ where: { userId: await idOf('leader'), kind: 'bad_rating', caseNo } });
    expect(told?.text).to.contain('差评待整改').and.contain('回访');
    expect(await AuditEvent.count({ where: { action: 'problem.raised', target: `problem:${p.id}` } })).to.equal(1);
    // the rating answers its problem
    expect((await send('get', 'applicant', `/cases/${caseNo}/rating`)).body.rectification).to.deep.equal({ id: p.id, status: 'open' });

    // the 数据局 sees every department's; another department's leader does not; the rest are refused
    expect((await problemOfCase('supervisor', caseNo)).id).to.equal(p.id);
    expect((await send('get', 'leader2', `/problems?caseNo=${caseNo}`)).body.problems).to.deep.equal([]);
    expect((await send('get', 'leader2', `/problems/${p.id}`)).status).to.equal(404);
    expect((await send('get', 'leader2', '/problems?departmentCode=samr')).status).to.equal(403);
    for (const who of ['reviewer', 'clerk', 'applicant', 'analyst']) expect((await send('get', who, '/problems')).status, who).to.equal(403);
    const bad = await send('get', 'leader', '/problems?status=done&source=rumour');
    expect(bad.status).to.equal(422);
    expect(bad.body.error.details.map((d: { field: string }) => d.field)).to.have.members(['status', 'source']);
  });

  it('refuses a rectification without the 回访 (422), from the wrong people (403, 404); two at once: one is recorded, the other told who did (409)', async () => {
    const path = `/problems/${problemId}/rectify`;
    const noVisit = await send('post', 'leader', path, { rectification: '已约谈窗口人员' });
    expect(noVisit.status).to.equal(422);
    expect(noVisit.body.error.details.map((d: { field: string }) => d.field)).to.deep.equal(['visit']);
    const future = await send(
      'post',
      'leader',
      path,
      { rectification: '已约谈', visit: { ...visit(), at: new Date(Date.now() + 3_600_000).toISOString() } },
      'en',
    );
    expect(future.status).to.equal(422);
    expect(future.body.error.details[0]).to.include({ field: 'visit.at', message: 'visit.at: cannot be in the future' });
    expect((await send('post', 'leader', path, { rectification: '  ', visit: visit() })).status).to.equal(422);
    expect((await send('post', 'supervisor', path, { rectification: '代为整改', visit: visit() })).status).to.equal(403);
    expect((await send('post', 'leader2', path, { rectification: '代为整改', visit: visit() })).status).to.equal(404);
    expect((await send('post', 'admin', path, { rectification: '代为整改', visit: visit() })).status).to.equal(403);
    // the 数据局 cannot review what is not rectified
    const early = await send('post', 'supervisor', `/problems/${problemId}/review`, { decision: 'accept' });
    expect(early.status).to.equal(409);
    expect(early.body.error.message).to.equal('该问题尚未整改，不能审核');
    expect((await Problem.findByPk(problemId))!.status).to.equal('open');

    const [a, b] = await Promise.all([
      send('post', 'leader', path, { rectification: '已约谈窗口人员，限期整改服务态度', visit: visit() }),
      send('post', 'leader', path, { rectification: '第二次提交', visit: visit() }),
    ]);
    expect([a.status, b.status].sort()).to.deep.equal([200, 409]);
    const [done, refused] = a.status === 200 ? [a, b] : [b, a];
    expect(done.body).to.include({ status: 'rectified', canRectify: false });
    expect(done.body.rectification.visit).to.include({ method: 'phone', methodLabel: '电话回访', feedback: '申请人对整改表示满意' });
    expect(refused.body.error.code).to.equal('problem_not_open');
    expect(refused.body.error.message).to.match(/^市场监管局科长已于 \d{4}-\d\d-\d\d \d\d:\d\d 提交整改，待数据局审核$/);
    expect(await ProblemEvent.count({ where: { problemId, action: 'rectified' } })).to.equal(1);
    expect(await Notification.count({ where: { userId: await idOf('supervisor'), kind: 'problem_rectified' } })).to.be.greaterThan(0);
  });

  it('the 数据局 sends it back with a reason (open again, one round), then accepts the new rectification: closed (销号); each step in the history and the audit trail', async () => {
    const review = (user: string, body: object, language?: string) => send('post', user, `/problems/${problemId}/review`, body, language);
    const noReason = await review('supervisor', { decision: 'send_back' }, 'en');
    expect(noReason.status).to.equal(422);
    expect(noReason.body.error.details[0]).to.include({ field: 'reason', message: 'reason: say why it is sent back' });
    expect((await review('supervisor', { decision: 'maybe' })).status).to.equal(422);
    expect((await review('leader', { decision: 'accept' })).status, 'the owner cannot close its own problem').to.equal(403);

    const back = await review('supervisor', { decision: 'send_back', reason: '回访记录不完整，请补充申请人意见' });
    expect(back.status, JSON.stringify(back.body)).to.equal(200);
    expect(back.body).to.include({ status: 'open', rounds: 1 });
    expect(back.body.review).to.include({ by: '数据资源管理局监管科长', note: '回访记录不完整，请补充申请人意见' });
    expect(await Notification.count({ where: { userId: await idOf('leader'), kind: 'problem_sent_back', caseNo } })).to.equal(1);
    // the read model: a 差评 sent back is not rectified
    expect(await counted('bad')).to.include(caseNo);
    expect(await counted('bad_rectified')).not.to.include(caseNo);
    const notYet = await review('supervisor', { decision: 'accept' });
    expect(notYet.status).to.equal(409);
    expect(notYet.body.error.message).to.match(/^数据资源管理局监管科长已于 .+ 退回整改，责任部门尚未重新整改，不能审核$/);

    const again = await send('post', 'leader', `/problems/${problemId}/rectify`, { rectification: '已再次回访，申请人认可整改', visit: visit() });
    expect(again.status, JSON.stringify(again.body)).to.equal(200);
    const closed = await review('supervisor', { decision: 'accept' });
    expect(closed.status, JSON.stringify(closed.body)).to.equal(200);
    expect(closed.body).to.include({ status: 'closed', rounds: 1, canReview: false });
    expect(closed.body.closedAt).to.be.a('string');
    expect(closed.body.history.map((h: { action: string }) => h.action)).to.deep.equal(['raised', 'rectified', 'sent_back', 'rectified', 'closed']);
    expect(closed.body.history[0].by, 'the applicant of a 差评 stays unnamed').to.equal(null);
    const twice = await review('supervisor', { decision: 'accept' }, 'en');
    expect(twice.status).to.equal(409);
    expect(twice.body.error.message).to.match(/^数据资源管理局监管科长 accepted and closed this problem at /);
    const audited = await AuditEvent.findAll({ where: { target: `problem:${problemId}` }, order: [['id', 'ASC']] });
    expect(audited.map((e) => e.action)).to.deep.equal(['problem.raised', 'problem.rectified', 'problem.sent_back', 'problem.rectified', 'problem.closed']);
    expect((await send('get', 'applicant', `/cases/${caseNo}/rating`)).body.rectification).to.deep.equal({ id: problemId, status: 'closed' });
    // closed: rectified, and by its deadline
    expect(await counted('bad_rectified')).to.include(caseNo);
    expect(await counted('bad_rectified_on_time')).to.include(caseNo);
    const english = await send('get', 'leader', `/problems/${problemId}`, undefined, 'en');
    expect(english.body).to.include({ statusLabel: 'Closed', sourceLabel: 'Bad rating', department: 'Administration for Market Regulation' });
  });

  it("a 一件事's 差评 goes to its leading department (牵头部门), not to the centre that took it", async () => {
    const submitted = await submitRestaurantBundle('applicant');
    expect(submitted.status, JSON.stringify(submitted.body)).to.equal(201);
    const bundleCase = submitted.body.caseNo as string;
    // ended by operations once at rest (both items waiting for their review; no external task at work)
    await Promise.all([waitForTask('reviewer', `${bundleCase}-01`, 'review'), waitForTask('reviewer', `${bundleCase}-02`, 'review')]);
    const cancelled = await send('post', 'admin', `/operations/cases/${bundleCase}/cancel`, { reason: '测试：办件终止后评价' });
    expect(cancelled.status, JSON.stringify(cancelled.body)).to.equal(200);
    await waitForStatus('applicant', bundleCase, 'terminated');
    expect((await rate(bundleCase, { level: 2, reasons: ['repeat_visits'] })).status).to.equal(201);
    const p = await problemOfCase('leader', bundleCase);
    expect(p).to.include({ source: 'bad_rating', departmentCode: 'samr', itemCode: 'KBCYD', canRectify: true });
  });

  it('a 走流程 finding: the 数据局 raises it for any department, a leader for their own only; refused in words when wrong', async () => {
    const finding = {
      departmentCode: 'fire',
      title: '网上申报页面未列明现场检查预约方式',
      description: '以申请人身份走流程：提交后无法得知现场检查如何预约',
      dueDays: 5,
    };
    const raised = await send('post', 'supervisor', '/problems', finding);
    expect(raised.status, JSON.stringify(raised.body)).to.equal(201);
    expect(raised.body).to.include({ source: 'walkthrough', status: 'open', departmentCode: 'fire', dueDays: 5, raisedBy: '数据资源管理局监管科长' });
    const due = (await calendarFor(raised.body.regionCode ?? '*')).due(new Date(raised.body.raisedAt), 5).due;
    expect(raised.body.dueAt).to.equal(due.toISOString());
    expect(await Notification.count({ where: { userId: await idOf('leader2'), kind: 'problem' } })).to.be.greaterThan(0);
    const defaulted = await send('post', 'leader2', '/problems', {
      departmentCode: 'fire',
      title: '自查：告知单缺少咨询电话',
      description: '窗口走流程自查发现',
    });
    expect(defaulted.status, JSON.stringify(defaulted.body)).to.equal(201);
    expect(defaulted.body.dueDays).to.equal(testEnv().server.ctx.config.problemDueWorkingDays);

    expect((await send('post', 'leader', '/problems', finding)).status, 'samr for fire').to.equal(403);
    expect((await send('post', 'reviewer', '/problems', finding)).status).to.equal(403);
    const empty = await send('post', 'supervisor', '/problems', { departmentCode: 'fire', title: ' ', description: '' });
    expect(empty.status).to.equal(422);
    expect(empty.body.error.details.map((d: { field: string }) => d.field)).to.have.members(['title', 'description']);
    const unknown = await send('post', 'supervisor', '/problems', { ...finding, departmentCode: 'nope', caseNo: '43010020991231999999' });
    expect(unknown.status).to.equal(422);
    expect(unknown.body.error.details.map((d: { message: string }) => d.message)).to.include.members([
      '责任部门：没有代码为“nope”的部门',
      '办件编码：办件“43010020991231999999”不存在',
    ]);
    const otherDepartment = await send('post', 'supervisor', '/problems', { ...finding, caseNo });
    expect(otherDepartment.status).to.equal(422);
    expect(otherDepartment.body.error.details[0]).to.include({ field: 'caseNo', message: '办件编码：该办件不由所选责任部门承办' });

    // a finding is rectified without a 回访
    const rectified = await send('post', 'leader2', `/problems/${raised.body.id}/rectify`, { rectification: '已在办事指南中补充现场检查预约方式' });
    expect(rectified.status, JSON.stringify(rectified.body)).to.equal(200);
    expect(rectified.body.rectification.visit).to.equal(null);
  });

  it('an open problem past its deadline is escalated once to its department’s leaders and the 数据局', async () => {
    const raised = await send('post', 'supervisor', '/problems', {
      departmentCode: 'urban',
      title: '店招审批结果未按时告知',
      description: '走流程：办结后未收到短信告知',
      dueDays: 1,
    });
    expect(raised.status, JSON.stringify(raised.body)).to.equal(201);
    const id = raised.body.id as number;
    const ctx = testEnv().server.ctx;
    await escalateOverdueProblems(ctx, new Date(Date.parse(raised.body.dueAt) - 1000));
    expect(await ProblemEvent.count({ where: { problemId: id, action: 'escalated' } }), 'not yet due').to.equal(0);
    const later = new Date(Date.parse(raised.body.dueAt) + 60_000);
    expect(await escalateOverdueProblems(ctx, later)).to.be.greaterThan(0);
    await escalateOverdueProblems(ctx, new Date(later.getTime() + 86_400_000));
    expect(await ProblemEvent.count({ where: { problemId: id, action: 'escalated' } }), 'escalated once').to.equal(1);
    for (const who of ['leader3', 'supervisor']) {
      const told = await Notification.findAll({ where: { userId: await idOf(who), kind: 'problem_escalated' } });
      expect(
        told.filter((n) => n.text.includes('店招审批结果未按时告知')),
        who,
      ).to.have.length(1);
    }
    expect(await AuditEvent.count({ where: { action: 'problem.escalated', target: `problem:${id}` } })).to.equal(1);
    // the list marks it (by the moment of asking: the deadline here is moved into the past)
    await Problem.update({ dueAt: new Date(Date.now() - 1000) }, { where: { id } });
    const overdue = await send('get', 'leader3', '/problems?overdue=true');
    expect(overdue.body.problems.find((p: { id: number }) => p.id === id)).to.include({ overdue: true });
    expect(overdue.body.problems.find((p: { id: number }) => p.id === id).escalatedAt).to.equal(later.toISOString());
  });

  it('the monitoring rule raises a problem once for a department whose 超期办结率 is above the threshold, none below it or with too few cases', async () => {
    const { sequelize } = testEnv().server.ctx;
    const day = '2031-03-10';
    const row = (department: string, finished: number, overdue: number) =>
      sequelize.query(
        `INSERT INTO indicator_counts (day, region_code, department_code, item_code, bundle_code, channel, finished, overdue, item_finished, item_overdue)
         VALUES (:day, '430100', :department, 'TEST-ITEM', '', 'web', :finished, :overdue, :finished, :overdue)`,
        { replacements: { day, department, finished, overdue }, type: QueryTypes.INSERT },
      );
    await row('health', 10, 4);
    await row('tax', 10, 1);
    await row('medical', 3, 3);
    try {
      const now = new Date(`${day}T04:00:00.000Z`);
      const raised = await runMonitoringRules(testEnv().server.ctx, { now });
      expect(raised).to.have.length(1);
      const p = (await Problem.findByPk(raised[0]))!;
      expect(p).to.deep.include({ source: 'monitoring', rule: 'overdue_rate', departmentCode: 'health', status: 'open' });
      expect(p.description).to.contain('超期办结率 40.0%（4 / 10），高于预警阈值 10.0%');
      expect(await runMonitoringRules(testEnv().server.ctx, { now }), 'once while it is open').to.deep.equal([]);
      const listed = await send('get', 'leader-health', '/problems?source=monitoring');
      expect(listed.body.problems.map((x: { id: number }) => x.id)).to.include(p.id);
      expect(listed.body.problems.find((x: { id: number }) => x.id === p.id)).to.include({ raisedBy: null, sourceLabel: '监测预警' });
    } finally {
      await sequelize.query(`DELETE FROM indicator_counts WHERE day = :day AND item_code = 'TEST-ITEM'`, { replacements: { day } });
    }
  });

  it('the 数据局 sets the rules (a rate below its threshold, one turned off), every leader reads them, and the rules raise problems by them', async () => {
    const { sequelize } = testEnv().server.ctx;
    const day = '2031-04-10';
    const put = async (user: string, indicator: string, body: object) =>
      api()
        .put(`/api/v1/supervision/monitoring-rules/${indicator}`)
        .set(await auth(user))
        .send(body);
    const overdue = { threshold: 0.1, days: 30, minCases: 5, enabled: true };
    // 一次办率 (higher is better): below 90% with 5 cases closed at least
    const once = await put('supervisor', 'once_rate', { threshold: 0.9, days: 7, minCases: 5, enabled: true });
    expect(once.status, JSON.stringify(once.body)).to.equal(200);
    expect(once.body.rule).to.include({ threshold: 0.9, days: 7, minCases: 5, enabled: true, updatedBy: 'supervisor' });
    expect((await put('supervisor', 'overdue_rate', { ...overdue, enabled: false })).status).to.equal(200);
    // refused: not the 数据局, a rate above 100%, out of range, no such indicator
    expect((await put('leader', 'once_rate', { threshold: 0.5, days: 7, minCases: 5, enabled: true })).status).to.equal(403);
    const above = await put('supervisor', 'once_rate', { threshold: 5, days: 7, minCases: 5, enabled: true });
    expect(above.status).to.equal(422);
    expect(above.body.error.details[0]).to.include({ field: 'threshold' });
    expect((await put('supervisor', 'once_rate', { threshold: 0.5, days: 400, minCases: 5, enabled: true })).status).to.equal(422);
    expect((await put('supervisor', 'planet_rate', overdue)).status).to.equal(404);
    const read = await send('get', 'leader', '/supervision/monitoring-rules');
    expect(read.status).to.equal(200);
    expect(read.body.editable).to.equal(false);
    expect(read.body.rules.find((r: { indicatorCode: string }) => r.indicatorCode === 'once_rate').rule).to.include({ threshold: 0.9, days: 7 });
    expect((await send('get', 'supervisor', '/supervision/monitoring-rules')).body.editable).to.equal(true);
    expect(await AuditEvent.count({ where: { action: 'monitoring_rule.updated', target: 'monitoring_rule:once_rate' } })).to.equal(1);

    const row = (department: string, finished: number, once: number, overdueCount: number) =>
      sequelize.query(
        `INSERT INTO indicator_counts (day, region_code, department_code, item_code, bundle_code, channel, finished, once, overdue)
         VALUES (:day, '430100', :department, 'TEST-ITEM', '', 'web', :finished, :once, :overdueCount)`,
        { replacements: { day, department, finished, once, overdueCount }, type: QueryTypes.INSERT },
      );
    await row('health', 10, 7, 6); // 70% done in one visit, 60% late: once_rate breached, overdue_rate off
    await row('tax', 10, 10, 0);
    try {
      const raised = await runMonitoringRules(testEnv().server.ctx, { now: new Date(`${day}T04:00:00.000Z`) });
      expect(raised, 'the 一次办率 rule only: the 超期办结率 rule is off').to.have.length(1);
      const p = (await Problem.findByPk(raised[0]))!;
      expect(p).to.deep.include({ source: 'monitoring', rule: 'once_rate', departmentCode: 'health' });
      expect(p.title).to.equal('一次办率偏低：卫生健康委员会');
      expect(p.description).to.contain('近 7 日（2031-04-04 至 2031-04-10）一次办率 70.0%（7 / 10），低于预警阈值 90.0%');
    } finally {
      await sequelize.query(`DELETE FROM indicator_counts WHERE day = :day AND item_code = 'TEST-ITEM'`, { replacements: { day } });
      expect((await put('supervisor', 'overdue_rate', overdue)).status).to.equal(200);
      expect((await put('supervisor', 'once_rate', { threshold: 0.9, days: 7, minCases: 5, enabled: false })).status).to.equal(200);
    }
  });
});
