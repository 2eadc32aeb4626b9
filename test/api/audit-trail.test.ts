import { expect } from 'chai';
import { QueryTypes } from 'sequelize';
import { api, applicant, auth, completeMaterials, decide, ITEM, submit, validForm } from '../support/api.ts';
import { DEMO_PASSWORD } from '../../server/auth/demo-accounts.ts';
import { testEnv } from '../support/environment.ts';
import { appendOnlyTriggers } from '../../migrations/0023-audit-trail.ts';

const day = '2031-05-06';

async function events(query: Record<string, string>) {
  const res = await api()
    .get('/api/v1/audit/events')
    .query(query)
    .set(await auth('auditor'));
  expect(res.status, JSON.stringify(res.body)).to.equal(200);
  return res.body as {
    total: number;
    events: {
      id: number;
      actor: string | null;
      clientAddress: string | null;
      action: string;
      target: string | null;
      outcome: string;
      detail: Record<string, unknown>;
    }[];
  };
}

const verify = async () => {
  const res = await api()
    .post('/api/v1/audit/verification')
    .set(await auth('auditor'));
  expect(res.status).to.equal(200);
  return res.body as { ok: boolean; rows: number; problems: { id: number; problem: string }[]; appendOnlyEnforced: boolean };
};

/** Runs `change` on the rows with the append-only triggers dropped, as someone with the database's keys could. */
async function asDatabaseOwner(change: () => Promise<void>) {
  const { sequelize } = testEnv().server.ctx;
  const sqlite = sequelize.getDialect() === 'sqlite';
  await sequelize.query('DROP TRIGGER audit_events_no_update');
  await sequelize.query('DROP TRIGGER audit_events_no_delete');
  try {
    await change();
  } finally {
    for (const sql of appendOnlyTriggers(sqlite)) await sequelize.query(sql);
  }
}

