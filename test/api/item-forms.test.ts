import { expect } from 'chai';
import { api, applicant, auth, completeMaterials, decide, ITEM, submit, uploadRequired, validForm, waitForTask } from '../support/api.ts';
import { restaurantForm } from '../../processes/bundle-open-restaurant/restaurant-form.ts';
import { engineCall } from '../support/engine.ts';
import { testEnv } from '../support/environment.ts';

/** The demo form as a step that does not name its personal fields sees it. */
const maskedForm = () => ({ ...validForm(), operatorIdNo: '4301**********1234', operatorPhone: '138****8000' });

/** 新生儿社会保障卡申领 (newborn social security card): an item no other test edits */
const EDITED = 'RS-SBK-001';
type Component = {
  type: string;
  key?: string;
  label?: string;
  readonly?: boolean;
  text?: string;
  properties?: Record<string, string>;
  values?: { value: string; label: string }[];
};
type Form = { type: string; id?: string; components: Component[] };
const keys = (form: Form) => form.components.filter((c) => c.key).map((c) => c.key);
const messages = (res: { body: { error: { details: { field: string; message: string }[] } } }) => res.body.error.details;

const linkedProcess = (formId: string, key = 'forms_linked_test') => `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="forms-test" targetNamespace="http://approval.gov.cn/test">
  <bpmn:process id="${key}" isExecutable="true" camunda:historyTimeToLive="P1D">
    <bpmn:startEvent id="start" />
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="check" />
    <bpmn:userTask id="check" name="表单核对" camunda:candidateGroups="samr:reviewer" camunda:formRef="${formId}" camunda:formRefBinding="latest" />
    <bpmn:sequenceFlow id="f2" sourceRef="check" targetRef="end" />
    <bpmn:endEvent id="end" />
  </bpmn:process>
</bpmn:definitions>`;

async function newCase(): Promise<string> {
  const res = await submit('applicant', { itemCode: ITEM, applicant: applicant(), form: validForm(), materials: await completeMaterials('applicant') });
  expect(res.status, JSON.stringify(res.body)).to.equal(201);
  return res.body.caseNo as string;
}

const taskForm = async (user: string, taskId: string, language = 'zh-CN') =>
  api()
    .get(`/api/v1/tasks/${taskId}/form`)
    .set(await auth(user))
    .set('Accept-Language', language);

