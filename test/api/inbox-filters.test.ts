import { expect } from 'chai';
import { api, applicant, auth, completeMaterials, ITEM, submit, validForm, waitForTask } from '../support/api.ts';
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

  it('counts every filter value over the whole inbox, and each filter keeps exactly its count', async () => {
    const whole = await inbox();
    expect(whole.status).to.equal(200);
    const { counts, tasks } = whole.body as { counts: Record<string, any>; tasks: Listed[] }; // eslint-disable-line @typescript-eslint/no-explicit-any
    expect(counts.all).to.equal(tasks.length).and.be.greaterThan(0);
    expect(counts.mine + counts.group).to.equal(counts.all);

    const mine = (await inbox({ scope: 'mine' })).body.tasks as Listed[];
    expect(mine).to.have.length(counts.mine);
    expect(mine.every((t) => t.assignee === 'reviewer')).to.equal(true);
    const items = (await inbox({ itemCode: ITEM })).body.tasks as Listed[];
    expect(items).to.have.length(counts.item[ITEM]);
    expect(items.every((t) => t.itemCode === ITEM)).to.equal(true);
    const web = (await inbox({ channel: 'web' })).body.tasks as Listed[];
    expect(web).to.have.length(counts.channel.web);
    for (const colour of ['green', 'yellow', 'red'] as const) {
      expect((await inbox({ colour })).body.tasks).to.have.length(counts.colour[colour] ?? 0);
    }
    const today = shanghaiDay(new Date());
    const received = (await inbox({ receivedFrom: today, receivedTo: today })).body.tasks as Listed[];
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
    expect((await inbox({ receivedFrom: '2026-13-01' })).status).to.equal(422);
  });
});
