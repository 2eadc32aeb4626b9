// test-plan: every-profile — the append-only triggers are written per database
import { expect } from 'chai';
import { QueryTypes } from 'sequelize';
import { api, applicant, auth, completeMaterials, decide, ITEM, submit, validForm } from '../support/api.ts';
import { DEMO_PASSWORD } from '../../server/auth/demo-accounts.ts';
import { testEnv } from '../support/environment.ts';
import { appendOnlyTriggers } from '../../migrations/0023-audit-trail.ts';
import { ELicense } from '../../server/e-licenses/e-license.model.ts';
import { createSandboxCa, issueSigningCertificate, makeDemoSealImage } from '../../server/documents/index.ts';
import { governmentName, issuerName } from '../../server/seals/issuer-name.ts';
import { cleanProcess, createDraftOk, deploy, uniqueKey } from '../modeler/support/modeler-api.ts';
import { HOSTILE_BPMN } from '../modeler/support/hostile-bpmn.ts';

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
    // other files in the lane sign in as reviewer3 too: look only at what this test adds
    const mark = Math.max(0, ...(await events({ target: 'user:reviewer3', action: 'auth.' })).events.map((e) => e.id));
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
    const all = await events({ target: 'user:reviewer3', action: 'auth.' });
    const found = { events: all.events.filter((e) => e.id > mark) };
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

  it('records each export of the supervision figures: who, which table, the period, the filters in the person’s scope, the format and the rows', async () => {
    const period = { from: '2031-01-01', to: '2031-01-31' };
    const csv = await api()
      .get('/api/v1/supervision/indicators')
      .query({ ...period, groupBy: 'channel', department: 'samr', format: 'csv' })
      .set(await auth('supervisor'));
    expect(csv.status, csv.text).to.equal(200);
    const lines = csv.text
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    const xlsx = await api()
      .get('/api/v1/supervision/staff')
      .query({ ...period, format: 'xlsx' })
      .set(await auth('leader'));
    expect(xlsx.status).to.equal(200);
    const found = await events({ action: 'supervision.exported' });
    const [staff, indicators] = found.events;
    expect(indicators).to.include({ actor: 'supervisor', target: 'supervision:indicators', outcome: 'success' });
    expect(indicators!.clientAddress).to.match(/127\.0\.0\.1/);
    // the rows written are the file's lines after its header: each channel's and the total
    // the filters as applied: the department asked for, within the person's region
    expect(indicators!.detail).to.deep.equal({
      format: 'csv',
      period,
      groupBy: 'channel',
      filters: { departmentCode: 'samr', regionCode: '430100' },
      rows: lines.length - 1,
    });
    // a department's leader exports their own department only: the scope is what the row says
    expect(staff).to.include({ actor: 'leader', target: 'supervision:staff' });
    expect(staff!.detail).to.include({ format: 'xlsx' }).and.to.deep.include({ period });
    expect(staff!.detail.filters).to.include({ departmentCode: 'samr' });
    expect(staff!.detail.rows).to.be.a('number').and.at.least(1);
    // looking at the figures is not an export
    const seen = await api()
      .get('/api/v1/supervision/indicators')
      .query(period)
      .set(await auth('supervisor'));
    expect(seen.status).to.equal(200);
    expect((await events({ action: 'supervision.exported' })).total).to.equal(found.total);
  });

  it('records a deployment from the modeler and a refused one, with the draft, its revision and the rules that refused it', async () => {
    const key = uniqueKey('audited');
    const draft = await createDraftOk(key, await cleanProcess(key));
    const deployed = await deploy(draft.id);
    expect(deployed.status, JSON.stringify(deployed.body)).to.equal(201);
    const ok = await events({ target: `process:${key}` });
    expect(ok.events).to.have.length(1);
    expect(ok.events[0]).to.include({ actor: 'analyst', action: 'modeler.deployed', outcome: 'success' });
    expect(ok.events[0]!.detail).to.deep.equal({ draftId: draft.id, revision: 1, version: 1, engineDeploymentId: deployed.body.deploymentId });

    const hostileKey = uniqueKey('audited_refused');
    const jdbc = HOSTILE_BPMN[0]!;
    const hostile = await createDraftOk(hostileKey, jdbc.apply(await cleanProcess(hostileKey)));
    expect((await deploy(hostile.id)).status).to.equal(422);
    const refused = await events({ target: `process:${hostileKey}` });
    expect(refused.events).to.have.length(1);
    expect(refused.events[0]).to.include({ actor: 'analyst', action: 'modeler.deploy_refused', outcome: 'failure' });
    expect(refused.events[0]!.detail).to.deep.include({ draftId: hostile.id, revision: 1 });
    expect(refused.events[0]!.detail.rules).to.include(jdbc.rule);
  });

  it('records an e-licence revoked by an administrator, with its number, type and the reason; a second revocation records nothing', async () => {
    const number = `AUDIT-BL-${Date.now()}`;
    const license = await ELicense.create({
      type: 'business-license',
      number,
      name: '营业执照',
      holderIdNo: '430102199003071234',
      holderName: '张三',
      data: { businessName: '审计测试小吃店', creditCode: '92430100MA4L000009' },
      validFrom: new Date('2024-01-01'),
      validUntil: null,
    });
    const revoke = async () =>
      api()
        .post(`/api/v1/e-licenses/${license.id}/revoke`)
        .set(await auth('admin'))
        .send({ reason: '经营者申请注销' });
    expect((await revoke()).status).to.equal(200);
    expect((await revoke()).status).to.equal(409);
    const found = await events({ target: `e-license:${number}` });
    expect(found.events).to.have.length(1);
    expect(found.events[0]).to.include({ actor: 'admin', action: 'e_license.revoked', outcome: 'success' });
    expect(found.events[0]!.detail).to.deep.equal({ id: license.id, type: 'business-license', reason: '经营者申请注销' });
  });

  it('records a seal registered and retired by an administrator, with what was done to it', async () => {
    const ca = createSandboxCa();
    const issuer = issuerName('430100', '市场监督管理局');
    const password = 'audit-seal-password';
    const registered = await api()
      .post('/api/v1/seals')
      .set(await auth('admin'))
      .field('departmentCode', 'samr')
      .field('name', '长沙市市场监督管理局审计测试专用章')
      .field('password', password)
      // not system:seal: the seal worker never signs with it
      .field('users', JSON.stringify(['samr:leader']))
      .attach('image', makeDemoSealImage(issuer), 'seal.png')
      .attach('certificate', issueSigningCertificate(ca, { department: issuer, organization: governmentName('430100'), password }).p12, 'seal.p12');
    expect(registered.status, JSON.stringify(registered.body)).to.equal(201);
    const sealId = registered.body.id as number;
    const retired = await api()
      .post(`/api/v1/seals/${sealId}/deactivate`)
      .set(await auth('admin'))
      .send({ reason: '审计测试结束' });
    expect(retired.status, JSON.stringify(retired.body)).to.equal(200);
    const found = await events({ target: `seal:${sealId}`, action: 'seal.' });
    expect(found.events.map((e) => [e.action, e.actor, e.detail.purpose])).to.deep.equal([
      ['seal.managed', 'admin', '停用：审计测试结束'],
      ['seal.managed', 'admin', '启用'],
    ]);
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
