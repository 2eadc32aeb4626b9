import { itemEditSchema } from './catalog-editing.ts';
import { APPLICATION_CHANNELS, CHANNELS } from '../../contract/channels.ts';
import { REGION_LEVELS } from '../../contract/regions.ts';
import { FILE_FORMATS, ITEM_TYPES, RESULT_KINDS, catalogMaterialsSchema, itemFileSchema } from '../../contract/catalog/item.ts';
import { bundleDefinitionSchema } from '../../contract/catalog/bundle.ts';
import { questionSchema } from '../../contract/catalog/questions.ts';
import { always, answer, bearer, clean, codeParam, error, instant, json, nullable, type Paths, type Schemas } from '../openapi/helpers.ts';

const text = { type: 'string' };
const days = { type: 'integer', minimum: 0 };
const texts = { type: 'array', items: text };
/** A condition on the answers (办理情形): every answer named must be given as named; null: always. */
const condition = { type: ['object', 'null'], additionalProperties: { type: ['boolean', 'string'] } };

/** 设定依据 in a guide, in the caller's language (server/catalog/guide-text.ts). */
export const GUIDE_LEGAL_BASIS = {
  ...always({
    title: text,
    article: text,
    text,
    sample: { type: 'boolean', description: 'the text is a sample written for the demo, not the official wording' },
    translated: { type: 'boolean', description: 'text is an unofficial English rendering (English only); the Chinese wording is the law' },
    original: {
      oneOf: [always({ title: text, article: text, text }), { type: 'null' }],
      description: 'the Chinese title, article and text beside an English rendering (translated); null otherwise',
    },
  }),
  description: "a law and its article in the caller's language",
};
/** 收费 in a guide, named and founded in the caller's language. */
export const GUIDE_FEE = always({ name: text, amountCents: { type: 'integer', minimum: 0 }, basis: text });

/** The component schemas of the catalog: an item as the public catalog shows it. */
export function catalogSchemas(): Schemas {
  return {
    ItemSummary: always({
      code: text,
      version: { type: 'integer' },
      name: { type: 'string', description: "in the caller's language" },
      type: { enum: [...ITEM_TYPES] },
      departmentCode: text,
      promisedDays: days,
      statutoryDays: days,
      channels: { type: 'array', items: { enum: [...CHANNELS] } },
    }),
    Item: {
      description: 'an item version: its 12 standard elements and more, the materials with their catalog entries resolved, and its form',
      ...always(
        {
          code: text,
          version: { type: 'integer' },
          name: { type: 'string', description: "in the caller's language" },
          nameEn: text,
          type: { enum: [...ITEM_TYPES] },
          departmentCode: text,
          processKey: text,
          legalBasis: { type: 'array', items: GUIDE_LEGAL_BASIS },
          promisedDays: days,
          statutoryDays: days,
          conditions: { ...texts, description: "申请条件 in the caller's language" },
          materials: { type: 'array', items: { $ref: '#/components/schemas/ItemMaterial' } },
          fees: { type: 'array', items: GUIDE_FEE, description: "收费 in the caller's language" },
          results: {
            type: 'array',
            items: always(
              {
                name: text,
                nameEn: { type: 'string', description: 'as pages in English list it (the document stays Chinese)' },
                kind: { enum: [...RESULT_KINDS] },
                material: text,
              },
              'nameEn',
              'material',
            ),
          },
          place: { type: 'string', description: "办理地点 in the caller's language" },
          phone: text,
          channels: { type: 'array', items: { enum: [...CHANNELS] } },
          situations: { type: 'array', items: clean(questionSchema), description: '办理情形: questions whose answers choose materials and branches' },
          stepDays: { type: 'object', additionalProperties: { type: 'integer' }, description: 'working days per user task' },
          stepFields: { type: 'object', additionalProperties: texts, description: 'the form fields each user task sees' },
          levels: {
            type: 'array',
            items: { enum: [...REGION_LEVELS] },
            description: '四级: the levels that handle the item (none: the platform’s own region)',
          },
          department: { ...always({ code: text, name: text }), description: "办事指南: the department that handles it, named in the caller's language" },
          handlingKind: { enum: ['immediate', 'promised'], description: '办件类型: 即办件 (promisedDays 0, handled on the spot) or 承诺件' },
          formSchema: { type: 'object', description: "the form's JSON schema" },
        },
        'situations',
        'stepDays',
        'stepFields',
        'levels',
      ),
    },
    ItemMaterial: {
      description: "a material an item asks for: the material catalog's entry and the item's terms",
      ...always(
        {
          code: text,
          name: text,
          nameEn: text,
          formats: { type: 'array', items: { enum: [...FILE_FORMATS] } },
          eLicense: { ...nullable(), description: 'the e-license type that can replace it' },
          tolerable: { type: 'boolean', description: '容缺 may accept a case without it' },
          description: text,
          applicationForm: {
            type: 'boolean',
            description:
              "the item's application form (申请表): the platform generates it from the form's answers (a bundle's from its one form, 一表申请) and files it with the case; never handed in",
          },
          agentAuthorization: { type: 'boolean', description: '授权委托书: required of every case an agent files' },
          required: { type: 'boolean' },
          note: nullable(),
          commitment: { type: ['boolean', 'null'], description: '告知承诺 may replace it' },
          when: { ...condition, description: '办理情形: asked only when the answers meet it' },
        },
        'description',
        'applicationForm',
        'agentAuthorization',
        'note',
        'commitment',
        'when',
      ),
    },
  };
}

