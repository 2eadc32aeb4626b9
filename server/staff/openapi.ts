import { STAFF_DIRECTORY_ROLES, STAFF_LIMIT } from './staff.service.ts';
import { always, bearer, error, json, type Paths } from '../openapi/helpers.ts';

/** 人员目录 paths of /api/v1. */
export function staffPaths(): Paths {
  const person = always({
    username: { type: 'string' },
    displayName: { type: 'string' },
    departmentCode: { type: ['string', 'null'] },
    department: { type: ['string', 'null'], description: "in the caller's language" },
    roles: { type: 'array', items: { enum: STAFF_DIRECTORY_ROLES } },
  });
  return {
    '/staff': {
      get: {
        summary: `人员目录: active staff (never applicants; no password, ID or phone data), for the pickers of 转办 / 委派 / 抄送 / 加签; by department, role and a search in user and display names; at most ${STAFF_LIMIT}, total counts all matches. Staff only`,
        security: bearer,
        parameters: [
          { name: 'department', in: 'query', required: false, schema: { type: 'string' } },
          { name: 'region', in: 'query', required: false, schema: { type: 'string' }, description: '四级: only the staff of that region' },
          { name: 'role', in: 'query', required: false, schema: { enum: STAFF_DIRECTORY_ROLES } },
          { name: 'q', in: 'query', required: false, schema: { type: 'string', maxLength: 50 } },
        ],
        responses: {
          200: {
            description: 'people',
            content: json(always({ total: { type: 'integer' }, staff: { type: 'array', items: person } })),
          },
          401: error('not logged in'),
          403: error('an applicant'),
          422: error('an unknown role, a malformed department or a search over 50 characters'),
        },
      },
    },
  };
}
