import { expect } from 'chai';
import { api, applicant, auth, completeMaterials, decide, ITEM, submit, validForm, waitForTask } from '../support/api.ts';

const post = async (user: string, path: string, body: object = {}, language = 'zh-CN') =>
  api()
    .post(`/api/v1${path}`)
    .set(await auth(user))
    .set('Accept-Language', language)
    .send(body);

/** A time as the messages give it: Beijing time to the minute. */
const AT = String.raw`\d{4}-\d{2}-\d{2} \d{2}:\d{2}`;

async function caseAtReview() {
  const res = await submit('applicant', { itemCode: ITEM, applicant: applicant(), form: validForm(), materials: await completeMaterials('applicant') });
  expect(res.status, JSON.stringify(res.body)).to.equal(201);
  const caseNo = res.body.caseNo as string;
  return { caseNo, task: await waitForTask('reviewer', caseNo, 'review') };
}

describe('a task that closed before the person acted: 409 saying who did what and when', () => {
  it('completing a task after its step was taken back (收回) names who took it back, when and why', async () => {
    const { caseNo } = await caseAtReview();
    const review = await decide('reviewer', caseNo, 'review', 'approve');
    const decision = await waitForTask('leader', caseNo, 'decision');
    expect((await post('reviewer', `/cases/${caseNo}/take-back`, { reason: '意见写错，需修改' })).status).to.equal(200);

    const late = await post('leader', `/tasks/${decision.id}/complete`, { outcome: 'approve', opinion: '同意' });
    expect(late.status, JSON.stringify(late.body)).to.equal(409);
    expect(late.body.error.code).to.equal('task_closed');
    expect(late.body.error.message).to.match(
      new RegExp(`^市场监管局审核员已于 ${AT} 收回其办理的“${review.name}”（意见写错，需修改），“${decision.name}”已撤销，本次操作未执行$`),
    );
    const claim = await post('leader', `/tasks/${decision.id}/claim`, {}, 'en');
    expect(claim.status).to.equal(409);
    expect(claim.body.error.message).to.match(
      new RegExp(
        `^市场监管局审核员 took back their step "${review.name}" at ${AT} \\(意见写错，需修改\\); "${decision.name}" was withdrawn; nothing was done$`,
      ),
    );
    // the step taken back is the reviewer's again; the leader's task stayed closed, nothing recorded
    expect((await waitForTask('reviewer', caseNo, 'review')).assignee).to.equal('reviewer');
  });

  it('sending back a task one completed already says when one completed it and how; a task the engine never had stays 404', async () => {
    const { caseNo, task } = await caseAtReview();
    await decide('reviewer', caseNo, 'review', 'approve');
    await waitForTask('leader', caseNo, 'decision');

    const again = await post('reviewer', `/tasks/${task.id}/send-back`, { to: 'review', reason: '再看一遍' });
    expect(again.status, JSON.stringify(again.body)).to.equal(409);
    expect(again.body.error.code).to.equal('task_already_completed');
    expect(again.body.error.message).to.match(new RegExp(`^您已于 ${AT} 办理“${task.name}”（同意），本次操作未执行$`));
    const english = await post('reviewer', `/tasks/${task.id}/send-back`, { to: 'review', reason: '再看一遍' }, 'en');
    expect(english.body.error.message).to.match(new RegExp(`^You completed "${task.name}" at ${AT} \\(approved\\); nothing was done$`));
    // another reviewer of the department is told who completed it
    const other = await post('reviewer4', `/tasks/${task.id}/claim`);
    expect(other.status).to.equal(409);
    expect(other.body.error.message).to.match(new RegExp(`^“${task.name}”已由市场监管局审核员于 ${AT} 办理（同意），本次操作未执行$`));
    // someone who may not see the case learns nothing of it: as for any task id not theirs
    const stranger = await post('reviewer2', `/tasks/${task.id}/claim`);
    expect(stranger.status).to.equal(404);
    expect(stranger.body.error.code).to.equal('task_not_found');

    const never = await post('reviewer', '/tasks/00000000-0000-0000-0000-000000000000/complete', { outcome: 'approve', opinion: '同意' });
    expect(never.status).to.equal(404);
    expect(never.body.error).to.include({ code: 'task_not_found', message: '待办任务不存在' });
  });
});
