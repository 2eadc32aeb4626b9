import { DOCUMENT_KINDS, RECOGNISED_FIELDS } from '../../contract/recognition/documents.ts';
import { always, bearer, error, json, type Paths } from '../openapi/helpers.ts';
import { MAX_IMAGE_BYTES, MAX_IMAGE_PIXELS } from './recognise.ts';

const localized = always({ 'zh-CN': { type: 'string' }, en: { type: 'string' } });

/** 智能识别填单 paths of /api/v1. */
export function recognitionPaths(): Paths {
  return {
    '/recognition': {
      post: {
        summary: `智能识别填单: an applicant or a window clerk sends a photo or scan (JPEG or PNG, at most ${MAX_IMAGE_BYTES / 1024 / 1024} MB and ${MAX_IMAGE_PIXELS / 1e6} megapixels) of a 居民身份证 (id_card), a 营业执照 (business_licence) or a filled-in form (form); tesseract (chi_sim) reads it, turned upright first. Answers every field of the kind with the text read, the value a form takes, tesseract's confidence and a status: an ID number (GB 11643) or credit code (GB 32100) whose check character is wrong is check_failed with the reason, never offered. Nothing of the image is kept; the audit trail records who, the kind and the counts. contract/recognition/form-matching.ts fills a form from the answer`,
        security: bearer,
        requestBody: {
          required: true,
          content: {
            'multipart/form-data': {
              schema: {
                type: 'object',
                required: ['kind', 'image'],
                properties: { kind: { enum: Object.keys(DOCUMENT_KINDS) }, image: { type: 'string', format: 'binary' } },
              },
            },
          },
        },
        responses: {
          200: {
            description: 'recognised',
            content: json(
              always({
                kind: { enum: Object.keys(DOCUMENT_KINDS) },
                fields: {
                  type: 'array',
                  items: always(
                    {
                      key: { enum: Object.keys(RECOGNISED_FIELDS) },
                      label: { type: 'string', description: "the field's name; a form's line: its printed label as read" },
                      text: { type: 'string' },
                      value: { type: ['string', 'number', 'null'], description: 'a date as YYYY-MM-DD, a capital in 万元, a sex as male/female' },
                      confidence: { type: 'integer', minimum: 0, maximum: 100 },
                      status: { enum: ['recognised', 'check_failed', 'not_found'] },
                      problem: localized,
                      note: localized,
                    },
                    'problem',
                    'note',
                  ),
                },
                turnedDegrees: { enum: [0, 90, 180, 270] },
                tookMs: { type: 'integer' },
              }),
            ),
          },
          400: error('no image, a damaged image, a malformed upload'),
          413: error('too many bytes or pixels'),
          415: error('not a JPEG or PNG (a PDF, a text …)'),
          422: error('an unknown kind, an image too small to read'),
          503: error('busy (Retry-After) or tesseract unavailable'),
        },
      },
    },
  };
}
