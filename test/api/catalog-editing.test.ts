import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { api, auth } from '../support/api.ts';
import { versionFor } from '../../server/catalog/versioning.ts';
import { REPO_ROOT } from '../../scripts/lib/engine.ts';

const CODE = 'WJ-CS-001';
const file = (path: string) => JSON.parse(readFileSync(join(REPO_ROOT, 'processes', path), 'utf8'));
const original = () => ({ definition: file('birth-medical-certificate/item.json'), formSchema: file('birth-medical-certificate/form.schema.json') });
const put = async (body: unknown, user = 'analyst', code = CODE) =>
  api()
    .put(`/api/v1/items/${code}`)
    .set(await auth(user))
    .send(body as object);
const messages = (res: { body: { error: { details: { message: string }[] } } }) => res.body.error.details.map((d) => d.message);

describe('catalog editing (analysts, administrators)', () => {
  it('saves a changed item as a new version, and the same content again as no change', async () => {
    const before = (await api().get(`/api/v1/items/${CODE}`)).body;
    const body = original();
    body.definition.promisedDays = 2;
    const saved = await put(body);
    expect(saved.status, JSON.stringify(saved.body)).to.equal(201);
    expect(saved.body).to.deep.equal({ code: CODE, version: before.version + 1, isNew: true });
    const after = (await api().get(`/api/v1/items/${CODE}`)).body;
    expect(after).to.include({ version: before.version + 1, promisedDays: 2 });
    const again = await put(body, 'admin');
    expect(again.status).to.equal(200);
    expect(again.body.isNew).to.equal(false);
  });

  it('lets no one else edit', async () => {
    expect((await put(original(), 'reviewer')).status).to.equal(403);
    expect((await api().put(`/api/v1/items/${CODE}`).send(original())).status).to.equal(401);
    expect(
      (
        await api()
          .put('/api/v1/bundles/XSECS')
          .set(await auth('clerk'))
          .send(file('bundle-newborn/bundle.json'))
      ).status,
    ).to.equal(403);
  });

  it('refuses whatever start-up would refuse, saying what is wrong, and stores nothing', async () => {
    const version = (await api().get(`/api/v1/items/${CODE}`)).body.version;
    const edit = (change: (b: ReturnType<typeof original>) => void) => {
      const body = original();
      change(body);
      return put(body);
    };
    const unknownMaterial = await edit((b) => b.definition.materials.push({ code: 'no-such-material', required: true }));
    expect(unknownMaterial.status).to.equal(422);
    expect(messages(unknownMaterial)[0]).to.contain('material "no-such-material" is not in the material catalog');
    const department = await edit((b) => {
      b.definition.departmentCode = 'nowhere';
    });
    expect(messages(department)).to.deep.equal(['实施部门“nowhere”不存在']);
    const process = await edit((b) => {
      b.definition.processKey = 'item_not-deployed';
    });
    expect(messages(process)).to.deep.equal(['流程“item_not-deployed”尚未部署']);
    const untitled = await edit((b) => {
      b.formSchema.properties.remark = { type: 'string' };
    });
    expect(messages(untitled)).to.deep.equal(['申请表字段“remark”须有中文标题 title 和英文标题 x-title-en']);
    const open = await edit((b) => {
      delete b.formSchema.additionalProperties;
    });
    expect(open.status).to.equal(422);
    const days = await edit((b) => {
      b.definition.promisedDays = -1;
    });
    expect(days.status).to.equal(422);
    expect(days.body.error.details[0].field).to.equal('definition.promisedDays');
    // pages in English show the conditions, legal basis, fees and place in English: each is required
    const untranslated = await edit((b) => {
      b.definition.legalBasis[0].textEn = ' ';
      b.definition.conditionsEn.pop();
    });
    expect(untranslated.status).to.equal(422);
    expect(untranslated.body.error.details.map((d: { field: string }) => d.field)).to.deep.equal(['definition.conditionsEn', 'definition.legalBasis.0.textEn']);
    const noPlace = await edit((b) => {
      delete b.definition.placeEn;
    });
    expect(noPlace.status).to.equal(422);
    const elsewhere = await put(original(), 'analyst', 'GA-HJ-001');
    expect(messages(elsewhere)).to.deep.equal(['事项编码应与地址中的“GA-HJ-001”一致']);
    // 新生儿出生 asks the baby's name once for all its items: a different definition would break the one form
    const conflict = await edit((b) => {
      b.formSchema.properties.babyName.maxLength = 3;
    });
    expect(conflict.status).to.equal(422);
    expect(messages(conflict)[0]).to.contain('一件事 XSECS').and.contain('babyName');
    expect((await api().get(`/api/v1/items/${CODE}`)).body.version).to.equal(version);
  });

  it('saves a bundle checked against the current items', async () => {
    const bundle = file('bundle-newborn/bundle.json');
    const put = async (body: unknown) =>
      api()
        .put('/api/v1/bundles/XSECS')
        .set(await auth('analyst'))
        .send(body as object);
    const unknownItem = await put({ ...bundle, items: [...bundle.items, { code: 'NO-SUCH-ITEM', when: null }] });
    expect(unknownItem.status).to.equal(422);
    expect(messages(unknownItem)[0]).to.contain('item "NO-SUCH-ITEM" does not exist');
    const unasked = await put({ ...bundle, questionnaire: bundle.questionnaire.slice(1) });
    expect(unasked.status).to.equal(422);
    const untranslated = await put({ ...bundle, descriptionEn: '' });
    expect(untranslated.status).to.equal(422);
    expect(untranslated.body.error.details.map((d: { field: string }) => d.field)).to.deep.equal(['descriptionEn']);
    const saved = await put({ ...bundle, promisedDays: 3 });
    expect(saved.status, JSON.stringify(saved.body)).to.equal(201);
    expect((await api().get('/api/v1/bundles/XSECS')).body).to.include({ version: saved.body.version, promisedDays: 3 });
  });

  it("keeps an editor's version over an unchanged file at the next start, and takes a changed file", () => {
    const rows = [
      { version: 1, contentHash: 'file-a', source: 'file' as const },
      { version: 2, contentHash: 'editor-b', source: 'editor' as const },
    ];
    expect(versionFor(rows, 'file-a', 'file')).to.deep.equal({ version: 2, isNew: false });
    expect(versionFor(rows, 'file-c', 'file')).to.deep.equal({ version: 3, isNew: true });
    expect(versionFor(rows, 'editor-b', 'editor')).to.deep.equal({ version: 2, isNew: false });
    expect(versionFor([], 'file-a', 'file')).to.deep.equal({ version: 1, isNew: true });
  });

  it('publishes the material catalog', async () => {
    const res = await api().get('/api/v1/catalog/materials');
    expect(res.status).to.equal(200);
    expect(res.body.materials.find((m: { code: string }) => m.code === 'premises-proof')).to.include({ name: '经营场所使用证明', tolerable: true });
  });
});
