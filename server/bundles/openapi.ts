import { codeParam, error, json, type Paths } from '../openapi/helpers.ts';

/** 一件事 paths of /api/v1 (saving a bundle is the catalog editor's: server/catalog/openapi.ts). */
export function bundlePaths(): Paths {
  return {
    '/bundles': { get: { summary: 'The catalog of bundles (一件事)', responses: { 200: { description: 'bundles' } } } },
    '/bundles/{code}': {
      get: {
        summary:
          'A bundle: its scenario questionnaire, items, merged form (一表申请), deduplicated materials (一套材料), the saving against applying item by item, and its guide (一次告知)',
        parameters: codeParam,
        responses: { 200: { description: 'the bundle' }, 404: error('no such bundle') },
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
          200: { description: 'the applicable items, merged' },
          404: error('no such bundle'),
          422: error('a question unanswered, an unknown question or an answer it cannot take'),
        },
      },
    },
  };
}
