import { expect } from 'chai';
import { bundleDefinitionSchema, leadsBundle, type BundleDefinition } from '../../contract/catalog/bundle.ts';
import { BUNDLE_CODE, ITEM_CODE, ITEM_PROCESS_KEY, MATERIAL_CODE, QUESTION_CODE } from '../../contract/catalog/codes.ts';
import { catalogMaterialsSchema, itemFileSchema, ITEM_TYPES, type CatalogMaterial, type ItemFile } from '../../contract/catalog/item.ts';
import { catalogAjv } from '../../server/validation/ajv.ts';
import { resolveItem } from '../../server/catalog/process-folders.ts';
import { checkBundle as checkServerBundle } from '../../server/catalog/check-bundle.ts';
import { checkBundle, checkItem, type ItemContext } from '../../modeler/src/catalog-editor/checks.ts';

/**
 * The web app's catalog checks (modeler/src/catalog-editor/checks.ts) and the server's schemas
 * (contract/catalog/, validated with the server's catalog ajv) say the same of every code and limit:
 * both come from contract/catalog/codes.ts and limits.ts.
 */

const t = (key: string) => key;
const validateItem = catalogAjv.compile(itemFileSchema);
const validateBundle = catalogAjv.compile(bundleDefinitionSchema);
const validateMaterials = catalogAjv.compile(catalogMaterialsSchema);

