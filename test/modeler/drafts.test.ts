import { expect } from 'chai';
import { api, auth } from '../support/api.ts';
import { oversized, withXxe } from './support/bpmn-fixtures.ts';
import { cleanProcess, createDraft, createDraftOk, MODELER, uniqueKey } from './support/modeler-api.ts';

describe('modeler drafts: saved on the server with their history', () => {
  it('when a draft is saved twice, then both revisions are kept and the draft shows its history', async () => {
    const key = uniqueKey('drafts');
    const first = await cleanProcess(key);
    const draft = await createDraftOk(key, first);
    expect(draft.revision).to.equal(1);

    const second = first.replace('name="承办部门审核"', 'name="承办部门初审"');
    const saved = await api()
      .put(`${MODELER}/drafts/${draft.id}`)
      .set(await auth('analyst'))
      .send({ xml: second, baseRevision: 1 });
    expect(saved.status, JSON.stringify(saved.body)).to.equal(200);
    expect(saved.body).to.include({ revision: 2, saved: true, updatedBy: 'analyst' });

    const shown = await api()
      .get(`${MODELER}/drafts/${draft.id}`)
      .set(await auth('admin'));
    expect(shown.status).to.equal(200);
    expect(shown.body.xml).to.equal(second);
    expect(shown.body.revisions.map((r: { revision: number }) => r.revision)).to.deep.equal([2, 1]);
    expect(shown.body.revisions[0]).to.include({ savedBy: 'analyst', size: Buffer.byteLength(second) });

    const old = await api()
      .get(`${MODELER}/drafts/${draft.id}/revisions/1`)
      .set(await auth('analyst'));
    expect(old.status).to.equal(200);
    expect(old.body.xml).to.equal(first);

    const list = await api()
      .get(`${MODELER}/drafts`)
      .set(await auth('analyst'));
    expect(list.body.drafts.find((d: { id: number }) => d.id === draft.id)).to.include({ processKey: key, revision: 2, lastDeployment: null });
  });

  it('when someone saves on top of a stale revision, then it is a 409 and nothing changes', async () => {
    const key = uniqueKey('stale');
    const xml = await cleanProcess(key);
    const draft = await createDraftOk(key, xml);
    const mine = await api()
      .put(`${MODELER}/drafts/${draft.id}`)
      .set(await auth('analyst'))
      .send({ xml: xml.replace('办结', '办结（甲）'), baseRevision: 1 });
    expect(mine.status).to.equal(200);
    const theirs = await api()
      .put(`${MODELER}/drafts/${draft.id}`)
      .set(await auth('admin'))
      .send({ xml: xml.replace('办结', '办结（乙）'), baseRevision: 1 });
    expect(theirs.status).to.equal(409);
    expect(theirs.body.error.code).to.equal('draft_revision_stale');
    expect(theirs.body.error.message).to.match(/草稿已被他人更新/);
    const shown = await api()
      .get(`${MODELER}/drafts/${draft.id}`)
      .set(await auth('analyst'));
    expect(shown.body.revision).to.equal(2);
    expect(shown.body.xml).to.contain('办结（甲）');
  });

  it('when two saves race on the same revision, then exactly one wins', async () => {
    const key = uniqueKey('race');
    const xml = await cleanProcess(key);
    const draft = await createDraftOk(key, xml);
    const token = await auth('analyst');
    const results = await Promise.all(
      ['一', '二', '三'].map((n) =>
        api()
          .put(`${MODELER}/drafts/${draft.id}`)
          .set(token)
          .send({ xml: xml.replace('办结', `办结${n}`), baseRevision: 1 }),
      ),
    );
    expect(results.map((r) => r.status).sort()).to.deep.equal([200, 409, 409]);
    const shown = await api().get(`${MODELER}/drafts/${draft.id}`).set(token);
    expect(shown.body.revisions).to.have.length(2);
  });

  it('when the file is unchanged, then no revision is made', async () => {
    const key = uniqueKey('same');
    const xml = await cleanProcess(key);
    const draft = await createDraftOk(key, xml);
    const again = await api()
      .put(`${MODELER}/drafts/${draft.id}`)
      .set(await auth('analyst'))
      .send({ xml, baseRevision: 1 });
    expect(again.status).to.equal(200);
    expect(again.body).to.include({ revision: 1, saved: false });
  });

  it('when a draft for the key exists, then creating another is a 409', async () => {
    const key = uniqueKey('twice');
    await createDraftOk(key, await cleanProcess(key));
    const again = await createDraft(key, await cleanProcess(key));
    expect(again.status).to.equal(409);
    expect(again.body.error.code).to.equal('draft_exists');
  });

  it('when the file carries a DOCTYPE (XXE) or is over 2 MB, then it is refused and never stored', async () => {
    const before = await api()
      .get(`${MODELER}/drafts`)
      .set(await auth('analyst'));
    const key = uniqueKey('xxe');
    const xxe = await createDraft(key, withXxe(await cleanProcess(key)));
    expect(xxe.status).to.equal(422);
    expect(xxe.body.error.code).to.equal('bpmn_unreadable');
    expect(xxe.body.problems.map((p: { rule: string }) => p.rule)).to.deep.equal(['policy/no-doctype']);
    expect(JSON.stringify(xxe.body)).to.not.contain('root:');

    const big = await createDraft(key, oversized(await cleanProcess(key)));
    expect(big.status).to.equal(422);
    expect(big.body.problems.map((p: { rule: string }) => p.rule)).to.deep.equal(['policy/size-limit']);
    expect(big.body.error.details[0]).to.include({ field: 'xml', label: 'policy/size-limit' });

    const notBpmn = await createDraft(key, '<html><body>not a process</body></html>');
    expect(notBpmn.status).to.equal(422);
    expect(notBpmn.body.problems[0].rule).to.equal('parse/error');

    const after = await api()
      .get(`${MODELER}/drafts`)
      .set(await auth('analyst'));
    expect(after.body.total).to.equal(before.body.total);
  });

  it("when the request is malformed, then it says which field, in the caller's language", async () => {
    const noKey = await api()
      .post(`${MODELER}/drafts`)
      .set(await auth('analyst'))
      .set('Accept-Language', 'en')
      .send({ name: 'x', xml: '<x/>' });
    expect(noKey.status).to.equal(422);
    expect(noKey.body.error.details.map((d: { field: string }) => d.field)).to.include('processKey');
    const badKey = await createDraft('has space', '<x/>');
    expect(badKey.status).to.equal(422);
    const noBase = await api()
      .put(`${MODELER}/drafts/1`)
      .set(await auth('analyst'))
      .send({ xml: '<x/>' });
    expect(noBase.status).to.equal(422);
    const missing = await api()
      .get(`${MODELER}/drafts/999999`)
      .set(await auth('analyst'));
    expect(missing.status).to.equal(404);
    expect(missing.body.error.code).to.equal('draft_not_found');
    const junk = await api()
      .get(`${MODELER}/drafts/abc`)
      .set(await auth('analyst'));
    expect(junk.status).to.equal(404);
  });

  it('is for analysts and administrators only', async () => {
    for (const user of ['reviewer', 'clerk', 'applicant']) {
      const res = await api()
        .get(`${MODELER}/drafts`)
        .set(await auth(user));
      expect(res.status, user).to.equal(403);
    }
    expect((await api().get(`${MODELER}/templates`)).status).to.equal(401);
  });
});
