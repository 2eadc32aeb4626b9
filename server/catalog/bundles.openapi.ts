import { ON_ITEM_REJECTED } from '../../contract/catalog/bundle.ts';
import { always, answer, codeParam, error, json, nullable, type Paths, type Schemas } from '../openapi/helpers.ts';

const text = { type: 'string' };
const texts = { type: 'array', items: text };
const count = { type: 'integer' };
const condition = { type: ['object', 'null'], additionalProperties: { type: ['boolean', 'string'] } };

/** What a bundle is, in every answer about it. */
const header = {
  code: text,
  version: { type: 'integer' },
  name: { type: 'string', description: "in the caller's language" },
  description: text,
  promisedDays: { type: 'integer', minimum: 0 },
  onItemRejected: { enum: [...ON_ITEM_REJECTED] },
  onItemRejectedText: { type: 'string', description: 'what a refused item means for the bundle, in words' },
};

/** What the items ask when handled as one: 一表申请, 一套材料, the saving and the guide (一次告知). */
const combined = {
  form: { type: 'object', description: "the merged form's JSON schema (一表申请)" },
  sharedFields: { ...texts, description: 'fields more than one item asks, asked once' },
  materials: {
    type: 'array',
    description: '一套材料: each material once, with the items that ask for it',
    items: always({
      code: text,
      name: text,
      formats: texts,
      required: { type: 'boolean' },
      eLicense: nullable(),
      tolerable: { type: 'boolean' },
      when: { ...condition, description: '办理情形: asked only in this situation' },
      commitment: { type: 'boolean', description: '告知承诺: a signed commitment may replace it' },
      items: texts,
    }),
  },
  waivedMaterials: {
    type: 'array',
    description: '前序事项产生的材料不需提交: issued by an item of the same bundle',
    items: always({ code: text, name: text, producedBy: text, reason: text, items: texts }),
  },
  savings: always({
    fields: always({ itemByItem: count, merged: count, saved: count }),
    materials: always({ itemByItem: count, merged: count, saved: count }),
  }),
  guide: always({
    promisedDays: { type: 'integer' },
    feesTotalCents: { type: 'integer' },
    channels: { ...texts, description: 'the channels every item takes' },
    items: {
      type: 'array',
      items: always({
        code: text,
        name: text,
        type: text,
        department: text,
        conditions: texts,
        legalBasis: { type: 'array', items: { type: 'object' } },
        promisedDays: { type: 'integer' },
        statutoryDays: { type: 'integer' },
        fees: { type: 'array', items: always({ name: text, amountCents: { type: 'integer' }, basis: text }) },
        results: { type: 'array', items: { type: 'object', required: ['name', 'kind'] } },
        place: text,
        phone: text,
      }),
    },
  }),
};

/** The component schemas of 一件事: a bundle as the catalog lists it and shows it. */
export function bundleSchemas(): Schemas {
  return {
    BundleSummary: always({ ...header, items: { ...texts, description: "its items' codes" } }),
    Bundle: always({
      ...header,
      questionnaire: {
        type: 'array',
        description: "场景式导航's questions, in the caller's language",
        items: always(
          {
            code: text,
            text,
            type: { enum: ['boolean', 'choice'] },
            options: { type: 'array', items: always({ value: text, label: text }) },
          },
          'options',
        ),
      },
      items: { type: 'array', items: always({ code: text, name: text, when: { ...condition, description: 'the answers that make it apply' } }) },
      ...combined,
    }),
  };
}

/** 一件事 paths of /api/v1 (saving a bundle is the catalog editor's: server/catalog/openapi.ts). */
export function bundlePaths(): Paths {
  return {
    '/bundles': {
      get: {
        summary: 'The catalog of bundles (一件事)',
        responses: {
          200: answer('bundles', always({ total: count, bundles: { type: 'array', items: { $ref: '#/components/schemas/BundleSummary' } } })),
        },
      },
    },
    '/bundles/{code}': {
      get: {
        summary:
          'A bundle: its scenario questionnaire, items, merged form (一表申请), deduplicated materials (一套材料), the saving against applying item by item, and its guide (一次告知)',
        parameters: codeParam,
        responses: { 200: answer('the bundle', { $ref: '#/components/schemas/Bundle' }), 404: error('no such bundle') },
      },
    },
    '/bundles/{code}/plan': {
      post: {
        summary: '场景式导航: answers to the questionnaire decide which items apply; returns their merged form, materials, saving and guide',
        parameters: codeParam,
        requestBody: {
          required: true,
          content: json({
            type: 'object',
            required: ['answers'],
            properties: { answers: { type: 'object', additionalProperties: { type: ['boolean', 'string'] } } },
          }),
        },
        responses: {
          200: answer(
            'the applicable items, merged',
            always({
              ...header,
              answers: { type: 'object', description: 'as given' },
              items: { type: 'array', items: always({ code: text, name: text, departmentCode: text }) },
              ...combined,
            }),
          ),
          404: error('no such bundle'),
          422: error('a question unanswered, an unknown question or an answer it cannot take'),
        },
      },
    },
  };
}
