import { itemEditSchema } from './catalog-editing.ts';
import { bearer, clean, codeParam, error, json, type Paths } from '../openapi/helpers.ts';

const saved = { type: 'object', properties: { code: { type: 'string' }, version: { type: 'integer' }, isNew: { type: 'boolean' } } };
const baseVersionParam = {
  name: 'baseVersion',
  in: 'query',
  schema: { type: 'integer', minimum: 0 },
  description: 'the version the editor read (0: a new code, which must not exist); absent: not checked against saves meanwhile',
};

/** The catalog's paths of /api/v1: items, the material catalog and the catalog editor (which saves bundles too). */
export function catalogPaths(): Paths {
  return {
    '/items': { get: { summary: 'The catalog of service items (latest versions)', responses: { 200: { description: 'items' } } } },
    '/items/{code}': {
      get: {
        summary: 'One item with its 12 elements, form schema and required materials',
        parameters: codeParam,
        responses: { 200: { description: 'the item' }, 404: error('no such item') },
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
          200: { description: '{departments, itemTypes, channels, resultKinds}' },
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
          200: { description: '{total, items: [{code, version, name, nameEn, departmentCode, processKey, promisedDays, statutoryDays}]}' },
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
          200: { description: "the item's latest version" },
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
          200: { description: "the bundle's latest version" },
          401: error('not logged in'),
          403: error('not an analyst or administrator'),
          404: error('no such bundle'),
        },
      },
    },
    '/catalog/materials': {
      get: {
        summary: 'The material catalog (材料目录): formats, e-license replacement, whether 容缺 tolerates it',
        responses: { 200: { description: 'materials' } },
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