/** The JSON pointers (as dotted fields) ajv finds a problem at. */
function schemaProblems(validate: typeof validateItem | typeof validateBundle | typeof validateMaterials, data: unknown): string[] {
  return validate(data) ? [] : (validate.errors ?? []).map((e) => e.instancePath.replace(/^\//, '').replace(/\//g, '.'));
}

const material: CatalogMaterial = { code: 'id-card', name: '身份证', nameEn: 'ID card', formats: ['pdf'], eLicense: null, tolerable: false };
const authorisation: CatalogMaterial = {
  code: 'agent-authorization',
  name: '委托代理人授权书',
  nameEn: 'Power of attorney',
  formats: ['pdf'],
  eLicense: null,
  tolerable: false,
  agentAuthorization: true,
};
const catalog = new Map([material, authorisation].map((m) => [m.code, m]));

const validItem = (): ItemFile => ({
  code: 'SW-QS-001',
  name: '测试事项',
  nameEn: 'Test item',
  type: 'administrative_license',
  departmentCode: 'samr',
  processKey: 'item_standard',
  legalBasis: [{ title: '法', titleEn: 'Law', article: '第一条', articleEn: 'Article 1', text: '……', textEn: '...', sample: true }],
  promisedDays: 5,
  statutoryDays: 20,
  conditions: ['申请人为本市居民'],
  conditionsEn: ['The applicant lives in the city'],
  materials: [
    { code: 'id-card', required: true },
    { code: 'agent-authorization', required: false },
  ],
  fees: [{ name: '工本费', nameEn: 'Cost of the document', amountCents: 1000, basis: '收费标准', basisEn: 'The fee schedule' }],
  results: [{ name: '许可证', kind: 'license' }],
  place: '市民中心',
  placeEn: 'Citizen centre',
  phone: '12345',
  channels: ['window', 'web'],
  onlineDepth: 4,
  situations: [{ code: 'hasShop', text: '有门店吗', textEn: 'A shop?', type: 'boolean' }],
  stepDays: { review: 3 },
});

const validBundle = (): BundleDefinition => ({
  code: 'QYZXDJ',
  name: '企业注销',
  nameEn: 'Company deregistration',
  description: '注销企业的一件事',
  descriptionEn: 'Deregistering a company as one matter',
  promisedDays: 5,
  leadDepartmentCode: 'samr',
  onItemRejected: 'refuse_bundle',
  questionnaire: [{ code: 'hasShop', text: '有门店吗', textEn: 'A shop?', type: 'boolean' }],
  items: [
    { code: 'A-1', when: null },
    { code: 'B-2', when: { hasShop: true } },
  ],
});

/** Where the web's checks see a problem in an item (the process keys given: every key is deployed). */
function webItemProblems(item: ItemFile): string[] {
  const context: ItemContext = {
    options: { itemTypes: ITEM_TYPES, departments: [{ code: 'samr' }] },
    materials: catalog,
    processKeys: new Set([item.processKey]),
    userTasks: ['review'],
  };
  return checkItem(item, context, t).map((p) => p.field);
}
const ITEM_DEPARTMENTS = new Map([
  ['A-1', 'samr'],
  ['B-2', 'tax'],
]);
const webBundleProblems = (bundle: BundleDefinition) => checkBundle(bundle, ITEM_DEPARTMENTS, t).map((p) => p.field);

const long = (n: number, c = 'a') => c.repeat(n);
const SAMPLES = {
  item: ['SW-QS-001', 'A1', 'ab', 'a', '', '-AB', 'A-', 'A_1', 'A 1', 'A1\n', '事项01', 'Äb', long(63, 'A'), long(64, 'A'), 'A'.concat(long(62, '-'))],
  processKey: ['item_standard', 'item_a', 'item_', 'item_a.b-c_d', 'Item_x', 'item_事项', 'item_a b', `item_${long(123)}`, `item_${long(124)}`, 'standard'],
  bundle: ['QYZXDJ', 'AB', 'A', 'qyzxdj', 'AB-12', '-AB', 'AB_1', long(32, 'A'), long(33, 'A'), 'ÄB'],
  question: ['hasShop', 'ab', 'a', 'a1', '1a', 'has_shop', 'has-shop', 'hasShop2', long(41), long(42), 'ärger', ''],
  material: ['id-card', 'ab', 'a', 'ID-card', 'id_card', '-id', long(64), long(65), 'ü-card', 'id card'],
};

describe('catalog contract: the web checks and the server schemas agree', () => {
  it('the sample item and bundle are valid to both', () => {
    expect(schemaProblems(validateItem, validItem())).to.deep.equal([]);
    expect(webItemProblems(validItem())).to.deep.equal([]);
    expect(schemaProblems(validateBundle, validBundle())).to.deep.equal([]);
    expect(webBundleProblems(validBundle())).to.deep.equal([]);
  });

  const agree = (what: string, codes: string[], server: (code: string) => boolean, web: (code: string) => boolean) =>
    it(`${what}: the same verdict on every sample`, () => {
      const verdicts = codes.map((code) => ({ code, server: server(code), web: web(code) }));
      expect(verdicts.filter((v) => v.server !== v.web)).to.deep.equal([]);
      // the samples cover both answers
      expect(verdicts.some((v) => v.server)).to.equal(true);
      expect(verdicts.some((v) => !v.server)).to.equal(true);
    });

  agree(
    'item codes',
    SAMPLES.item,
    (code) => !schemaProblems(validateItem, { ...validItem(), code }).includes('code'),
    (code) => !webItemProblems({ ...validItem(), code }).includes('code'),
  );
  agree(
    'item process keys',
    SAMPLES.processKey,
    (processKey) => !schemaProblems(validateItem, { ...validItem(), processKey }).includes('processKey'),
    (processKey) => !webItemProblems({ ...validItem(), processKey }).includes('processKey'),
  );
  agree(
    'bundle codes',
    SAMPLES.bundle,
    (code) => !schemaProblems(validateBundle, { ...validBundle(), code }).includes('code'),
    (code) => !webBundleProblems({ ...validBundle(), code }).includes('code'),
  );
  const withQuestion = (code: string) => [{ code, text: '问', textEn: 'Q', type: 'boolean' as const }];
  agree(
    "an item's situation codes",
    SAMPLES.question,
    (code) => !schemaProblems(validateItem, { ...validItem(), situations: withQuestion(code) }).includes('situations.0.code'),
    (code) => !webItemProblems({ ...validItem(), situations: withQuestion(code) }).includes('situations.0.code'),
  );
  agree(
    "a bundle's question codes",
    SAMPLES.question,
    (code) =>
      !schemaProblems(validateBundle, {
        ...validBundle(),
        questionnaire: withQuestion(code),
        items: validBundle().items.map((i) => ({ ...i, when: null })),
      }).includes('questionnaire.0.code'),
    (code) =>
      !webBundleProblems({ ...validBundle(), questionnaire: withQuestion(code), items: validBundle().items.map((i) => ({ ...i, when: null })) }).includes(
        'questionnaire.0.code',
      ),
  );
  // the web chooses materials from the catalog; its pattern is the one of the catalog's and item.json's schemas
  agree(
    'material codes (the material catalog)',
    SAMPLES.material,
    (code) => !schemaProblems(validateMaterials, [{ ...material, code }]).includes('0.code'),
    (code) => MATERIAL_CODE.test(code),
  );
  agree(
    "material codes (an item's material references)",
    SAMPLES.material,
    (code) => !schemaProblems(validateItem, { ...validItem(), materials: [{ code, required: true }] }).includes('materials.0.code'),
    (code) => MATERIAL_CODE.test(code),
  );

  it('an item taking online or assisted applications lists the authorisation an agent hands in: the editor and the server agree', () => {
    const without = { ...validItem(), materials: [{ code: 'id-card', required: true }] };
    expect(webItemProblems(without)).to.deep.equal(['materials']);
    expect(() => resolveItem('item.json', without, catalog)).to.throw(/lists no authorisation for them \("agent-authorization"\)/);
    // at the window and the kiosk the applicant comes in person
    const inPerson = { ...without, channels: ['window', 'kiosk'] as ItemFile['channels'], onlineDepth: 2 as const };
    expect(webItemProblems(inPerson)).to.deep.equal([]);
    expect(() => resolveItem('item.json', inPerson, catalog)).not.to.throw();
    expect(() => resolveItem('item.json', validItem(), catalog)).not.to.throw();
  });

  it('the English of conditions, legal basis, fees and place: required alike by the editor and the server', () => {
    const item = validItem;
    const basis = (b: Partial<ItemFile['legalBasis'][number]>) => ({ ...item(), legalBasis: [{ ...item().legalBasis[0]!, ...b }] });
    const fee = (f: Partial<ItemFile['fees'][number]>) => ({ ...item(), fees: [{ ...item().fees[0]!, ...f }] });
    const server = (x: ItemFile) => {
      if (schemaProblems(validateItem, x).length) return 'refused';
      try {
        resolveItem('item.json', x, catalog);
        return 'accepted';
      } catch {
        return 'refused';
      }
    };
    const web = (x: ItemFile) => (webItemProblems(x).length ? 'refused' : 'accepted');
    const refused: Record<string, ItemFile> = {
      'no English title': basis({ titleEn: '' }),
      'a blank English title': basis({ titleEn: '  ' }),
      'an article in Chinese only': basis({ articleEn: '' }),
      'a text in Chinese only': basis({ textEn: ' ' }),
      'a fee without an English name': fee({ nameEn: '' }),
      'a fee founded in Chinese only': fee({ basisEn: '' }),
      'no English place': { ...item(), placeEn: '' },
      'a blank English condition': { ...item(), conditionsEn: [' '] },
      'a condition without its English one': { ...item(), conditions: ['甲', '乙'], conditionsEn: ['A'] },
    };
    for (const [what, x] of Object.entries(refused))
      expect({ what, server: server(x), web: web(x) }).to.deep.equal({ what, server: 'refused', web: 'refused' });
    // no article and no text in Chinese: none asked in English either
    const accepted: Record<string, ItemFile> = {
      'the sample item': item(),
      'a title only': basis({ article: '', articleEn: '', text: '', textEn: '' }),
      'a fee with no basis': fee({ basis: '', basisEn: '' }),
      'no conditions': { ...item(), conditions: [], conditionsEn: [] },
    };
    for (const [what, x] of Object.entries(accepted))
      expect({ what, server: server(x), web: web(x) }).to.deep.equal({ what, server: 'accepted', web: 'accepted' });
    // a bundle's description: in English too where it has one in Chinese
    const checkBundle = (b: BundleDefinition) => {
      try {
        checkServerBundle('bundle.json', b, new Map());
        return 'accepted';
      } catch (err) {
        return (err as Error).message.includes('English missing') ? 'refused' : 'accepted';
      }
    };
    const bundleVerdicts = (b: BundleDefinition) => ({
      server: schemaProblems(validateBundle, b).length ? 'refused' : checkBundle(b),
      web: webBundleProblems(b).length ? 'refused' : 'accepted',
    });
    expect(bundleVerdicts({ ...validBundle(), descriptionEn: ' ' })).to.deep.equal({ server: 'refused', web: 'refused' });
    expect(bundleVerdicts({ ...validBundle(), description: '', descriptionEn: '' })).to.deep.equal({ server: 'accepted', web: 'accepted' });
    expect(webBundleProblems({ ...validBundle(), descriptionEn: '' })).to.deep.equal(['descriptionEn']);
    // the schema names the field; the editor shows it at the row
    expect(schemaProblems(validateItem, { ...item(), placeEn: undefined })).to.deep.equal(['']);
    expect(webItemProblems(fee({ nameEn: '' }))).to.deep.equal(['fees.0']);
    expect(webItemProblems(basis({ textEn: '' }))).to.deep.equal(['legalBasis.0.textEn']);
  });

  it("a bundle is led by one of its items' departments (牵头部门): the editor and the server agree", () => {
    const departmentOf = (code: string) => ITEM_DEPARTMENTS.get(code);
    for (const lead of ['samr', 'tax', 'fire', '']) {
      const bundle = { ...validBundle(), leadDepartmentCode: lead };
      const server = schemaProblems(validateBundle, bundle).length === 0 && leadsBundle(bundle, departmentOf);
      expect(webBundleProblems(bundle).includes('leadDepartmentCode'), lead).to.equal(!server);
      expect(server, lead).to.equal(lead === 'samr' || lead === 'tax');
    }
    expect(schemaProblems(validateBundle, { ...validBundle(), leadDepartmentCode: undefined })).to.deep.equal(['']);
  });

  it('an item at online depth 3 or 4 takes online applications: the editor and the server agree', () => {
    const inPerson = { ...validItem(), channels: ['window'] as ItemFile['channels'] };
    expect(webItemProblems(inPerson)).to.include('onlineDepth');
    expect(() => resolveItem('item.json', inPerson, catalog)).to.throw(/online depth 3 or 4 must take online applications/);
    expect(webItemProblems({ ...inPerson, onlineDepth: 2 })).not.to.include('onlineDepth');
    expect(() => resolveItem('item.json', { ...inPerson, onlineDepth: 2 }, catalog)).not.to.throw();
    expect(schemaProblems(validateItem, { ...validItem(), onlineDepth: 5 })).to.include('onlineDepth');
  });

  it('the RegExps the web app imports say what the checks say', () => {
    for (const code of SAMPLES.item) expect(ITEM_CODE.test(code), code).to.equal(!webItemProblems({ ...validItem(), code }).includes('code'));
    for (const code of SAMPLES.bundle) expect(BUNDLE_CODE.test(code), code).to.equal(!webBundleProblems({ ...validBundle(), code }).includes('code'));
    for (const key of SAMPLES.processKey)
      expect(ITEM_PROCESS_KEY.test(key), key).to.equal(!webItemProblems({ ...validItem(), processKey: key }).includes('processKey'));
    for (const code of SAMPLES.question)
      expect(QUESTION_CODE.test(code), code).to.equal(!webItemProblems({ ...validItem(), situations: withQuestion(code) }).includes('situations.0.code'));
  });

  it('names and days: the same limits', () => {
    const names = ['AB', 'A', '', long(200), long(201), '事项'];
    for (const name of names) {
      const server = !schemaProblems(validateItem, { ...validItem(), name }).includes('name');
      expect(!webItemProblems({ ...validItem(), name }).includes('name'), `item name "${name}"`).to.equal(server);
      const bundleServer = !schemaProblems(validateBundle, { ...validBundle(), nameEn: name }).includes('nameEn');
      expect(!webBundleProblems({ ...validBundle(), nameEn: name }).includes('nameEn'), `bundle nameEn "${name}"`).to.equal(bundleServer);
    }
    for (const days of [-1, 0, 1, 364, 365, 366, 1.5]) {
      // promised 0 … statutory 365 leaves the one within the other
      const statutory = { ...validItem(), promisedDays: 0, statutoryDays: days };
      expect(!webItemProblems(statutory).includes('statutoryDays'), `statutory ${days}`).to.equal(
        !schemaProblems(validateItem, statutory).includes('statutoryDays'),
      );
      const bundle = { ...validBundle(), promisedDays: days };
      expect(!webBundleProblems(bundle).includes('promisedDays'), `bundle ${days}`).to.equal(!schemaProblems(validateBundle, bundle).includes('promisedDays'));
    }
    for (const days of [0, 1, 60, 61, 2.5]) {
      const item = { ...validItem(), stepDays: { review: days } };
      expect(!webItemProblems(item).includes('stepDays.review'), `step ${days}`).to.equal(!schemaProblems(validateItem, item).includes('stepDays.review'));
    }
  });
});
