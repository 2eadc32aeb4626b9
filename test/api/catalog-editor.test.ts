import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { api, auth, applicant, submit } from '../support/api.ts';
import { testEnv } from '../support/environment.ts';
import { Case } from '../../server/cases/case.model.ts';
import { REPO_ROOT } from '../../scripts/lib/engine.ts';
import { cleanProcess, createDraftOk, deploy, uniqueKey } from '../modeler/support/modeler-api.ts';

const file = (path: string) => JSON.parse(readFileSync(join(REPO_ROOT, 'processes', path), 'utf8'));
const get = async (path: string, user = 'analyst') =>
  api()
    .get(`/api/v1${path}`)
    .set(await auth(user));
const putItem = async (code: string, body: object) =>
  api()
    .put(`/api/v1/items/${code}`)
    .set(await auth('analyst'))
    .send(body);

/** A new item of the 12 elements, bound to a process deployed from the modeler. */
const newItem = (code: string, processKey: string) => ({
  definition: {
    code,
    name: '建模器新增测试事项',
    nameEn: 'An item made in the editor',
    type: 'public_service',
    departmentCode: 'samr',
    processKey,
    legalBasis: [
      {
        title: '《测试条例》',
        titleEn: 'Test Regulations',
        article: '第一条（示例）',
        articleEn: 'Article 1 (sample)',
        text: '示例文本，非官方原文',
        textEn: 'Sample text, not the official wording',
        sample: true,
      },
    ],
    promisedDays: 2,
    statutoryDays: 5,
    conditions: ['申请人为本市居民'],
    conditionsEn: ['The applicant lives in the city'],
    materials: [
      { code: 'id-card', required: false, note: '可用电子证照' },
      { code: 'agent-authorization', required: false },
    ],
    fees: [],
    results: [{ name: '办理结果告知书', kind: 'notice' }],
    place: '政务服务中心 1 号窗口',
    placeEn: 'Window 1, Government Service Centre',
    phone: '0731-12345',
    channels: ['window', 'web'],
    onlineDepth: 4,
  },
  formSchema: {
    type: 'object',
    additionalProperties: false,
    required: ['subject'],
    properties: { subject: { type: 'string', title: '申请事项说明', 'x-title-en': 'What is applied for', minLength: 1, maxLength: 200 } },
  },
});

