import { expect } from 'chai';
import { api, ITEM } from '../support/api.ts';
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
      '/health', '/auth/login', '/items', '/items/{code}', '/bundles', '/bundles/{code}', '/bundles/{code}/plan', '/attachments', '/cases', '/prefill',
      '/cases/{caseNo}', '/cases/{caseNo}/resubmission', '/cases/{caseNo}/materials', '/tasks', '/tasks/{id}/claim', '/tasks/{id}/complete',
      '/tasks/{id}/unclaim', '/tasks/{id}/transfer', '/tasks/{id}/delegate', '/tasks/{id}/resolve', '/tasks/{id}/copy', '/tasks/{id}/send-back', '/copies',
      '/cases/{caseNo}/withdraw', '/cases/{caseNo}/take-back', '/cases/{caseNo}/urge', '/cases/{caseNo}/tracking', '/tasks/{id}/suspend', '/cases/{caseNo}/resume', '/tasks/{id}/add-signer', '/tasks/{id}/remove-signer', '/me/deputy', '/tasks/{id}/attachments', '/notifications', '/notifications/read', '/calendar/due', '/calendar/{year}', '/calendar/overrides/{day}', '/catalog/materials',
      '/items/{code}/form', '/tasks/{id}/form', '/public/case-status',
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

  it('answers unknown routes with a JSON 404', async () => {
    const res = await api().get('/api/v1/nothing-here');
    expect(res.status).to.be.oneOf([401, 404]);
    expect(res.body.error.code).to.be.a('string');
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
