import { expect } from 'chai';
import { api, auth } from '../support/api.ts';
import { ALL_TOPICS } from '../../contract/topics.ts';
import { MODELER, serverTemplates } from './support/modeler-api.ts';

describe('modeler templates and live lint', () => {
  it('hands out a template per topic, with Chinese names, and user tasks per department role', async () => {
    const templates = await serverTemplates();
    const topics = templates.map((t) => t.properties.find((p) => p.binding.name === 'camunda:topic')?.value).filter(Boolean);
    expect(topics.sort()).to.deep.equal([...ALL_TOPICS].sort());
    const names = (templates as unknown as { name: string }[]).map((t) => t.name);
    expect(names).to.include.members(['电子印章', '统一支付', '送达', '受理', '窗口人工受理', '市场监督管理局审核', '市场监督管理局签发']);
  });

  it('hands out the lint configuration the server uses, for the browser', async () => {
    const res = await api()
      .get(`${MODELER}/lint/config`)
      .set(await auth('analyst'));
    expect(res.status).to.equal(200);
    expect(res.body.config.extends).to.include('plugin:camunda-compat/camunda-platform-7-24');
    expect(res.body.config.rules['approval/known-topic'][1].topics).to.deep.equal([...ALL_TOPICS]);
    expect(res.body.settings.groups).to.include('center:clerk');
    expect(res.body.maxBytes).to.equal(2 * 1024 * 1024);
  });

  it('lints third-party BPMN into findings, never a failure', async () => {
    const res = await api()
      .post(`${MODELER}/lint`)
      .set(await auth('analyst'))
      .send({ xml: '<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d"><process id="p"><scriptTask id="s" /></process></definitions>' });
    expect(res.status).to.equal(200);
    expect(res.body.valid).to.equal(false);
    expect(res.body.problems.map((p: { rule: string; elementId: string }) => [p.rule, p.elementId])).to.deep.include(['approval/no-script-task', 's']);
  });

  it('documents every modeler path in the OpenAPI document', async () => {
    const res = await api().get('/api/v1/openapi.json');
    expect(Object.keys(res.body.paths)).to.include.members([
      '/modeler/templates',
      '/modeler/lint/config',
      '/modeler/lint',
      '/modeler/drafts',
      '/modeler/drafts/{id}',
      '/modeler/drafts/{id}/revisions/{revision}',
      '/modeler/drafts/{id}/deploy',
      '/modeler/drafts/{id}/compare',
      '/modeler/processes/{key}/versions',
      '/modeler/processes/{key}/versions/{version}/xml',
    ]);
  });
});
