import { expect } from 'chai';
import { api } from '../../test/support/api.ts';

const plan = (answers: Record<string, unknown>, lang = 'zh-CN') => api().post('/api/v1/bundles/KBCYD/plan').set('Accept-Language', lang).send({ answers });

describe('开办餐饮店 (bundle KBCYD): 场景式导航, 一表申请, 一套材料', () => {
  it('is listed and shows all its items with the saving of the merge', async () => {
    const list = await api().get('/api/v1/bundles');
    expect(list.status).to.equal(200);
    expect(list.body.bundles.map((b: { code: string }) => b.code)).to.include.members(['KBCYD', 'XSECS', 'QYZXDJ']);
    const res = await api().get('/api/v1/bundles/KBCYD');
    expect(res.status).to.equal(200);
    expect(res.body.name).to.equal('开办餐饮店');
    expect(res.body.questionnaire.map((q: { code: string }) => q.code)).to.deep.equal([
      'needsBusinessRegistration',
      'premisesScale',
      'needsSignboard',
      'entrusted',
    ]);
    expect(res.body.items.map((i: { code: string }) => i.code)).to.deep.equal(['SCJG-GT-001', 'SCJG-SP-002', 'XF-JC-001', 'CSGL-ZP-001']);
    expect(res.body.savings.fields).to.deep.equal({ itemByItem: 41, merged: 24, saved: 17 });
    // 营业执照 comes from the registration in the bundle, and the four items' application forms from
    // the one form (一表申请): 9 of the 14 distinct materials are handed in
    expect(res.body.savings.materials).to.deep.equal({ itemByItem: 23, merged: 9, saved: 14 });
    expect(res.body.generatedMaterials.map((m: { code: string; items: string[] }) => [m.code, m.items])).to.deep.equal([
      ['application-form', ['SCJG-GT-001']],
      ['food-licence-application', ['SCJG-SP-002']],
      ['fire-inspection-application', ['XF-JC-001']],
      ['signboard-application', ['CSGL-ZP-001']],
    ]);
  });

  it('selects the items the answers call for, and merges only those', async () => {
    const small = await plan({ needsBusinessRegistration: false, premisesScale: 'small', needsSignboard: false, entrusted: false });
    expect(small.status, JSON.stringify(small.body)).to.equal(200);
    expect(small.body.items.map((i: { code: string }) => i.code)).to.deep.equal(['SCJG-SP-002']);
    expect(small.body.savings.fields.saved).to.equal(0);

    const full = await plan({ needsBusinessRegistration: true, premisesScale: 'large', needsSignboard: true, entrusted: false });
    expect(full.body.items.map((i: { code: string; departmentCode: string }) => `${i.code}@${i.departmentCode}`)).to.deep.equal([
      'SCJG-GT-001@samr',
      'SCJG-SP-002@samr',
      'XF-JC-001@fire',
      'CSGL-ZP-001@urban',
    ]);
    // 一表申请: the operator is asked once, though every item wants them
    expect(full.body.sharedFields).to.include.members(['operatorName', 'operatorPhone', 'premisesAddress']);
    expect(Object.keys(full.body.form.properties).filter((f) => f === 'operatorName')).to.have.length(1);
    // 一套材料: the business licence the registration issues is asked of nobody …
    expect(full.body.waivedMaterials.map((m: { code: string; items: string[] }) => [m.code, m.items])).to.deep.equal([
      ['business-license', ['SCJG-SP-002', 'XF-JC-001', 'CSGL-ZP-001']],
    ]);
    // … and one licence serves the three items that ask for it when the shop has one already
    const licensed = await plan({ needsBusinessRegistration: false, premisesScale: 'large', needsSignboard: true, entrusted: false });
    const licence = licensed.body.materials.find((m: { code: string }) => m.code === 'business-license');
    expect(licence.items).to.deep.equal(['SCJG-SP-002', 'XF-JC-001', 'CSGL-ZP-001']);
    expect(licensed.body.waivedMaterials).to.deep.equal([]);
    expect(full.body.materials.map((m: { code: string }) => m.code)).to.have.length(new Set(full.body.materials.map((m: { code: string }) => m.code)).size);
    // 一次告知: every item, its department, its legal basis and time limits in one guide
    expect(full.body.guide.items.map((i: { department: string }) => i.department)).to.deep.equal([
      '市场监督管理局',
      '市场监督管理局',
      '消防救援支队',
      '城市管理局',
    ]);
    expect(full.body.guide.items.every((i: { legalBasis: { sample: boolean }[] }) => i.legalBasis.every((l) => l.sample))).to.equal(true);
    const english = await plan({ needsBusinessRegistration: true, premisesScale: 'large', needsSignboard: true, entrusted: false }, 'en');
    expect(english.body.guide.items[2].department).to.equal('Fire and Rescue Detachment');
  });

  it('refuses incomplete or impossible answers, naming each question', async () => {
    const res = await plan({ needsBusinessRegistration: 'maybe', premisesScale: 'huge' });
    expect(res.status).to.equal(422);
    const messages = res.body.error.details.map((d: { message: string }) => d.message);
    expect(messages).to.include('是否需要在建筑物外墙设置户外招牌？：为必填项');
    expect(res.body.error.details.map((d: { field: string }) => d.field)).to.have.members([
      'answers.needsBusinessRegistration',
      'answers.premisesScale',
      'answers.needsSignboard',
      'answers.entrusted',
    ]);
    expect((await api().post('/api/v1/bundles/NOPE/plan').send({ answers: {} })).status).to.equal(404);
    expect((await api().post('/api/v1/bundles/KBCYD/plan').send({})).status).to.equal(422);
  });
});