describe("catalog editor: what the analysts' editor reads, and new items on modeler processes", () => {
  it('refuses 秒批 settings a case could not run: a decision not deployed, a field the form lacks, a process without the step; nothing saved', async () => {
    const read = (await get('/catalog/items/SCJG-GT-001')).body;
    const instant = read.definition.instantApproval;
    const refused = async (code: string, base: { definition: object; formSchema: object; version: number }, instantApproval: object) => {
      const res = await putItem(code, { definition: { ...base.definition, instantApproval }, formSchema: base.formSchema });
      expect(res.status, JSON.stringify(res.body)).to.equal(422);
      expect((await get(`/catalog/items/${code}`)).body.version, 'nothing saved').to.equal(base.version);
      return (res.body.error.details as { field: string }[]).map((d) => d.field);
    };
    expect(await refused('SCJG-GT-001', read, { ...instant, decision: 'no_such_decision' })).to.deep.equal(['definition.instantApproval.decision']);
    expect(await refused('SCJG-GT-001', read, { ...instant, checks: [{ ...instant.checks[0], numberField: 'noSuchField' }] })).to.deep.equal([
      'definition.instantApproval.checks.0.numberField',
    ]);
    // 食品经营许可 runs on its own process, which has no 秒批 step (and, with no checks, the table reads facts its cases lack): both said at once
    const food = (await get('/catalog/items/SCJG-SP-002')).body;
    expect(await refused('SCJG-SP-002', food, { decision: instant.decision, checks: [] })).to.deep.equal([
      'definition.instantApproval.decision',
      'definition.instantApproval',
    ]);
  });

  it('gives an item in the shape PUT takes back (material references, not the catalog entries), to editors only', async () => {
    const res = await get('/catalog/items/SCJG-SP-002');
    expect(res.status, JSON.stringify(res.body)).to.equal(200);
    expect(res.body).to.include({ code: 'SCJG-SP-002' });
    expect(res.body.version).to.be.a('number');
    expect(res.body.definition.materials).to.deep.equal(file('food-business-licence/item.json').materials);
    expect(res.body.formSchema.properties).to.be.an('object');
    // saved back as read: the same content, no new version
    const again = await putItem('SCJG-SP-002', { definition: res.body.definition, formSchema: res.body.formSchema });
    expect(again.status, JSON.stringify(again.body)).to.equal(200);
    expect(again.body).to.deep.equal({ code: 'SCJG-SP-002', version: res.body.version, isNew: false });

    expect((await get('/catalog/items/SCJG-SP-002', 'reviewer')).status).to.equal(403);
    expect((await api().get('/api/v1/catalog/items/SCJG-SP-002')).status).to.equal(401);
    expect((await get('/catalog/items/NO-SUCH-ITEM')).status).to.equal(404);

    const bundle = await get('/catalog/bundles/XSECS');
    expect(bundle.status).to.equal(200);
    expect(bundle.body.definition.questionnaire.map((q: { code: string }) => q.code)).to.deep.equal(
      file('bundle-newborn/bundle.json').questionnaire.map((q: { code: string }) => q.code),
    );
    expect(bundle.body.definition.questionnaire[0]).to.have.property('textEn');
    expect((await get('/catalog/bundles/NOPE')).status).to.equal(404);

    const options = await get('/catalog/editor-options');
    expect(options.body.departments.find((d: { code: string }) => d.code === 'samr')).to.deep.equal({ code: 'samr', name: '市场监督管理局' });
    expect(options.body.channels).to.include('window');
    expect(options.body.itemTypes).to.include('administrative_license');
  });

  it('refuses a save on top of a version someone replaced meanwhile, and a new item under a code taken', async () => {
    const read = (await get('/catalog/items/SCJG-SP-002')).body;
    const body = (promisedDays: number) => ({ definition: { ...read.definition, promisedDays }, formSchema: read.formSchema });
    const put = async (query: string, promisedDays: number, code = 'SCJG-SP-002') =>
      api()
        .put(`/api/v1/items/${code}${query}`)
        .set(await auth('analyst'))
        .send(body(promisedDays));
    try {
      const first = await put(`?baseVersion=${read.version}`, 4);
      expect(first.status, JSON.stringify(first.body)).to.equal(201);
      expect(first.body.version).to.equal(read.version + 1);
      // a second editor still on the version read
      const second = await put(`?baseVersion=${read.version}`, 2);
      expect(second.status).to.equal(409);
      expect(second.body.error).to.include({ code: 'catalog_version_stale', message: '在您编辑期间已有人保存了新的版本，请重新载入后再修改' });
      expect((await get('/catalog/items/SCJG-SP-002')).body).to.deep.include({ version: read.version + 1 });
      const taken = await put('?baseVersion=0', 2);
      expect(taken.status).to.equal(422);
      expect(taken.body.error.details).to.deep.equal([{ field: 'definition.code', message: '事项编码“SCJG-SP-002”已被使用' }]);
      expect((await put('?baseVersion=-1', 2)).status).to.equal(422);
      expect((await put('?baseVersion=x', 2)).status).to.equal(422);

      const bundle = (await get('/catalog/bundles/KBCYD')).body;
      const putBundle = async (baseVersion: number, definition: object) =>
        api()
          .put(`/api/v1/bundles/KBCYD?baseVersion=${baseVersion}`)
          .set(await auth('analyst'))
          .send(definition);
      // 牵头部门: one of its items' departments (the tax bureau handles none of 开办餐饮店's items)
      expect(bundle.definition.leadDepartmentCode).to.equal('samr');
      const badLead = await putBundle(bundle.version, { ...bundle.definition, leadDepartmentCode: 'tax' });
      expect(badLead.status).to.equal(422);
      expect(badLead.body.error.details).to.deep.equal([{ field: 'leadDepartmentCode', message: '牵头部门：应为本一件事所含事项的承办部门之一' }]);
      const sameBundle = await putBundle(bundle.version, bundle.definition);
      expect(sameBundle.body).to.deep.equal({ code: 'KBCYD', version: bundle.version, isNew: false });
      const changed = await putBundle(bundle.version, { ...bundle.definition, promisedDays: 6 });
      expect(changed.status).to.equal(201);
      const staleBundle = await putBundle(bundle.version, { ...bundle.definition, promisedDays: 5 });
      expect(staleBundle.status).to.equal(409);
      expect((await putBundle(bundle.version + 1, bundle.definition)).status, 'restored').to.equal(201);
    } finally {
      const restored = await putItem('SCJG-SP-002', { definition: read.definition, formSchema: read.formSchema });
      expect(restored.status).to.be.oneOf([200, 201]);
    }
  });

  it('creates a new item bound to a process deployed from the modeler; a case on it starts that process', async () => {
    const { engine } = testEnv();
    const key = uniqueKey('catalog');
    const draft = await createDraftOk(key, await cleanProcess(key));
    expect((await deploy(draft.id)).status).to.equal(201);

    const processes = await get('/modeler/processes?prefix=item_');
    expect(processes.status).to.equal(200);
    expect(processes.body.processes.find((p: { key: string }) => p.key === key)).to.include({ version: 1, platform: false, draftId: draft.id });
    expect(processes.body.processes.find((p: { key: string }) => p.key === 'item_standard')).to.include({ platform: true, draftId: null });
    expect(processes.body.processes.every((p: { key: string }) => p.key.startsWith('item_'))).to.equal(true);
    expect((await get('/modeler/processes?prefix=%25')).status).to.equal(422);

    const code = `TEST-${key.slice(-6).toUpperCase()}`;
    const body = newItem(code, key);
    // the checks a new item gets too: promised within statutory, steps of its process
    const late = await putItem(code, { ...body, definition: { ...body.definition, promisedDays: 9 } });
    expect(late.status).to.equal(422);
    expect(late.body.error.details).to.deep.equal([
      { field: 'definition.promisedDays', message: '承诺办结时限（9 个工作日）不能长于法定办结时限（5 个工作日）' },
    ]);
    const step = await putItem(code, { ...body, definition: { ...body.definition, stepDays: { review: 2, nowhere: 1 } } });
    expect(step.status).to.equal(422);
    expect(step.body.error.details).to.deep.equal([{ field: 'definition.stepDays.nowhere', message: `环节“nowhere”不是流程“${key}”中的人工任务` }]);
    const fields = await putItem(code, { ...body, definition: { ...body.definition, stepFields: { review: ['subject', 'missing'] } } });
    expect(fields.body.error.details[0]).to.include({ field: 'definition.stepFields.review' });
    expect((await get(`/catalog/items/${code}`)).status).to.equal(404);

    const created = await api()
      .put(`/api/v1/items/${code}?baseVersion=0`)
      .set(await auth('analyst'))
      .send({ ...body, definition: { ...body.definition, stepDays: { review: 2 } } });
    expect(created.status, JSON.stringify(created.body)).to.equal(201);
    expect(created.body).to.deep.equal({ code, version: 1, isNew: true });
    const bound = await get(`/catalog/items?processKey=${key}`);
    expect(bound.body.items).to.deep.equal([
      {
        code,
        version: 1,
        name: '建模器新增测试事项',
        nameEn: 'An item made in the editor',
        departmentCode: 'samr',
        processKey: key,
        promisedDays: 2,
        statutoryDays: 5,
      },
    ]);
    const edited = await get(`/catalog/items/${code}`);
    expect(edited.body).to.include({ version: 1, source: 'editor' });
    expect(edited.body.definition).to.deep.equal({ ...body.definition, stepDays: { review: 2 } });
    expect((await api().get(`/api/v1/items/${code}`)).body).to.include({ name: '建模器新增测试事项', processKey: key });

    const submitted = await submit('clerk', { itemCode: code, applicant: applicant(), form: { subject: '测试申请' }, materials: [] });
    expect(submitted.status, JSON.stringify(submitted.body)).to.equal(201);
    const row = await Case.findOne({ where: { caseNo: submitted.body.caseNo } });
    expect(row!.processInstanceId).to.be.a('string');
    const [instance] = await engine.processInstances([row!.processInstanceId!]);
    expect(instance!.definitionId).to.match(new RegExp(`^${key}:1:`));
    const tasks = await engine.tasks({ processInstanceId: row!.processInstanceId! });
    expect(tasks.map((t) => t.taskDefinitionKey)).to.deep.equal(['review']);
    await engine.deleteProcessInstance(row!.processInstanceId!, 'catalog editor test done');
  });
});
