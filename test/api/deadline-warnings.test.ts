import { expect } from 'chai';
import { api, applicant, auth, completeMaterials, getCase, ITEM, submit, validForm, waitForTask } from '../support/api.ts';
import { testEnv } from '../support/environment.ts';
import { Case } from '../../server/cases/case.model.ts';
import { WorkingCalendar } from '../../server/calendar/working-calendar.ts';
import { sweepDeadlines } from '../../server/cases/deadline-watch.ts';
import { holdersOf } from '../../server/inbox/index.ts';
import { nextTurnAt } from '../../server/calendar/deadline.ts';
import { listen, within } from '../support/sockets.ts';

const notices = async (user: string, caseNo: string) =>
  (
    (
      await api()
        .get('/api/v1/notifications')
        .query({ limit: '100' })
        .set(await auth(user))
    ).body.notifications as { kind: string; caseNo: string }[]
  )
    .filter((n) => n.caseNo === caseNo)
    .map((n) => n.kind);

describe('超期预警 on the holiday calendar: yellow, then red, told once each to the holders and the leader', () => {
  it('warns as the working days run out, not while the Spring Festival passes', async () => {
    const res = await submit('applicant', { itemCode: ITEM, applicant: applicant(), form: validForm(), materials: await completeMaterials('applicant') });
    const caseNo = res.body.caseNo as string;
    const task = await waitForTask('reviewer', caseNo, 'review');
    expect(task).to.have.property('stepDueAt').that.is.a('string');
    const scheduled = async () => (await Case.findOne({ where: { caseNo } }))!.nextWarningAt?.toISOString() ?? null;
    expect(await scheduled(), 'accepted: the next sweep looks at it').to.equal(new Date(0).toISOString());
    // as if accepted on Friday 13 February 2026, promised in 5 working days (due Friday 27 February)
    const acceptedAt = new Date('2026-02-13T10:00:00+08:00');
    const promisedDueAt = new WorkingCalendar().due(acceptedAt, 5).due;
    await Case.update({ acceptedAt, promisedDueAt }, { where: { caseNo } });
    const ctx = testEnv().server.ctx;
    const inbox = await listen<{ type: string; colour: string; caseNo: string; taskId: string }>('reviewer', 'task');
    const otherInbox = await listen<{ caseNo: string }>('reviewer2', 'task');
    const sweepAt = async (iso: string) => {
      await sweepDeadlines(ctx, holdersOf, new Date(iso));
      return notices('reviewer', caseNo);
    };

    expect(await sweepAt('2026-02-20T12:00:00+08:00'), 'a week of holidays used no working time').to.deep.equal([]);
    const yellowFrom = nextTurnAt(new WorkingCalendar(), acceptedAt, promisedDueAt, new Date('2026-02-20T12:00:00+08:00'), ctx.config.deadlineWarningShare)!;
    expect(await scheduled(), 'looked at again when it turns yellow').to.equal(yellowFrom.toISOString());
    expect(yellowFrom.getTime()).to.be.greaterThan(Date.parse('2026-02-23T00:00:00+08:00'));
    expect(await sweepAt('2026-02-26T12:00:00+08:00')).to.deep.equal(['deadline_yellow']);
    expect(await sweepAt('2026-02-26T16:00:00+08:00'), 'told once').to.deep.equal(['deadline_yellow']);
    expect(await notices('leader', caseNo)).to.deep.equal(['deadline_yellow']);
    expect(await sweepAt('2026-02-28T09:00:00+08:00')).to.deep.equal(['deadline_red', 'deadline_yellow']);
    expect(await sweepAt('2026-03-02T09:00:00+08:00')).to.have.length(2);
    expect(await scheduled(), 'red: nothing more to tell').to.equal(null);

    // the clock moves (as when a suspension ends): the case is looked at again, and its turns on the new clock are told anew
    const movedDueAt = new WorkingCalendar().due(acceptedAt, 20).due;
    await Case.update({ promisedDueAt: movedDueAt }, { where: { caseNo } });
    expect(await scheduled()).to.equal(new Date(0).toISOString());
    expect(await sweepAt('2026-03-02T10:00:00+08:00'), 'green again on the new clock').to.have.length(2);
    expect(await scheduled()).to.not.equal(null);
    // a day off set in the calendar may move any running case's turns: each is looked at again
    const admin = await auth('admin');
    expect((await api().put('/api/v1/calendar/overrides/2027-06-01').set(admin).send({ kind: 'holiday', name: '测试假日' })).status).to.equal(200);
    try {
      expect(await scheduled()).to.equal(new Date(0).toISOString());
    } finally {
      expect((await api().delete('/api/v1/calendar/overrides/2027-06-01').set(admin)).status).to.equal(204);
    }
    expect(await sweepAt(new Date(movedDueAt.getTime() + 3_600_000).toISOString())).to.deep.equal(['deadline_red', 'deadline_red', 'deadline_yellow']);
    expect(await notices('reviewer2', caseNo), 'another department hears nothing').to.deep.equal([]);
    const timeline = (await getCase('admin', caseNo)).body.timeline as { type: string; detail: { colour: string } }[];
    expect(timeline.filter((e) => e.type === 'case.deadline_warning').map((e) => e.detail.colour)).to.deep.equal(['yellow', 'red', 'red']);
    // the open inbox recolours the task at each turn; another department's hears nothing
    try {
      expect(await within(5000, () => inbox.received.filter((e) => e.caseNo === caseNo && e.type === 'deadline').length === 3)).to.equal(true);
      expect(inbox.received.filter((e) => e.caseNo === caseNo && e.type === 'deadline').map((e) => [e.colour, e.taskId])).to.deep.equal([
        ['yellow', task.id],
        ['red', task.id],
        ['red', task.id],
      ]);
      expect(otherInbox.received.filter((e) => e.caseNo === caseNo)).to.deep.equal([]);
    } finally {
      inbox.close();
      otherInbox.close();
    }
  });
});
