import { bearer, error, json, type Paths } from '../openapi/helpers.ts';

/** Signing in: paths of /api/v1. */
export function authPaths(): Paths {
  return {
    '/auth/login': {
      post: {
        summary: 'Log in; returns a short-lived bearer token',
        requestBody: {
          required: true,
          content: json({ type: 'object', required: ['username', 'password'], properties: { username: { type: 'string' }, password: { type: 'string' } } }),
        },
        responses: {
          200: { description: 'token and user' },
          401: error('wrong user name or password'),
          422: error('malformed body'),
          429: error('too many attempts'),
        },
      },
    },
    '/auth/me': {
      get: {
        summary: 'The caller, with roles and engine groups',
        security: bearer,
        responses: { 200: { description: 'the caller' }, 401: error('not logged in') },
      },
    },
  };
}
