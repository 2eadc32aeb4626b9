import { always, bearer, error, idParam, instant, json, nullable, type Paths, type Schemas } from '../openapi/helpers.ts';

/** The component schemas of 电子印章: a registered seal (never its certificate file or password). */
export function sealSchemas(): Schemas {
  return {
    Seal: always({
      id: { type: 'integer' },
      departmentCode: { type: 'string' },
      departmentName: nullable(),
      name: { type: 'string' },
      certificate: always({ subject: { type: 'string' }, serial: { type: 'string' }, validFrom: instant, validUntil: instant }),
      sm2Certificate: {
        oneOf: [{ type: 'null' }, always({ serial: { type: 'string' } })],
        description: 'the SM2 certificate sealed documents are also signed with (SM2-with-SM3); null: RSA PAdES only',
      },
      users: { type: 'array', items: { type: 'string' }, description: 'usernames, "<department>:<role>" groups and system:seal' },
      active: { type: 'boolean' },
      createdBy: { type: 'string' },
      createdAt: instant,
      imageUrl: { type: 'string' },
    }),
  };
}

/** 电子印章 paths of /api/v1 (administrators). */
export function sealPaths(): Paths {
  return {
    '/seals': {
      post: {
        summary:
          "电子印章备案 (administrators): a seal image (PNG8, 2 colours, 600 DPI, true size, < 30 KB: seed 001) bound to a signing certificate (PKCS#12 upload, or issueSandboxCertificate=true in the embedded default or with SANDBOX_CA on) and who may use it. Every problem at once, each with a code (seal_dpi, signer_password, signer_expired, signer_not_issuer, sm2_key_mismatch, sm2_not_sm2 …); nothing stored. An optional SM2 certificate and key (sm2Certificate, sm2Key, sm2Password): every document sealed with it also carries an SM2-with-SM3 signature; the sandbox CA issues one with its certificate on a 422. replace=true retires the department's active seals. Logged in the use log",
        security: bearer,
        requestBody: {
          required: true,
          content: {
            'multipart/form-data': {
              schema: {
                type: 'object',
                required: ['image', 'departmentCode', 'name', 'users'],
                properties: {
                  image: { type: 'string', format: 'binary' },
                  certificate: { type: 'string', format: 'binary', description: '.p12/.pfx' },
                  password: { type: 'string', description: 'of the PKCS#12' },
                  sm2Certificate: { type: 'string', format: 'binary', description: 'PEM X.509 with an SM2 key, signed with SM2-with-SM3 (optional)' },
                  sm2Key: { type: 'string', format: 'binary', description: 'its private key, PEM PKCS#8 (encrypted with sm2Password)' },
                  sm2Password: { type: 'string', description: 'of the SM2 key' },
                  departmentCode: { type: 'string' },
                  name: { type: 'string' },
                  users: {
                    type: 'string',
                    description: 'JSON array or comma list of usernames, "<department>:<role>" groups and system:seal (the seal worker)',
                  },
                  issueSandboxCertificate: { type: 'boolean' },
                  replace: { type: 'boolean' },
                },
              },
            },
          },
        },
        responses: {
          201: { description: 'registered', content: json({ $ref: '#/components/schemas/Seal' }) },
          403: error('not an administrator'),
          413: error('a file over 1 MB'),
          422: error('every problem, with details[].code; nothing stored'),
        },
      },
      get: {
        summary: 'The seals (administrators), newest first; never the certificate file or its password',
        security: bearer,
        parameters: [
          { name: 'departmentCode', in: 'query', required: false, schema: { type: 'string' } },
          { name: 'active', in: 'query', required: false, schema: { type: 'boolean' } },
        ],
        responses: {
          200: {
            description: 'seals',
            content: json(always({ seals: { type: 'array', items: { $ref: '#/components/schemas/Seal' } } })),
          },
          403: error('not an administrator'),
        },
      },
    },
    '/seals/{id}': {
      get: {
        summary: 'One seal (administrators)',
        security: bearer,
        parameters: idParam,
        responses: { 200: { description: 'the seal', content: json({ $ref: '#/components/schemas/Seal' }) }, 404: error('no such seal') },
      },
    },
    '/seals/{id}/image': {
      get: {
        summary: 'The seal image as stored (image/png)',
        security: bearer,
        parameters: idParam,
        responses: { 200: { description: 'the PNG', content: { 'image/png': { schema: { type: 'string', format: 'binary' } } } }, 404: error('no such seal') },
      },
    },
    '/seals/{id}/deactivate': {
      post: {
        summary:
          "停用: the seal signs nothing more; the seal worker takes the department's other active seal (or raises an incident when there is none). Logged",
        security: bearer,
        parameters: idParam,
        requestBody: { required: false, content: json({ type: 'object', properties: { reason: { type: 'string', maxLength: 150 } } }) },
        responses: {
          200: { description: 'deactivated', content: json({ $ref: '#/components/schemas/Seal' }) },
          404: error('no such seal'),
          409: error('deactivated already'),
        },
      },
    },
    '/seals/{id}/users': {
      put: {
        summary: '授权变更: who may use the seal (usernames, "<department>:<role>" groups, system:seal); logged with who was added and removed',
        security: bearer,
        parameters: idParam,
        requestBody: {
          required: true,
          content: json({ type: 'object', required: ['users'], properties: { users: { type: 'array', items: { type: 'string' } } } }),
        },
        responses: {
          200: { description: 'changed', content: json({ $ref: '#/components/schemas/Seal' }) },
          404: error('no such seal'),
          409: error('the seal is deactivated'),
          422: error('unknown users or groups'),
        },
      },
    },
    '/seals/{id}/uses': {
      get: {
        summary:
          "The seal's use log, newest first: every document it sealed (case, document, by whom) and every management action (启用, 停用, 授权变更, by which administrator)",
        security: bearer,
        parameters: [
          ...idParam,
          { name: 'limit', in: 'query', required: false, schema: { type: 'integer', minimum: 1, maximum: 100, default: 20 } },
          { name: 'offset', in: 'query', required: false, schema: { type: 'integer', minimum: 0, default: 0 } },
        ],
        responses: {
          200: {
            description: 'uses',
            content: json(
              always({
                total: { type: 'integer' },
                limit: { type: 'integer' },
                offset: { type: 'integer' },
                uses: {
                  type: 'array',
                  items: always({
                    id: { type: 'integer' },
                    at: instant,
                    purpose: { type: 'string', description: 'what the use was: a document sealed, or 启用, 停用, 授权变更' },
                    usedBy: { type: 'string' },
                    caseNo: nullable(),
                    documentId: { type: ['integer', 'null'] },
                  }),
                },
              }),
            ),
          },
          404: error('no such seal'),
          422: error('bad limit or offset'),
        },
      },
    },
  };
}
