// test-plan: every-profile — the health check names the database's dialect
import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { api, applicant, auth, completeMaterials, ITEM, submit, validForm } from '../support/api.ts';
import { testEnv } from '../support/environment.ts';
import { readProcessFolders } from '../../server/catalog/process-folders.ts';
import { deployProcessFolders } from '../../server/deployments/deploy-processes.ts';

describe('the platform itself', () => {
  it('reports the engine and the database as up', async () => {
    const res = await api().get('/api/v1/health');
    expect(res.status).to.equal(200);
    expect(res.body.engine.status).to.equal('up');
    expect(res.body.engine.version).to.match(/^\d+\.\d+/);
    expect(res.body.database).to.deep.equal({ status: 'up', dialect: testEnv().profile === 'mariadb' ? 'mysql' : 'sqlite' });
  });

  it('serves an OpenAPI document describing every endpoint', async () => {
    const res = await api().get('/api/v1/openapi.json');
    expect(res.status).to.equal(200);
    expect(res.body.openapi).to.match(/^3\./);
    expect(Object.keys(res.body.paths)).to.include.members([
      '/health',
      '/auth/login',
      '/items',
      '/items/{code}',
      '/bundles',
      '/bundles/{code}',
      '/bundles/{code}/plan',
      '/attachments',
      '/cases',
      '/prefill',
      '/cases/{caseNo}',
      '/cases/{caseNo}/resubmission',
      '/cases/{caseNo}/materials',
      '/tasks',
      '/tasks/{id}/claim',
      '/tasks/{id}/complete',
      '/tasks/{id}/unclaim',
      '/tasks/{id}/transfer',
      '/tasks/{id}/delegate',
      '/tasks/{id}/resolve',
      '/tasks/{id}/copy',
      '/tasks/{id}/send-back',
      '/copies',
      '/cases/{caseNo}/withdraw',
      '/cases/{caseNo}/take-back',
      '/cases/{caseNo}/urge',
      '/cases/{caseNo}/tracking',
      '/tasks/{id}/suspend',
      '/cases/{caseNo}/resume',
      '/tasks/{id}/add-signer',
      '/tasks/{id}/remove-signer',
      '/me/deputy',
      '/tasks/{id}/attachments',
      '/notifications',
      '/notifications/read',
      '/calendar/due',
      '/calendar/{year}',
      '/calendar/overrides/{day}',
      '/catalog/materials',
      '/items/{code}/form',
      '/tasks/{id}/form',
      '/public/case-status',
    ]);
  });

  it('lists the catalog and shows an item with its form schema and materials', async () => {
    const list = await api().get('/api/v1/items');
    expect(list.status).to.equal(200);
    expect(list.body.items.map((i: { code: string }) => i.code)).to.include(ITEM);
    const item = await api().get(`/api/v1/items/${ITEM}`);
    expect(item.status).to.equal(200);
    expect(item.body.name).to.equal('个体工商户设立登记');
    expect(item.body.formSchema.required).to.include('operatorIdNo');
    expect(item.body.materials.filter((m: { required: boolean }) => m.required)).to.have.length(3);
    const en = await api().get(`/api/v1/items/${ITEM}`).set('Accept-Language', 'en');
    expect(en.body.name).to.equal('Registration of an individual business');
    const missing = await api().get('/api/v1/items/NOPE-404');
    expect(missing.status).to.equal(404);
    expect(missing.body.error.message).to.equal('事项不存在');
  });

  it('answers unknown routes with a JSON 404, signed in or not', async () => {
    for (const path of ['/api/v1/nothing-here', '/api/v1/cases/x/nothing-here', '/api/v1/seals/1/nothing']) {
      const anonymous = await api().get(path);
      expect(anonymous.status, path).to.equal(404);
      expect(anonymous.body.error.code).to.equal('route_not_found');
      const signedIn = await api()
        .get(path)
        .set(await auth('clerk'));
      expect(signedIn.status, path).to.equal(404);
    }
    // a route that exists still wants its sign-in
    expect((await api().get('/api/v1/seals')).status).to.equal(401);
    expect(
      (
        await api()
          .get('/api/v1/seals')
          .set(await auth('clerk'))
      ).status,
    ).to.equal(403);
  });

  it("keeps the query's values out of the access log (an ID number asked for stays out of it)", async () => {
    const idNo = '11010119900307001X';
    const res = await api()
      .get('/api/v1/e-licenses')
      .query({ holderIdNo: idNo, type: 'resident-id' })
      .set(await auth('analyst'));
    expect(res.status).to.equal(403);
    const log = readFileSync(testEnv().platformLog, 'utf8');
    expect(log).to.contain('/api/v1/e-licenses?holderIdNo=…&type=…');
    expect(log).not.to.contain(idNo);
  });

  it('names the request on every line logged while serving it, whichever logger writes it', async () => {
    const requestId = `req-${randomUUID()}`;
    const materials = await completeMaterials('clerk');
    const res = await submit('clerk', { itemCode: ITEM, applicant: applicant(), form: validForm(), materials }, { 'X-Request-Id': requestId });
    expect(res.status).to.equal(201);
    expect(res.headers['x-request-id']).to.equal(requestId);
    const lines = readFileSync(testEnv().platformLog, 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as { reqId?: string; msg?: string; caseNo?: string });
    // the domain's own line (cases.service.ts, through the server's logger, not the request's)
    expect(lines.find((l) => l.msg === 'case submitted' && l.caseNo === res.body.caseNo)?.reqId).to.equal(requestId);
    expect(lines.filter((l) => l.reqId === requestId).length).to.be.greaterThan(0);
  });

  it('does not create new process versions when unchanged processes are deployed again', async () => {
    const { engine, config, logger } = testEnv();
    const before = await engine.latestProcessDefinition('item_standard');
    await deployProcessFolders(engine, readProcessFolders(config.processesDir), logger);
    const after = await engine.latestProcessDefinition('item_standard');
    expect(after.version).to.equal(before.version);
    expect(after.id).to.equal(before.id);
  });

  it('has an engine REST API that refuses requests without credentials', async () => {
    const { url } = testEnv().engine;
    const anonymous = await fetch(`${url}/process-definition`);
    expect(anonymous.status).to.equal(401);
    const wrong = await fetch(`${url}/process-definition`, { headers: { Authorization: `Basic ${Buffer.from('approvaltest:wrong').toString('base64')}` } });
    expect(wrong.status).to.equal(401);
    expect((await testEnv().engine.version()).version).to.be.a('string');
  });
});
