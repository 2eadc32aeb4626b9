import { always, bearer, json, type Paths } from '../openapi/helpers.ts';

/** 部门 paths of /api/v1. */
export function organizationPaths(): Paths {
  return {
    '/departments': {
      get: {
        summary: "部门: the city's departments, each with its code and its name in the caller's language",
        security: bearer,
        responses: {
          200: {
            description: 'departments, by code',
            content: json(always({ departments: { type: 'array', items: always({ code: { type: 'string' }, name: { type: 'string' } }) } })),
          },
        },
      },
    },
  };
}
