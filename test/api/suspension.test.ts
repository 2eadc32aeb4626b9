import { expect } from 'chai';
import { api, applicant, auth, completeMaterials, getCase, ITEM, submit, validForm, waitForTask } from '../support/api.ts';
import { WorkingCalendar } from '../../server/calendar/working-calendar.ts';
import { shiftedDeadlines } from '../../server/cases/suspension.service.ts';
import { inboxSync } from '../../server/inbox/inbox-sync.ts';
import { testEnv } from '../support/environment.ts';

const at = (iso: string) => new Date(iso);
const greenInInbox = async (caseNo: string) =>
  (
    await api()
      .get('/api/v1/tasks')
      .query({ caseNo, colour: 'green' })
      .set(await auth('reviewer'))
  ).body as { total: number };
const post = async (user: string, path: string, body: object = {}) =>
  api()
    .post(`/api/v1${path}`)
    .set(await auth(user))
    .send(body);

describe('特别程序 (行政许可法 Art. 45): a suspension stops the clock and moves the due dates', () => {
  it('moves the due dates by the working days a suspension took, on the official calendar', () => {
    const calendar = new WorkingCalendar();
    const due = { promisedDueAt: at('2026-10-09T23:59:59.999+08:00'), statutoryDueAt: at('2026-10-20T23:59:59.999+08:00') };
    // National Day 2026: 1–7 October off, Saturday 10 October a make-up workday
    const national = shiftedDeadlines(calendar, due, at('2026-09-30T10:00:00+08:00'), at('2026-10-12T09:00:00+08:00'));
    expect(national.days).to.equal(4);
    expect(national.promisedDueAt!.toISOString()).to.equal('2026-10-14T15:59:59.999Z');
    // Spring Festival 2026: Saturday 14 February worked, 15–23 February off
    expect(shiftedDeadlines(calendar, due, at('2026-02-13T16:00:00+08:00'), at('2026-02-24T09:00:00+08:00')).days).to.equal(2);
    // the same day, or across midnight in Shanghai only
    const sameDay = shiftedDeadlines(calendar, due, at('2026-10-09T09:00:00+08:00'), at('2026-10-09T17:00:00+08:00'));
    expect(sameDay).to.deep.equal({ days: 0, ...due });
    expect(shiftedDeadlines(calendar, due, at('2026-10-08T23:30:00+08:00'), at('2026-10-09T00:30:00+08:00')).days).to.equal(1);
  });

  it('lets the holder stop the clock with a reason, tells the applicant, and resumes it', async () => {
    const res = await submit('applicant', { itemCode: ITEM, applicant: applicant(), form: validForm(), materials: await completeMaterials('applicant') });
    const caseNo = res.body.caseNo as string;
    const task = await waitForTask('reviewer', caseNo, 'review');
    await post('reviewer', `/tasks/${task.id}/claim`);
    const before = (await getCase('reviewer', caseNo)).body.deadline;

    expect((await post('reviewer', `/tasks/${task.id}/suspend`, { procedure: 'party', reason: 'x' })).status).to.equal(422);
    expect((await post('reviewer4', `/tasks/${task.id}/suspend`, { procedure: 'hearing', reason: 'x' })).status, 'not the holder').to.equal(409);
    const suspended = await post('reviewer', `/tasks/${task.id}/suspend`, { procedure: 'expert_review', reason: '经营场所涉及油烟排放，需组织专家评审' });
    expect(suspended.status, JSON.stringify(suspended.body)).to.equal(200);
    const view = (await getCase('applicant', caseNo)).body;
    expect(view.status).to.equal('suspended');
    expect(view.deadline.colour).to.equal(null);
    // the inbox counts it under no colour while its clock stands
    expect((await greenInInbox(caseNo)).total, 'not green while suspended').to.equal(0);
    const entry = view.timeline.find((e: { type: string }) => e.type === 'case.suspended');
    expect(entry.detail).to.include({ procedure: 'expert_review', reason: '经营场所涉及油烟排放，需组织专家评审' });
    expect(entry.detail.legalBasis['zh-CN']).to.equal('《中华人民共和国行政许可法》第四十五条');
    const told = await api()
      .get('/api/v1/notifications')
      .query({ limit: '100' })
      .set(await auth('applicant'));
    expect(told.body.notifications.some((n: { kind: string; caseNo: string }) => n.kind === 'suspended' && n.caseNo === caseNo)).to.equal(true);

    const blocked = await post('reviewer', `/tasks/${task.id}/complete`, { outcome: 'approve', opinion: '同意' });
    expect(blocked.status).to.equal(409);
    expect(blocked.body.error.code).to.equal('case_suspended');
    expect((await post('reviewer', `/tasks/${task.id}/suspend`, { procedure: 'hearing', reason: '再次' })).status).to.equal(409);

    expect((await post('applicant', `/cases/${caseNo}/resume`, { reason: '我要恢复' })).status).to.equal(403);
    const resumed = await post('reviewer', `/cases/${caseNo}/resume`, { reason: '专家评审意见已出具' });
    expect(resumed.status, JSON.stringify(resumed.body)).to.equal(200);
    expect(resumed.body.workingDays).to.equal(0);
    // the inbox's round follows the case whose clock moved: green again
    await inboxSync(testEnv().server.ctx).round();
    expect((await greenInInbox(caseNo)).total, 'green once resumed').to.equal(1);
    const after = (await getCase('reviewer', caseNo)).body;
    expect(after.status).to.equal('in_review');
    expect(after.deadline.promisedDueAt).to.equal(before.promisedDueAt);
    expect((await post('reviewer', `/cases/${caseNo}/resume`, { reason: '再恢复' })).status).to.equal(409);
    expect((await post('reviewer', `/tasks/${task.id}/complete`, { outcome: 'approve', opinion: '同意' })).status).to.equal(200);
  });
});