/** The query of a form sheet's download (items and bundles). */
export const SHEET_PARAMS = [
  { name: 'kind', in: 'query', schema: { enum: ['blank', 'sample'] }, description: 'blank (空白表格, the default) or sample (示例样表)' },
  { name: 'lang', in: 'query', schema: { enum: ['zh-CN', 'en'] }, description: "the labels' language; default: Accept-Language" },
];
export const PDF = { description: 'the PDF', content: { 'application/pdf': { schema: { type: 'string', format: 'binary' } } } };

const saved = always({ code: text, version: { type: 'integer' }, isNew: { type: 'boolean' } });
const baseVersionParam = {
  name: 'baseVersion',
  in: 'query',
  schema: { type: 'integer', minimum: 0 },
  description: 'the version the editor read (0: a new code, which must not exist); absent: not checked against saves meanwhile',
};

/** The catalog's paths of /api/v1: items, the material catalog and the catalog editor (which saves bundles too). */
export function catalogPaths(): Paths {
  return {
    '/items': {
      get: {
        summary: 'The catalog of service items (latest versions)',
        responses: {
          200: answer('items', always({ total: { type: 'integer' }, items: { type: 'array', items: { $ref: '#/components/schemas/ItemSummary' } } })),
        },
      },
    },
    '/items/{code}/places': {
      get: {
        summary:
          '四级九统: where an application received in a region is handled (that region if the item is handled at its level, else the nearest one above that is) and that region’s service halls; the item’s own place and phone too',
        parameters: [
          ...codeParam,
          { name: 'region', in: 'query', required: false, schema: { type: 'string' }, description: 'a region code; default: the root' },
        ],
        responses: {
          200: answer(
            'the handling region and its halls',
            always({
              region: {
                oneOf: [{ type: 'null' }, always({ code: { type: 'string' }, name: { type: 'string' } })],
                description: 'null: no region there or above handles the item',
              },
              halls: { type: 'array', items: always({ name: { type: 'string' }, address: { type: 'string' }, phone: nullable(), hours: nullable() }) },
              place: { type: 'string', description: "the item's own place (办理地点) in the caller's language" },
              phone: { type: 'string' },
            }),
          ),
          404: error('no such item'),
          422: error('no region of that code in use'),
        },
      },
    },
    '/items/{code}/process-diagram': {
      get: {
        summary: "办事指南: the item's process as BPMN XML (its latest deployed version), to draw as a flow chart",
        parameters: codeParam,
        responses: {
          200: answer('the diagram', always({ processKey: text, version: { type: 'integer' }, bpmnXml: text })),
          404: error('no such item, or its process is not deployed (process_not_deployed)'),
        },
      },
    },
    '/items/{code}/application-form': {
      get: {
        summary: "空白表格 / 示例样表: the item's application form as a PDF to download, blank or filled with example values, labels in the language asked",
        parameters: [...codeParam, ...SHEET_PARAMS],
        responses: { 200: PDF, 404: error('no such item'), 422: error('kind or lang not one of theirs') },
      },
    },
    '/items/{code}': {
      get: {
        summary: 'One item with its 12 elements, form schema and required materials',
        parameters: codeParam,
        responses: { 200: answer('the item', { $ref: '#/components/schemas/Item' }), 404: error('no such item') },
      },
      put: {
        summary:
          'Save an item (analyst, admin): checked like processes/ at start-up (definition, catalog materials, situations, department, promised days within the statutory days, titled form, process deployed, stepDays and stepFields naming its user tasks and form fields, every bundle with it still merging), stored as a new version; cases keep theirs',
        security: bearer,
        parameters: [...codeParam, baseVersionParam],
        requestBody: { required: true, content: json(clean(itemEditSchema)) },
        responses: {
          201: { description: 'a new version', content: json(saved) },
          200: { description: 'unchanged: the latest version has this content', content: json(saved) },
          401: error('not logged in'),
          403: error('not an analyst or administrator'),
          409: error('baseVersion is not the latest version: someone saved meanwhile (catalog_version_stale)'),
          422: error('what is wrong, by field (baseVersion 0 with a code taken: at definition.code); nothing stored'),
        },
      },
    },
    '/catalog/editor-options': {
      get: {
        summary: 'The closed lists an item definition chooses from (analyst, admin): departments (localised names), item types, channels, result kinds',
        security: bearer,
        responses: {
          200: answer(
            'the closed lists',
            always({
              departments: { type: 'array', items: always({ code: text, name: text }) },
              itemTypes: { type: 'array', items: { enum: [...ITEM_TYPES] } },
              channels: {
                type: 'array',
                items: { enum: [...APPLICATION_CHANNELS] },
                description: 'the channels an item takes applications through (not 免申即享: the platform alone opens those)',
              },
              resultKinds: { type: 'array', items: { enum: [...RESULT_KINDS] } },
            }),
          ),
          401: error('not logged in'),
          403: error('not an analyst or administrator'),
        },
      },
    },
    '/catalog/items': {
      get: {
        summary: 'The items for the catalog editor (analyst, admin): latest versions with their process keys',
        security: bearer,
        parameters: [{ name: 'processKey', in: 'query', schema: { type: 'string' }, description: 'only the items bound to this process' }],
        responses: {
          200: answer(
            'items',
            always({
              total: { type: 'integer' },
              items: {
                type: 'array',
                items: always({
                  code: text,
                  version: { type: 'integer' },
                  name: text,
                  nameEn: text,
                  departmentCode: text,
                  processKey: text,
                  promisedDays: days,
                  statutoryDays: days,
                }),
              },
            }),
          ),
          401: error('not logged in'),
          403: error('not an analyst or administrator'),
        },
      },
    },
    '/catalog/items/{code}': {
      get: {
        summary:
          'An item as the editor edits it (analyst, admin): {code, version, source, editedBy, savedAt, definition, formSchema}, the definition in the shape PUT /items/{code} takes (item.json: materials as catalog references)',
        security: bearer,
        parameters: codeParam,
        responses: {
          200: answer(
            "the item's latest version",
            always({
              code: text,
              version: { type: 'integer' },
              source: { type: 'string', description: 'where the version came from: processes/ at start-up, or the editor' },
              editedBy: { type: ['integer', 'null'] },
              savedAt: instant,
              definition: clean(itemFileSchema),
              formSchema: { type: 'object' },
            }),
          ),
          401: error('not logged in'),
          403: error('not an analyst or administrator'),
          404: error('no such item'),
        },
      },
    },
    '/catalog/bundles/{code}': {
      get: {
        summary: 'A bundle as the editor edits it (analyst, admin): {code, version, definition}, the definition as PUT /bundles/{code} takes it (bundle.json)',
        security: bearer,
        parameters: codeParam,
        responses: {
          200: answer("the bundle's latest version", always({ code: text, version: { type: 'integer' }, definition: clean(bundleDefinitionSchema) })),
          401: error('not logged in'),
          403: error('not an analyst or administrator'),
          404: error('no such bundle'),
        },
      },
    },
    '/catalog/materials': {
      get: {
        summary: 'The material catalog (材料目录): formats, e-license replacement, whether 容缺 tolerates it',
        responses: {
          200: answer("materials, the name in the caller's language", always({ total: { type: 'integer' }, materials: clean(catalogMaterialsSchema) })),
        },
      },
    },
    '/bundles/{code}': {
      put: {
        summary: 'Save a bundle (analyst, admin): checked against the current items like bundle.json at start-up, stored as a new version',
        security: bearer,
        parameters: [...codeParam, baseVersionParam],
        requestBody: { required: true, content: json({ type: 'object', description: 'the bundle definition, as bundle.json' }) },
        responses: {
          201: { description: 'a new version', content: json(saved) },
          200: { description: 'unchanged', content: json(saved) },
          401: error('not logged in'),
          403: error('not an analyst or administrator'),
          409: error('baseVersion is not the latest version: someone saved meanwhile (catalog_version_stale)'),
          422: error('what is wrong; nothing stored'),
        },
      },
    },
  };
}
