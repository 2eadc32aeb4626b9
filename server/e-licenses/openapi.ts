import { revocationSchema } from './e-license-revocation.ts';
import { always, bearer, clean, error, idParam, instant, json, nullable, type Paths, type Schemas } from '../openapi/helpers.ts';

/** The component schemas of 电子证照: a license with its status now. */
export function eLicenseSchemas(): Schemas {
  return {
    ELicense: always(
      {
        id: { type: 'integer' },
        type: { type: 'string' },
        number: { type: 'string' },
        name: { type: 'string' },
        holder: always({ idNo: { type: 'string' }, name: { type: 'string' } }),
        data: { type: 'object', description: "the license's fields (what prefill offers a form)" },
        validFrom: instant,
        validUntil: nullable('date-time'),
        status: { enum: ['in_force', 'revoked', 'expired', 'not_yet_valid'] },
        statusLabel: { type: 'string' },
        revokedAt: nullable('date-time'),
        revokedReason: nullable(),
        revokedBy: { ...nullable(), description: 'administrators only' },
        issuedByCaseNo: { ...nullable(), description: 'the case whose result it is' },
      },
      'revokedBy',
    ),
  };
}

/** 电子证照库 paths of /api/v1. */
export function eLicensePaths(): Paths {
  return {
    '/e-licenses': {
      get: {
        summary:
          "电子证照库: administrators list anyone's licenses; an applicant only the licenses they hold (403 for another holder). Each with its status now: in_force, revoked, expired, not_yet_valid",
        security: bearer,
        parameters: [
          { name: 'type', in: 'query', required: false, schema: { type: 'string' } },
          { name: 'status', in: 'query', required: false, schema: { enum: ['in_force', 'revoked', 'expired', 'not_yet_valid'] } },
          { name: 'limit', in: 'query', required: false, schema: { type: 'integer', minimum: 1, maximum: 100, default: 20 } },
          { name: 'offset', in: 'query', required: false, schema: { type: 'integer', minimum: 0, default: 0 } },
        ],
        responses: {
          200: {
            description: '{total, limit, offset, licenses}',
            content: json(
              always({
                total: { type: 'integer' },
                limit: { type: 'integer' },
                offset: { type: 'integer' },
                licenses: { type: 'array', items: { $ref: '#/components/schemas/ELicense' } },
              }),
            ),
          },
          400: error('personal_data_in_url: a holderIdNo in the query (search by holder with POST /e-licenses/search)'),
          403: error("another holder's licenses, or not an administrator or applicant"),
          422: error('a bad filter'),
        },
      },
    },
    '/e-licenses/search': {
      post: {
        summary: "电子证照库 by holder: the list of GET /e-licenses with the holder's ID number in the body, never in a URL (an applicant: their own only)",
        security: bearer,
        requestBody: {
          required: true,
          content: json({
            type: 'object',
            properties: {
              holderIdNo: { type: 'string' },
              type: { type: 'string' },
              status: { enum: ['in_force', 'revoked', 'expired', 'not_yet_valid'] },
              limit: { type: 'integer', minimum: 1, maximum: 100, default: 20 },
              offset: { type: 'integer', minimum: 0, default: 0 },
            },
          }),
        },
        responses: {
          200: {
            description: '{total, limit, offset, licenses}',
            content: json(
              always({
                total: { type: 'integer' },
                limit: { type: 'integer' },
                offset: { type: 'integer' },
                licenses: { type: 'array', items: { $ref: '#/components/schemas/ELicense' } },
              }),
            ),
          },
          403: error("another holder's licenses, or not an administrator or applicant"),
          422: error('a bad filter'),
        },
      },
    },
    '/e-licenses/{id}/revoke': {
      post: {
        summary:
          '电子证照注销 (administrators), with a reason: from now on the license exempts no material (intake refuses it, acceptance asks again) and is not offered for prefill',
        security: bearer,
        parameters: idParam,
        requestBody: { required: true, content: json(clean(revocationSchema)) },
        responses: {
          200: { description: 'revoked', content: json({ $ref: '#/components/schemas/ELicense' }) },
          403: error('not an administrator'),
          404: error('no such license'),
          409: error('revoked already'),
          422: error('no reason'),
        },
      },
    },
  };
}
