import { expect } from 'chai';
import { testEnv } from '../support/environment.ts';
import { api, auth } from '../support/api.ts';
import { ALL_TOPICS } from '../../contract/topics.ts';
import { MODELER, serverTemplates } from './support/modeler-api.ts';

describe('modeler templates and live lint', () => {
  it('hands out a template per topic, with Chinese names, and user tasks per department role', async () => {
    const templates = await serverTemplates();
    const topics = templates.map((t) => t.properties.find((p) => p.binding.name === 'camunda:topic')?.value).filter(Boolean);
    expect(topics.sort()).to.deep.equal([...ALL_TOPICS].sort());
    const names = (templates as unknown as { name: string }[]).map((t) => t.name);
    expect(names).to.include.members([
      '电子印章',
      '统一支付',
      '送达',
      '受理',
      '窗口人工受理',
      '市场监督管理局审核',
      '市场监督管理局签发',
      '多人审批（会签/或签/依次）',
    ]);
  });

  it('hands the templates out in English to an analyst working in English, writing the same values', async () => {
    const res = await api()
      .get(`${MODELER}/templates`)
      .set(await auth('analyst'))
      .set('Accept-Language', 'en');
    expect(res.status).to.equal(200);
    const english = res.body as { id: string; name: string; properties: { label?: string; value?: unknown }[] }[];
    const byId = (id: string) => english.find((t) => t.id === id)!;
    expect(byId('gov.approval.topic.seal').name).to.equal('E-seal');
    expect(byId('gov.approval.user-task.samr.reviewer').name).to.equal('Administration for Market Regulation review');
    const review = byId('gov.approval.user-task.review-rule');
    expect(review.name).to.equal('Review by several people (countersign / any one / sequential)');
    expect(review.properties.map((p) => p.label).filter(Boolean)).to.include.members(['Name', 'Review rule', 'Reviewers']);
    const chinese = await serverTemplates();
    expect(english.map((t) => t.properties.map((p) => p.value))).to.deep.equal(chinese.map((t) => t.properties.map((p) => p.value)));
  });

  it('hands out the lint configuration the server uses, for the browser', async () => {
    const res = await api()
      .get(`${MODELER}/lint/config`)
      .set(await auth('analyst'));
    expect(res.status).to.equal(200);
    expect(res.body.config.extends).to.include('plugin:camunda-compat/camunda-platform-7-24');
    expect(res.body.config.rules['approval/known-topic'][1].topics).to.deep.equal([...ALL_TOPICS]);
    expect(res.body.settings.groups).to.include('center:clerk');
    // what the new rules check against: the notices the worker sends, the decisions the engine has (the platform's, without a tenant)
    expect(res.body.config.rules['approval/known-notice'][1].notices).to.include.members(['approved', 'refused', 'delivered']);
    expect(res.body.settings.decisions.map((d: { key: string }) => d.key).sort()).to.deep.equal([...(await testEnv().engine.decisionDefinitionKeys())].sort());
    // each with what it reads that a process must give it (秒批's table reads the operator's facts and the form's scope)
    expect(res.body.settings.decisions.find((d: { key: string }) => d.key === 'individual_business_instant').reads).to.include.members([
      'operatorFound',
      'businessScope',
    ]);
    expect(res.body.settings.variables).to.include.members(['caseNo', 'departmentCode']);
    expect(res.body.config.rules['approval/review-step']).to.equal('error');
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