describe('审计日志 (the audit trail): one append-only table, chained by HMAC-SM3', () => {
  it('records an administrator setting and removing a calendar day, with who, from where, and what it was', async () => {
    const set = await api()
      .put(`/api/v1/calendar/overrides/${day}`)
      .set(await auth('admin'))
      .send({ kind: 'holiday', name: '审计测试假日' });
    expect(set.status).to.equal(200);
    const removed = await api()
      .delete(`/api/v1/calendar/overrides/${day}`)
      .set(await auth('admin'));
    expect(removed.status).to.equal(204);
    const found = await events({ target: `calendar:*:${day}` });
    expect(found.events.map((e) => e.action)).to.deep.equal(['calendar.override_removed', 'calendar.override_set']);
    for (const e of found.events)
      expect(e)
        .to.include({ actor: 'admin', outcome: 'success' })
        .and.to.have.property('clientAddress')
        .that.matches(/127\.0\.0\.1/);
    expect(found.events[1]!.detail).to.deep.equal({ before: null, after: { kind: 'holiday', name: '审计测试假日' } });
    expect(found.events[0]!.detail).to.deep.equal({ before: { kind: 'holiday', name: '审计测试假日' } });
    // a day that has no override: nothing removed, nothing recorded
    expect(
      (
        await api()
          .delete(`/api/v1/calendar/overrides/${day}`)
          .set(await auth('admin'))
      ).status,
    ).to.equal(404);
    expect((await events({ target: `calendar:*:${day}` })).total).to.equal(2);
  });

  it('records sign-ins, failed and successful, with the user name and the address, and the sign-out', async () => {
    const wrong = await api().post('/api/v1/auth/login').send({ username: 'reviewer3', password: 'not-the-password' });
    expect(wrong.status).to.equal(401);
    const ok = await api().post('/api/v1/auth/login').send({ username: 'reviewer3', password: DEMO_PASSWORD });
    expect(ok.status).to.equal(200);
    expect(
      (
        await api()
          .post('/api/v1/auth/logout')
          .set('Authorization', `Bearer ${ok.body.token as string}`)
      ).status,
    ).to.equal(204);
    const found = await events({ target: 'user:reviewer3', action: 'auth.' });
    expect(found.events.map((e) => [e.action, e.outcome])).to.deep.equal([
      ['auth.logout', 'success'],
      ['auth.login', 'success'],
      ['auth.login_failed', 'failure'],
    ]);
    for (const e of found.events)
      expect(e)
        .to.include({ actor: 'reviewer3' })
        .and.to.have.property('clientAddress')
        .that.matches(/127\.0\.0\.1/);
    expect(found.events[2]!.detail).to.include({ reason: 'wrong password' });
  });

  it('records each decision on a case with the task, the outcome and who decided', async () => {
    const res = await submit('clerk', { itemCode: ITEM, applicant: applicant(), form: validForm(), materials: await completeMaterials('clerk') });
    expect(res.status).to.equal(201);
    const caseNo = res.body.caseNo as string;
    await decide('reviewer', caseNo, 'review', 'approve');
    const found = await events({ target: `case:${caseNo}`, action: 'case.decided' });
    expect(found.events).to.have.length(1);
    expect(found.events[0]).to.include({ actor: 'reviewer', outcome: 'success' });
    expect(found.events[0]!.detail).to.include({ task: 'review', outcome: 'approve' });
  });

  it('is read by the audit administrator alone (三员分立): not the system administrator, not staff, not anonymous', async () => {
    const statusOf = async (method: 'get' | 'post' | 'put', path: string, user?: string) => {
      const call = api()[method](`/api/v1${path}`);
      if (user) call.set(await auth(user));
      return (await (method === 'put' ? call.send({ kind: 'holiday', name: 'x' }) : call)).status;
    };
    expect(await statusOf('get', '/audit/events')).to.equal(401);
    for (const user of ['admin', 'clerk', 'reviewer', 'analyst']) {
      for (const [method, path] of [
        ['get', '/audit/events'],
        ['post', '/audit/verification'],
        ['get', '/audit/export'],
      ] as const) {
        expect(await statusOf(method, path, user), `${user} ${path}`).to.equal(403);
      }
    }
    // and the audit administrator can do nothing else
    for (const [method, path] of [
      ['get', '/seals'],
      ['get', '/tasks'],
      ['put', `/calendar/overrides/${day}`],
    ] as const) {
      expect(await statusOf(method, path, 'auditor'), path).to.equal(403);
    }
  });

  it('searches by actor, a whole domain of actions and time, pages with exact totals, and refuses a bad filter', async () => {
    const all = await events({ action: 'calendar.', actor: 'admin', size: '1' });
    expect(all.total).to.be.at.least(2);
    expect(all.events).to.have.length(1);
    expect((await events({ from: '2099-01-01T00:00:00Z' })).total).to.equal(0);
    const bad = await api()
      .get('/api/v1/audit/events')
      .query({ action: 'DROP TABLE' })
      .set(await auth('auditor'));
    expect(bad.status).to.equal(422);
  });

  it('verifies: the database refuses changes, and a row changed or removed behind its back is found', async () => {
    // at least two rows of its own, whatever ran before
    await api()
      .put('/api/v1/calendar/overrides/2031-05-07')
      .set(await auth('admin'))
      .send({ kind: 'workday', name: '审计校验' });
    await api()
      .delete('/api/v1/calendar/overrides/2031-05-07')
      .set(await auth('admin'));
    const clean = await verify();
    expect(clean, JSON.stringify(clean.problems)).to.include({ ok: true, appendOnlyEnforced: true });
    const { sequelize } = testEnv().server.ctx;
    const [victim] = await sequelize.query<{ id: number; detail: string }>('SELECT id, detail FROM audit_events ORDER BY id DESC LIMIT 1 OFFSET 1', {
      type: QueryTypes.SELECT,
    });
    const id = Number(victim!.id);
    // the database refuses an update and a delete of a row
    for (const sql of [`UPDATE audit_events SET actor = 'someone' WHERE id = ${id}`, `DELETE FROM audit_events WHERE id = ${id}`]) {
      const refused = await sequelize.query(sql).then(
        () => 'done',
        // sequelize words SQLite's RAISE as a validation error; the database's own words are in its parent
        (err: Error & { parent?: Error }) => `${err.message} ${err.parent?.message ?? ''}`,
      );
      expect(refused, sql).to.contain('append-only');
    }

    // someone with the database's keys changes a row: found, at that row
    await asDatabaseOwner(() => sequelize.query(`UPDATE audit_events SET detail = '{"forged":true}' WHERE id = ${id}`).then(() => undefined));
    const changed = await verify();
    expect(changed.ok).to.equal(false);
    expect(changed.problems).to.deep.include({ id, problem: 'changed', detail: 'its fields no longer match its hash' });
    await asDatabaseOwner(() =>
      sequelize.query(`UPDATE audit_events SET detail = :detail WHERE id = ${id}`, { replacements: { detail: victim!.detail } }).then(() => undefined),
    );
    expect((await verify()).ok).to.equal(true);

    // … or removes it: found as a gap, and the next row's link
    // kept aside by the database itself, so that putting it back restores every byte
    await sequelize.query(`CREATE TABLE audit_events_kept AS SELECT * FROM audit_events WHERE id = ${id}`);
    await asDatabaseOwner(() => sequelize.query(`DELETE FROM audit_events WHERE id = ${id}`).then(() => undefined));
    const removed = await verify();
    expect(removed.ok).to.equal(false);
    expect(removed.problems.map((p) => [p.id, p.problem])).to.deep.include.members([
      [id, 'missing'],
      [id + 1, 'relinked'],
    ]);
    await sequelize.query('INSERT INTO audit_events SELECT * FROM audit_events_kept');
    await sequelize.query('DROP TABLE audit_events_kept');
    const restored = await verify();
    expect(restored.ok, JSON.stringify(restored.problems)).to.equal(true);
  });

  it('exports the filtered trail as CSV for a spreadsheet, and records the export', async () => {
    const res = await api()
      .get('/api/v1/audit/export')
      .query({ action: 'calendar.' })
      .set(await auth('auditor'));
    expect(res.status).to.equal(200);
    expect(res.headers['content-type']).to.match(/^text\/csv/);
    expect(res.headers['content-disposition']).to.match(/attachment; filename="?audit-\d{4}-\d{2}-\d{2}\.csv"?/);
    const lines = res.text
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(lines[0]).to.equal('id,at,actor,clientAddress,action,target,outcome,detail,hash');
    expect(lines.slice(1).every((l) => l.includes(',calendar.'))).to.equal(true);
    const exported = await events({ action: 'audit.exported' });
    expect(exported.events[0]).to.include({ actor: 'auditor' });
    expect(exported.events[0]!.detail).to.deep.include({ rows: lines.length - 1 });
  });
});