describe('item forms as Camunda Forms (form-js)', () => {
  it("serves an item's form generated from its JSON schema, in the caller's language", async () => {
    const zh = await api().get(`/api/v1/items/${ITEM}/form`);
    expect(zh.status).to.equal(200);
    expect(zh.body).to.include({ code: ITEM, formId: `form_${ITEM}`, source: 'generated' });
    expect(zh.body.schema).to.include({ type: 'default', id: `form_${ITEM}` });
    expect(keys(zh.body.schema)).to.include.members(['businessName', 'operatorIdNo', 'organizationForm', 'openingDate']);
    expect(zh.body.schema.components.find((c: Component) => c.key === 'operatorName')).to.deep.include({
      type: 'textfield',
      label: '经营者姓名',
      validate: { required: true, minLength: 1, maxLength: 50 },
    });
    const en = await api().get(`/api/v1/items/${ITEM}/form`).set('Accept-Language', 'en');
    expect(en.body.schema.components.find((c: Component) => c.key === 'operatorName').label).to.equal("Operator's name");
    expect((await api().get('/api/v1/items/NO-SUCH-ITEM/form')).status).to.equal(404);
  });

  it('lets only analysts and administrators save a form, and refuses components the JSON schema cannot hold, naming them', async () => {
    const { schema } = (await api().get(`/api/v1/items/${EDITED}/form`)).body as { schema: Form };
    const put = async (user: string | null, body: object, language = 'zh-CN') => {
      const req = api().put(`/api/v1/items/${EDITED}/form`).set('Accept-Language', language);
      return user ? req.set(await auth(user)).send(body) : req.send(body);
    };
    expect((await put(null, { schema })).status).to.equal(401);
    expect((await put('reviewer', { schema })).status).to.equal(403);
    const version = (await api().get(`/api/v1/items/${EDITED}`)).body.version;

    const refused = await put('analyst', {
      schema: {
        ...schema,
        components: [...schema.components, { type: 'group', label: '附加信息', components: [] }, { type: 'textfield', key: 'remark', label: '备注' }],
      },
    });
    expect(refused.status).to.equal(422);
    const n = schema.components.length;
    expect(messages(refused)).to.deep.equal([
      {
        field: `schema.components[${n}]`,
        message: '表单组件“附加信息”（类型：group）无法对应申请表字段（支持：文本框、多行文本、数字、下拉、单选、勾选、日期及说明文字、间隔、分隔线）',
      },
      { field: `schema.components[${n + 1}]`, message: '表单组件“备注”（类型：textfield，key：remark）缺少英文标题（自定义属性 x-title-en）' },
    ]);
    const english = await put('analyst', { schema: { ...schema, components: [...schema.components, { type: 'iframe', key: 'x', label: 'Frame' }] } }, 'en');
    expect(messages(english)[0]!.message).to.match(/^form component "Frame" \(type iframe, key x\) has no counterpart/);
    expect((await api().get(`/api/v1/items/${EDITED}`)).body.version, 'nothing stored').to.equal(version);

    // the checks of every catalog save: 签发 of the registration is shown businessScope (stepFields)
    const registration = (await api().get(`/api/v1/items/${ITEM}/form`)).body.schema as Form;
    const withoutScope = await api()
      .put(`/api/v1/items/${ITEM}/form`)
      .set(await auth('analyst'))
      .send({ schema: { ...registration, components: registration.components.filter((c) => c.key !== 'businessScope') } });
    expect(withoutScope.status).to.equal(422);
    expect(messages(withoutScope)).to.deep.equal([{ field: 'definition.stepFields.decision', message: '环节“decision”可见的字段不在申请表中：businessScope' }]);
  });

  it('saves an edited form as a new item version with the JSON schema derived from it, keeps its layout and deploys it as a Camunda Form', async () => {
    const before = (await api().get(`/api/v1/items/${EDITED}`)).body;
    const { schema } = (await api().get(`/api/v1/items/${EDITED}/form`)).body as { schema: Form };
    const edited: Form = {
      ...schema,
      components: [
        { type: 'text', text: '## 领卡信息' },
        ...schema.components,
        {
          type: 'textfield',
          key: 'cardPickupNote',
          label: '领卡备注',
          properties: { 'x-title-en': 'Note on collecting the card' },
          validate: { maxLength: 100 },
        } as Component,
      ],
    };
    const saved = await api()
      .put(`/api/v1/items/${EDITED}/form`)
      .set(await auth('analyst'))
      .send({ schema: edited });
    expect(saved.status, JSON.stringify(saved.body)).to.equal(201);
    expect(saved.body).to.include({ code: EDITED, version: before.version + 1, isNew: true, formId: `form_${EDITED}` });

    const item = (await api().get(`/api/v1/items/${EDITED}`)).body;
    expect(item.version).to.equal(before.version + 1);
    expect(item.formSchema.properties.cardPickupNote).to.deep.equal({
      type: 'string',
      maxLength: 100,
      title: '领卡备注',
      'x-title-en': 'Note on collecting the card',
    });
    expect(item.formSchema.required).to.have.members(before.formSchema.required);
    expect(Object.keys(item.formSchema.properties)).to.deep.equal([...Object.keys(before.formSchema.properties), 'cardPickupNote']);

    const served = (await api().get(`/api/v1/items/${EDITED}/form`)).body;
    expect(served).to.include({ version: before.version + 1, source: 'editor' });
    expect(served.schema.components[0]).to.deep.include({ type: 'text', text: '## 领卡信息' });
    expect(served.schema.components.at(-1)).to.deep.include({ key: 'cardPickupNote', label: '领卡备注' });
    const en = (await api().get(`/api/v1/items/${EDITED}/form`).set('Accept-Language', 'en')).body;
    expect(en.schema.components.at(-1).label).to.equal('Note on collecting the card');

    // the same form again is no new version
    const again = await api()
      .put(`/api/v1/items/${EDITED}/form`)
      .set(await auth('admin'))
      .send({ schema: served.schema });
    expect(again.status, JSON.stringify(again.body)).to.equal(200);
    expect(again.body).to.include({ version: before.version + 1, isNew: false });

    // the engine has it as a Camunda Form under its id
    const deployment = await engineCall<{ id: string }>('GET', `/deployment/${saved.body.deploymentId}`);
    const resources = await engineCall<{ id: string; name: string }[]>('GET', `/deployment/${deployment.id}/resources`);
    expect(resources.map((r) => r.name)).to.deep.equal([`form_${EDITED}.form`]);
  });

  it("shows a task linked with camunda:formRef that form, read-only, with the case's data", async () => {
    await testEnv().engine.deploy('forms linked test', [{ name: 'forms-linked-test.bpmn', content: linkedProcess(`form_${EDITED}`) }]);
    const caseNo = await newCase();
    await engineCall('POST', '/process-definition/key/forms_linked_test/start', { businessKey: caseNo });
    const [task] = await engineCall<{ id: string }[]>('GET', `/task?processDefinitionKey=forms_linked_test&processInstanceBusinessKey=${caseNo}`);
    const res = await taskForm('reviewer', task!.id);
    expect(res.status, JSON.stringify(res.body)).to.equal(200);
    expect(res.body).to.include({ caseNo, step: 'check', source: 'linked', formId: `form_${EDITED}` });
    // the linked form (the social security card form as edited above), not the case's item form
    expect(keys(res.body.schema)).to.include('cardPickupNote').and.not.include('businessName');
    expect(res.body.schema.components[0]).to.deep.include({ type: 'text' });
    expect(res.body.schema.components.filter((c: Component) => c.key).every((c: Component) => c.readonly === true)).to.equal(true);
    expect(res.body.data).to.deep.equal(maskedForm());
    await engineCall(
      'DELETE',
      `/process-instance/${(await engineCall<{ id: string }[]>('GET', `/process-instance?businessKey=${caseNo}&processDefinitionKey=forms_linked_test`))[0]!.id}`,
    );
  });

  it("shows a task whose template says 不关联 (an empty camunda:formRef) the form of the case's item", async () => {
    await testEnv().engine.deploy('forms unlinked test', [{ name: 'forms-unlinked-test.bpmn', content: linkedProcess('', 'forms_unlinked_test') }]);
    const caseNo = await newCase();
    const instance = await engineCall<{ id: string }>('POST', '/process-definition/key/forms_unlinked_test/start', { businessKey: caseNo });
    const [task] = await engineCall<{ id: string }[]>('GET', `/task?processInstanceId=${instance.id}`);
    const res = await taskForm('reviewer', task!.id);
    expect(res.status, JSON.stringify(res.body)).to.equal(200);
    expect(res.body).to.include({ source: 'generated', formId: `form_${ITEM}` });
    expect(res.body.data).to.deep.equal(maskedForm());
    await engineCall('DELETE', `/process-instance/${instance.id}`);
  });

  it('shows a step the item restricts only its fields, in form and data; the review step everything; others nothing', async () => {
    const caseNo = await newCase();
    const review = await waitForTask('reviewer', caseNo, 'review');
    const reviewed = await taskForm('reviewer', review.id);
    expect(reviewed.status, JSON.stringify(reviewed.body)).to.equal(200);
    expect(reviewed.body).to.include({ source: 'generated', formId: `form_${ITEM}` });
    expect(keys(reviewed.body.schema)).to.include.members(['operatorIdNo', 'operatorPhone', 'businessName']);
    // 个人信息 masked: the review step's field list does not name them (it has none)
    expect(reviewed.body.data).to.deep.equal(maskedForm());
    expect(reviewed.body.schema.components.find((c: Component) => c.key === 'operatorIdNo')).to.include({ readonly: true, label: '经营者身份证号码' });

    // another department's reviewer, the applicant, no one signed in
    expect((await taskForm('reviewer2', review.id)).status).to.equal(404);
    expect((await taskForm('applicant', review.id)).status).to.equal(403);
    expect((await api().get(`/api/v1/tasks/${review.id}/form`)).status).to.equal(401);
    expect((await taskForm('reviewer', 'no-such-task')).status).to.equal(404);

    await decide('reviewer', caseNo, 'review', 'approve');
    const decision = await waitForTask('leader', caseNo, 'decision');
    const signed = await taskForm('leader', decision.id, 'en');
    expect(signed.status, JSON.stringify(signed.body)).to.equal(200);
    const shown = keys(signed.body.schema);
    expect(shown).to.include.members(['businessName', 'businessScope', 'premisesAddress']);
    expect(shown).not.to.include('operatorIdNo');
    expect(shown).not.to.include('operatorPhone');
    expect(Object.keys(signed.body.data)).to.have.members(shown as string[]);
    expect(signed.body.data).not.to.have.property('operatorIdNo');
    expect(signed.body.schema.components.find((c: Component) => c.key === 'businessName').label).to.equal('Business name');
  });

  it("shows an item case of a bundle (一件事) its item's form and its part of the one form", async () => {
    const answers = { needsBusinessRegistration: true, premisesScale: 'large', needsSignboard: false, entrusted: false };
    const plan = await api().post('/api/v1/bundles/KBCYD/plan').send({ answers });
    const materials = await uploadRequired('applicant', plan.body.materials);
    const res = await submit('applicant', { bundleCode: 'KBCYD', answers, applicant: applicant(), form: restaurantForm(), materials });
    expect(res.status, JSON.stringify(res.body)).to.equal(201);
    // 消防安全检查 (XF-JC-001), the bundle's third item, reviewed by the fire department
    const fire = await waitForTask('reviewer2', `${res.body.caseNo}-03`, 'review');
    const shown = await taskForm('reviewer2', fire.id);
    expect(shown.status, JSON.stringify(shown.body)).to.equal(200);
    expect(shown.body).to.include({ caseNo: `${res.body.caseNo}-03`, formId: 'form_XF-JC-001' });
    const fields = Object.keys((await api().get('/api/v1/items/XF-JC-001')).body.formSchema.properties);
    expect(keys(shown.body.schema)).to.deep.equal(fields);
    const form = { ...restaurantForm(), operatorPhone: '138****8000' } as Record<string, unknown>;
    expect(shown.body.data).to.deep.equal(Object.fromEntries(Object.entries(form).filter(([k]) => fields.includes(k))));
    expect(shown.body.data).not.to.have.property('foodCategories');
    expect((await taskForm('reviewer', fire.id)).status, 'samr sees no fire task').to.equal(404);
  });
});
