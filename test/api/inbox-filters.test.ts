import { expect } from 'chai';
import { api, applicant, auth, completeMaterials, decide, ITEM, submit, validForm, waitForTask } from '../support/api.ts';
import { shanghaiDay } from '../../server/calendar/shanghai-days.ts';

type Listed = {
  id: string;
  itemCode: string;
  bundleCode: string | null;
  assignee: string | null;
  channel: string;
  deadlineColour: string | null;
  receivedDay: string;
  caseDueAt: string | null;
};
const inbox = async (query: Record<string, string> = {}) =>
  api()
    .get('/api/v1/tasks')
    .query(query)
    .set(await auth('reviewer'));

describe('the inbox: filters, counts and order', () => {
  before(async () => {
    const res = await submit('applicant', { itemCode: ITEM, applicant: applicant(), form: validForm(), materials: await completeMaterials('applicant') });
    const task = await waitForTask('reviewer', res.body.caseNo, 'review');
    await api()
      .post(`/api/v1/tasks/${task.id}/claim`)
      .set(await auth('reviewer'));
  });

  it('counts every filter value over the whole inbox, and each filter leaves exactly its count', async () => {
    const whole = await inbox({ limit: '100' });
    expect(whole.status).to.equal(200);
    const { counts, tasks, total } = whole.body as { counts: Record<string, any>; tasks: Listed[]; total: number }; // eslint-disable-line @typescript-eslint/no-explicit-any
    expect(counts.all).to.equal(total).and.be.greaterThan(0);
    expect(tasks).to.have.length(Math.min(total, 100));
    expect(counts.mine + counts.group).to.equal(counts.all);

    const mine = (await inbox({ scope: 'mine', limit: '100' })).body as { tasks: Listed[]; total: number };
    expect(mine.total).to.equal(counts.mine);
    expect(mine.tasks.every((t) => t.assignee === 'reviewer')).to.equal(true);
    const items = (await inbox({ itemCode: ITEM, limit: '100' })).body as { tasks: Listed[]; total: number };
    expect(items.total).to.equal(counts.item[ITEM]);
    expect(items.tasks.every((t) => t.itemCode === ITEM)).to.equal(true);
    const web = (await inbox({ channel: 'web', limit: '100' })).body as { tasks: Listed[]; total: number };
    expect(web.total).to.equal(counts.channel.web);
    expect(web.tasks.every((t) => t.channel === 'web')).to.equal(true);
    for (const colour of ['green', 'yellow', 'red'] as const) {
      const listed = (await inbox({ colour, limit: '100' })).body as { tasks: Listed[]; total: number };
      expect(listed.total, colour).to.equal(counts.colour[colour] ?? 0);
      expect(listed.tasks.every((t) => t.deadlineColour === colour)).to.equal(true);
    }
    const today = shanghaiDay(new Date());
    const received = (await inbox({ receivedFrom: today, receivedTo: today, limit: '100' })).body.tasks as Listed[];
    expect(received.every((t) => t.receivedDay === today)).to.equal(true);
    expect((await inbox({ receivedTo: '2000-01-01' })).body.tasks).to.deep.equal([]);
    // sorted by the case's promised due time
    const dues = tasks.map((t) => t.caseDueAt ?? '9999');
    expect(dues).to.deep.equal([...dues].sort());
  });

  it('refuses a filter it does not know, naming it', async () => {
    const bad = await inbox({ colour: 'blue' });
    expect(bad.status).to.equal(422);
    expect(bad.body.error.details[0].field).to.equal('query.colour');
    expect((await inbox({ sort: 'name' })).status).to.equal(422);
    expect((await inbox({ limit: '0' })).status).to.equal(422);
    expect((await inbox({ limit: '101' })).body.error.details[0].field).to.equal('query.limit');
    expect((await inbox({ receivedFrom: '2026-13-01' })).status).to.equal(422);
  });

  it('已办: lists what the caller completed, newest first, with the opinion and the case as it stands', async () => {
    const res = await submit('applicant', { itemCode: ITEM, applicant: applicant(), form: validForm(), materials: await completeMaterials('applicant') });
    const caseNo = res.body.caseNo as string;
    await decide('reviewer', caseNo, 'review', 'approve');
    const done = await api()
      .get('/api/v1/tasks/done')
      .query({ caseNo })
      .set(await auth('reviewer'));
    expect(done.status).to.equal(200);
    expect(done.body.total).to.equal(1);
    expect(done.body.tasks[0]).to.include({ caseNo, outcome: 'approve', opinion: 'approve（reviewer）', itemCode: ITEM });
    const all = await api()
      .get('/api/v1/tasks/done')
      .query({ limit: '5' })
      .set(await auth('reviewer'));
    expect(all.body.tasks[0].caseNo, 'newest first').to.equal(caseNo);
    expect(all.body.total).to.be.at.least(1);
    expect(
      (
        await api()
          .get('/api/v1/tasks/done')
          .query({ limit: 'x' })
          .set(await auth('reviewer'))
      ).status,
    ).to.equal(422);
    // the leader completed nothing of it
    const leader = await api()
      .get('/api/v1/tasks/done')
      .query({ caseNo })
      .set(await auth('leader'));
    expect(leader.body.total).to.equal(0);
  });
});
