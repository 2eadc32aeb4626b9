import { ROLES } from './user.model.ts';
import { always, answer, bearer, error, instant, json, nullable, type Paths } from '../openapi/helpers.ts';

/** Who is signed in: the account's principal and the engine groups it belongs to. */
const principal = always({
  id: { type: 'integer' },
  username: { type: 'string' },
  displayName: { type: 'string' },
  roles: { type: 'array', items: { enum: [...ROLES] } },
  departmentCode: { ...nullable(), description: 'staff only' },
  groups: { type: 'array', items: { type: 'string' }, description: 'engine candidate groups "<department>:<role>" (none without a department)' },
});
const password = { type: 'string', minLength: 1, maxLength: 256 };

/** Signing in and out, one's password, and unlocking a locked user name: paths of /api/v1. */
export function authPaths(): Paths {
  return {
    '/auth/login': {
      post: {
        summary:
          'Log in; returns a short-lived bearer token with its own session. After LOGIN_LOCK_ATTEMPTS failures within LOGIN_LOCK_WINDOW_MINUTES the user name is locked (401 account_locked, until when, Retry-After); a password older than PASSWORD_MAX_AGE_DAYS is 403 password_expired, and the same sign-in with newPassword replaces it',
        requestBody: {
          required: true,
          content: json({
            type: 'object',
            additionalProperties: false,
            required: ['username', 'password'],
            properties: {
              username: { type: 'string', minLength: 1, maxLength: 64 },
              password,
              newPassword: { ...password, description: 'sets a new password (under the policy) and signs in: how an expired one is replaced' },
            },
          }),
        },
        responses: {
          200: answer('token and user', always({ token: { type: 'string' }, tokenType: { const: 'Bearer' }, expiresAt: instant, user: principal })),
          401: error('invalid_credentials: wrong user name or password, or an inactive account (alike); account_locked: locked until the time it says'),
          403: error('password_expired: sign in again with newPassword'),
          422: error('malformed body, or a newPassword the policy refuses (password_policy, naming each rule)'),
          429: error('too many attempts from this address'),
        },
      },
    },
    '/auth/me': {
      get: {
        summary: 'The caller, with roles and engine groups',
        security: bearer,
        responses: { 200: answer('the caller', principal), 401: error('not logged in') },
      },
    },
    '/auth/logout': {
      post: {
        summary: "退出: the token's session ends; the token is refused everywhere from now on and its sockets are dropped",
        security: bearer,
        responses: { 204: { description: 'signed out' } },
      },
    },
    '/auth/password': {
      post: {
        summary:
          "修改密码: the current password and a new one under the policy (8+ characters of 3 of 4 classes, not containing the user name, none of the last five); the user's other sessions end, this one goes on. A wrong current password counts as a failed sign-in",
        security: bearer,
        requestBody: {
          required: true,
          content: json({
            type: 'object',
            additionalProperties: false,
            required: ['currentPassword', 'newPassword'],
            properties: { currentPassword: password, newPassword: password },
          }),
        },
        responses: {
          200: answer('changed', always({ changedAt: instant })),
          422: error('current_password_wrong, or password_policy naming each rule the new one breaks'),
          429: error('too many attempts from this address, or the user name is locked (account_locked)'),
        },
      },
    },
    '/admin/users/{username}/unlock': {
      post: {
        summary: '解锁: an administrator unlocks a user name locked by failed sign-ins',
        security: bearer,
        parameters: [{ name: 'username', in: 'path', required: true, schema: { type: 'string' } }],
        responses: {
          200: answer(
            'unlocked',
            always({
              username: { type: 'string' },
              unlocked: { const: true },
              wasLockedUntil: { ...nullable('date-time'), description: 'null: it was not locked' },
              failuresCleared: { type: 'integer' },
            }),
          ),
          404: error('no such user'),
        },
      },
    },
  };
}
