import { expect } from 'chai';
import { api, applicant, auth, completeMaterials, getCase, ITEM, submit, validForm, waitForTask } from '../support/api.ts';

const hour = 3600_000;
const iso = (offsetMs: number) => new Date(Date.now() + offsetMs).toISOString();
const setDeputy = async (user: string, body: object) =>
  api()
    .put('/api/v1/me/deputy')
    .set(await auth(user))
    .send(body);

describe('out-of-office: a deputy stands in for an absent reviewer', () => {
  after(async () => {
    await api()
      .delete('/api/v1/me/deputy')
      .set(await auth('reviewer'));
  });

  it('refuses a deputy who cannot stand in, or a period that makes no sense', async () => {
    const base = { deputy: 'reviewer4', startsAt: iso(-hour), endsAt: iso(hour), reason: '出差' };
    expect((await setDeputy('reviewer', { ...base, deputy: 'reviewer2' })).body.error.details[0].message).to.equal('“消防支队审核员”与您不在同一部门岗位');
    expect((await setDeputy('reviewer', { ...base, deputy: 'reviewer' })).body.error.details[0].message).to.equal('不能指定自己为代理人');
    expect((await setDeputy('reviewer', { ...base, endsAt: iso(-2 * hour) })).status).to.equal(422);
    expect((await setDeputy('reviewer', { ...base, endsAt: iso(100 * 24 * hour) })).body.error.details[0].message).to.equal('结束时间：代理期限最长 90 天');
    expect((await setDeputy('reviewer', { ...base, startsAt: 'tomorrow' })).status).to.equal(422);
  });

  it("shows the deputy the absent reviewer's tasks, lets them take one over, and stops when the period ends", async () => {
    const res = await submit('applicant', { itemCode: ITEM, applicant: applicant(), form: validForm(), materials: await completeMaterials('applicant') });
    const caseNo = res.body.caseNo as string;
    const task = await waitForTask('reviewer', caseNo, 'review');
    await api()
      .post(`/api/v1/tasks/${task.id}/claim`)
      .set(await auth('reviewer'));
    expect(
      (
        await api()
          .post(`/api/v1/tasks/${task.id}/claim`)
          .set(await auth('reviewer4'))
      ).status,
      'not yet a deputy',
    ).to.equal(409);

    const set = await setDeputy('reviewer', { deputy: 'reviewer4', startsAt: iso(-hour), endsAt: iso(8 * hour), reason: '出差参加培训' });
    expect(set.status, JSON.stringify(set.body)).to.equal(200);
    expect(set.body.deputy).to.include({ username: 'reviewer4', active: true });
    const standing = await api()
      .get('/api/v1/me/deputy')
      .set(await auth('reviewer4'));
    expect(standing.body.standingInFor).to.deep.equal([{ username: 'reviewer', displayName: '市场监管局审核员' }]);
    const inbox = await api()
      .get('/api/v1/tasks')
      .query({ caseNo })
      .set(await auth('reviewer4'));
    expect(inbox.body.tasks.find((t: { id: string }) => t.id === task.id)).to.include({ assignee: 'reviewer', onBehalfOf: 'reviewer' });

    const taken = await api()
      .post(`/api/v1/tasks/${task.id}/claim`)
      .set(await auth('reviewer4'));
    expect(taken.status, JSON.stringify(taken.body)).to.equal(200);
    expect(taken.body.assignee).to.equal('reviewer4');
    const timeline = (await getCase('admin', caseNo)).body.timeline;
    expect(timeline.find((e: { type: string }) => e.type === 'task.taken_over')).to.deep.include({
      actor: 'reviewer4',
      detail: { task: '审核', for: 'reviewer' },
    });
    expect(
      (
        await api()
          .post(`/api/v1/tasks/${task.id}/complete`)
          .set(await auth('reviewer4'))
          .send({ outcome: 'approve', opinion: '代为审核，同意' })
      ).status,
    ).to.equal(200);

    // a period in the past stands in for nobody
    await api()
      .delete('/api/v1/me/deputy')
      .set(await auth('reviewer'));
    expect(
      (
        await api()
          .get('/api/v1/me/deputy')
          .set(await auth('reviewer4'))
      ).body.standingInFor,
    ).to.deep.equal([]);
  });
});
