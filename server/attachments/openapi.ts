import { always, bearer, error, instant, json, type Paths, type Schemas } from '../openapi/helpers.ts';

/** The component schemas of uploads. */
export function attachmentSchemas(): Schemas {
  return {
    Attachment: always({
      id: { type: 'string', format: 'uuid' },
      originalName: { type: 'string' },
      mimeType: { enum: ['application/pdf', 'image/jpeg', 'image/png'] },
      sizeBytes: { type: 'integer', minimum: 1 },
      sha256: {
        type: 'string',
        pattern: '^[0-9a-f]{64}$',
        description: 'SHA-256 of the file, for checking it where SM3 is not at hand (a browser: Web Crypto has no SM3)',
      },
      sm3: { type: 'string', pattern: '^[0-9a-f]{64}$', description: 'SM3 (GB/T 32905) of the file: the integrity hash the platform checks (密评)' },
      createdAt: instant,
    }),
  };
}

/** Upload paths of /api/v1. */
export function attachmentPaths(): Paths {
  return {
    '/attachments': {
      post: {
        summary:
          'Upload one material file (PDF, JPG or PNG, judged by content); returns its id, its SM3 (the integrity hash the platform checks) and its SHA-256',
        security: bearer,
        requestBody: {
          required: true,
          content: { 'multipart/form-data': { schema: { type: 'object', required: ['file'], properties: { file: { type: 'string', format: 'binary' } } } } },
        },
        responses: {
          201: { description: 'stored', content: json({ $ref: '#/components/schemas/Attachment' }) },
          400: error('no file or malformed upload'),
          413: error('too large'),
          415: error('type not allowed or content does not match the name'),
        },
      },
    },
  };
}
