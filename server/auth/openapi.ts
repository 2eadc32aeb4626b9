import { newUserSchema, userChangeSchema } from './user-admin.ts';
import { always, answer, bearer, clean, error, instant, json, nullable, type Paths } from '../openapi/helpers.ts';
import { identityPaths } from './identity-openapi.ts';
import { principal, secondStepOf, signedIn } from './session-openapi.ts';
import {
  enrolmentConfirmationSchema,
  enrolmentStartSchema,
  loginSchema,
  ownEnrolmentConfirmationSchema,
  passwordChangeSchema,
  secondStepSchema,
  stepUpSchema,
} from '../../contract/requests/sign-in.ts';

const recoveryCodes = { type: 'array', items: { type: 'string' }, minItems: 10, maxItems: 10, description: 'shown this once; each signs in once' };
const enrolment = always({
  secret: { type: 'string', description: 'base32, to type into the app where the QR code cannot be read' },
  otpauthUri: { type: 'string', description: 'otpauth://totp/… for the QR code' },
  issuer: { type: 'string' },
  account: { type: 'string' },
  algorithm: {
    enum: ['SHA1', 'SM3'],
    description:
      'SHA1: TOTP (RFC 6238), any authenticator app; SM3: the dynamic password of GM/T 0021-2012, a token or app that implements it (SECOND_FACTOR_ALGORITHM)',
  },
  digits: { const: 6 },
  period: { const: 30 },
});

/** A task a member of staff holds (移交待办), with who may take it over. */
const heldTask = always({
  id: { type: 'string' },
  caseNo: nullable(),
  step: { ...nullable(), description: "the step's name (审核, 签发 …)" },
  taskDefinitionKey: { type: 'string' },
  regionCode: { ...nullable(), description: "the case's region: a colleague must work there (a leader: there or above)" },
  claimedSince: { type: 'string', description: 'when the task was created' },
  delegatedBy: { ...nullable(), description: '委派: who delegated it to the person; back goes to them' },
  mayGoBack: { type: 'boolean', description: 'false: a task given to named people (或签, 会签), which must go to a colleague' },
  colleagues: {
    type: 'array',
    items: always({ username: { type: 'string' }, displayName: { type: 'string' } }),
    description: "active staff of the task's role in the case's region, the person excepted",
  },
});
const staffFile = {
  'multipart/form-data': {
    schema: { type: 'object', required: ['file'], properties: { file: { type: 'string', format: 'binary', description: 'the CSV file (at most 1 MB)' } } },
  },
  'text/csv': { schema: { type: 'string', description: 'the CSV file itself (at most 1 MB)' } },
};

/** Signing in and out, one's password, the second factor, and unlocking a locked user name: paths of /api/v1. */
export function authPaths(): Paths {
  return {
    // 统一身份认证 and the applicants' registration
    ...identityPaths(),
    '/auth/login': {
      post: {
        summary:
          'Log in; returns a short-lived bearer token with its own session, or (second factor) a challenge for the second step. After LOGIN_LOCK_ATTEMPTS failures within LOGIN_LOCK_WINDOW_MINUTES the user name is locked (401 account_locked, until when, Retry-After); a password older than PASSWORD_MAX_AGE_DAYS is 403 password_expired, and the same sign-in with newPassword replaces it',
        requestBody: { required: true, content: json(clean(loginSchema)) },
        responses: {
          200: answer(
            'token and user; or, for a person with a second factor, a challenge for POST /auth/second-factor; or, where SECOND_FACTOR_REQUIRED asks for one and there is none, a challenge for the enrolment',
            {
              oneOf: [signedIn, secondStepOf('second_factor_required'), secondStepOf('second_factor_enrolment_required')],
            },
          ),
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
        requestBody: { required: true, content: json(clean(passwordChangeSchema)) },
        responses: {
          200: answer('changed', always({ changedAt: instant })),
          422: error('current_password_wrong, or password_policy naming each rule the new one breaks'),
          429: error('too many attempts from this address, or the user name is locked (account_locked)'),
        },
      },
    },
    '/auth/second-factor': {
      post: {
        summary:
          "双因素认证, the sign-in's second step: the challenge of POST /auth/login and the authenticator's code (or a recovery code, then used up) give the session. Wrong, malformed and used codes count toward the user name's lock. A password past PASSWORD_MAX_AGE_DAYS is 403 password_expired after a right code; the same challenge with newPassword and no code then sets it and signs in",
        requestBody: { required: true, content: json(clean(secondStepSchema)) },
        responses: {
          200: answer('signed in', {
            ...signedIn,
            properties: { ...signedIn.properties, recoveryCodesLeft: { type: 'integer', description: 'after a recovery code: how many are left' } },
          }),
          401: error(
            'challenge_invalid: expired, used up by a password change, or not ours; second_factor_invalid: a wrong or used code; account_locked: locked until the time it says',
          ),
          403: error('password_expired: send the same challenge again with newPassword'),
          422: error('malformed body, no code, or a newPassword the policy refuses'),
          429: error('too many attempts from this address'),
        },
      },
    },
    '/auth/second-factor/enrolment': {
      post: {
        summary:
          "Enrolment at sign-in, for a role that requires a second factor (SECOND_FACTOR_REQUIRED) and has none: on the login's enrolment challenge, a new TOTP secret and its otpauth:// URI (shown once; not a factor until confirmed)",
        requestBody: { required: true, content: json(clean(enrolmentStartSchema)) },
        responses: {
          200: answer('the secret to put into an authenticator app', enrolment),
          401: error('challenge_invalid'),
          409: error('second_factor_enrolled: there is one already'),
          422: error('malformed body'),
          429: error('too many attempts from this address'),
        },
      },
    },
    '/auth/second-factor/enrolment/confirmation': {
      post: {
        summary: "Confirms the enrolment at sign-in with the app's first code: the ten recovery codes (shown once) and the session",
        requestBody: { required: true, content: json(clean(enrolmentConfirmationSchema)) },
        responses: {
          200: answer('enrolled and signed in', {
            ...signedIn,
            required: [...signedIn.required, 'recoveryCodes'],
            properties: { ...signedIn.properties, recoveryCodes },
          }),
          401: error('challenge_invalid'),
          409: error('second_factor_no_enrolment: start it first; second_factor_enrolled'),
          422: error('malformed body, or second_factor_code_wrong'),
          429: error('too many attempts from this address'),
        },
      },
    },
    '/me/second-factor': {
      get: {
        summary: '双因素认证 of the caller: set up or not, whether the role requires it, since when, recovery codes left, the algorithm of the codes',
        security: bearer,
        responses: {
          200: answer(
            'the state',
            always({
              enrolled: { type: 'boolean' },
              required: { type: 'boolean', description: 'SECOND_FACTOR_REQUIRED names the role, or a seal names the person: it cannot be turned off' },
              confirmedAt: nullable('date-time'),
              recoveryCodesLeft: { type: 'integer' },
              algorithm: {
                enum: ['SHA1', 'SM3'],
                description: "the codes' algorithm: the enrolment's, or the one a new enrolment takes (SECOND_FACTOR_ALGORITHM)",
              },
            }),
          ),
        },
      },
    },
    '/me/second-factor/disable': {
      post: {
        summary: "Turns the caller's second factor off, with a code (or a recovery code); not where the role requires one. Wrong codes count toward the lock",
        security: bearer,
        requestBody: { required: true, content: json(clean(stepUpSchema)) },
        responses: {
          204: { description: 'turned off; its recovery codes are gone' },
          409: error('second_factor_mandatory: the role requires it; second_factor_not_enrolled'),
          422: error('malformed body, no code, or second_factor_code_wrong'),
          429: error('too many attempts from this address, or the user name is locked (account_locked)'),
        },
      },
    },
    '/me/second-factor/enrolment': {
      post: {
        summary: 'Starts setting up an authenticator for the caller: a new TOTP secret and its otpauth:// URI, shown once (again: a new secret)',
        security: bearer,
        responses: { 200: answer('the secret to put into an authenticator app', enrolment), 409: error('second_factor_enrolled: there is one already') },
      },
    },
    '/me/second-factor/enrolment/confirmation': {
      post: {
        summary: "Confirms the caller's enrolment with the app's first code: the ten recovery codes, shown once",
        security: bearer,
        requestBody: { required: true, content: json(clean(ownEnrolmentConfirmationSchema)) },
        responses: {
          200: answer('enrolled', always({ enrolled: { const: true }, recoveryCodes })),
          409: error('second_factor_no_enrolment; second_factor_enrolled'),
          422: error('malformed body, or second_factor_code_wrong'),
        },
      },
    },
    '/me/second-factor/recovery-codes': {
      post: {
        summary: 'Ten new recovery codes in place of all the old ones, with a code (or a recovery code); shown once. Wrong codes count toward the lock',
        security: bearer,
        requestBody: { required: true, content: json(clean(stepUpSchema)) },
        responses: {
          200: answer('the new codes', always({ recoveryCodes })),
          409: error('second_factor_not_enrolled'),
          422: error('malformed body, no code, or second_factor_code_wrong'),
          429: error('too many attempts from this address, or the user name is locked (account_locked)'),
        },
      },
    },
    '/admin/users/{username}/second-factor/reset': {
      post: {
        summary:
          "重置双因素认证: the security administrator (三员分立) removes another user's second factor and recovery codes (a lost phone); the user's sessions end; a role that requires one sets up a new one at the next sign-in",
        security: bearer,
        parameters: [{ name: 'username', in: 'path', required: true, schema: { type: 'string' } }],
        responses: {
          200: answer(
            'reset',
            always({ username: { type: 'string' }, reset: { const: true }, wasEnrolled: { type: 'boolean', description: 'false: there was none' } }),
          ),
          404: error('no such user'),
          409: error("second_factor_self_reset: not one's own"),
        },
      },
    },
    '/admin/accounts': {
      get: {
        summary:
          "账号安全 (the security administrator's, 三员分立): every account with its roles, active, when its password was set, its lock (until, failures, last address) and its second factor (enrolled, required by its roles or a seal)",
        security: bearer,
        parameters: [
          { name: 'q', in: 'query', required: false, schema: { type: 'string', maxLength: 64 }, description: 'a part of the user name or the name' },
          { name: 'locked', in: 'query', required: false, schema: { enum: ['true', 'false'] }, description: 'true: locked user names only' },
          {
            name: 'region',
            in: 'query',
            required: false,
            schema: { type: 'string' },
            description: 'the people of that region and of the regions under it (四级)',
          },
          { name: 'limit', in: 'query', required: false, schema: { type: 'integer', minimum: 1, maximum: 100, default: 20 } },
          { name: 'offset', in: 'query', required: false, schema: { type: 'integer', minimum: 0, default: 0 } },
        ],
        responses: {
          200: answer(
            '{total, limit, offset, accounts}',
            always({
              total: { type: 'integer' },
              limit: { type: 'integer' },
              offset: { type: 'integer' },
              accounts: {
                type: 'array',
                items: always({
                  username: { type: 'string' },
                  displayName: { type: 'string' },
                  roles: { type: 'array', items: { type: 'string' } },
                  departmentCode: { type: ['string', 'null'] },
                  regionCode: { type: ['string', 'null'] },
                  active: { type: 'boolean' },
                  passwordChangedAt: { type: 'string', format: 'date-time' },
                  lock: {
                    oneOf: [
                      { type: 'null' },
                      always({
                        until: { type: 'string', format: 'date-time' },
                        failures: { type: 'integer' },
                        lastClientAddress: { type: ['string', 'null'] },
                      }),
                    ],
                  },
                  secondFactor: always({ enrolled: { type: 'boolean' }, required: { type: 'boolean' }, since: nullable('date-time') }),
                  identity: {
                    oneOf: [{ type: 'null' }, always({ idNo: { type: 'string', description: 'masked' } })],
                    description: '统一身份认证: the ID number the staff account is bound to (masked); null: none',
                  },
                }),
              },
            }),
          ),
          422: error('a bad filter or page'),
        },
      },
    },
    '/admin/users': {
      post: {
        summary:
          "新建账号 (the security administrator, 三员分立): a person's account with its roles and department; the answer carries a temporary password, shown once, which must be changed at the first sign-in. Staff belong to a department; no account holds two administrator roles",
        security: bearer,
        requestBody: { required: true, content: json(clean(newUserSchema)) },
        responses: {
          201: answer('created', always({ username: { type: 'string' }, temporaryPassword: { type: 'string' } })),
          409: error('username_taken'),
          422: error('a bad field, an unknown department, roles 三员分立 forbids together'),
        },
      },
    },
    '/admin/users/{username}': {
      patch: {
        summary:
          "修改账号: name, roles, department, active. The person's sessions end when their rights change; nobody changes their own rights (409 own_account); the last active holder of an administrator role keeps it (409 last_administrator). Audited with before and after",
        security: bearer,
        parameters: [{ name: 'username', in: 'path', required: true, schema: { type: 'string' } }],
        requestBody: { required: true, content: json(clean(userChangeSchema)) },
        responses: {
          200: answer(
            'the account now',
            always({
              username: { type: 'string' },
              displayName: { type: 'string' },
              roles: { type: 'array', items: { type: 'string' } },
              departmentCode: { type: ['string', 'null'] },
              regionCode: { type: ['string', 'null'] },
              active: { type: 'boolean' },
            }),
          ),
          404: error('no such user'),
          409: {
            description:
              'own_account, last_administrator; holds_open_tasks: the person holds claimed tasks and the change moves their department, region or roles or deactivates them: `tasks` lists them, to send again with `handOver` naming each',
            content: json({
              type: 'object',
              required: ['error'],
              properties: {
                error: {
                  type: 'object',
                  required: ['code', 'message'],
                  properties: { code: { type: 'string' }, message: { type: 'string' }, tasks: { type: 'array', items: heldTask } },
                },
              },
            }),
          },
          422: error(
            'a bad field, an unknown department, roles 三员分立 forbids together; a hand-over to someone who may not take the task (at handOver.<i>.to)',
          ),
          503: error('engine_unavailable: the tasks the person holds cannot be read; nothing was changed'),
        },
      },
    },
    '/admin/users/{username}/open-tasks': {
      get: {
        summary: '移交待办: the tasks the person has claimed in the engine, each with its case, step and the colleagues who may take it over',
        security: bearer,
        parameters: [{ name: 'username', in: 'path', required: true, schema: { type: 'string' } }],
        responses: {
          200: answer('the tasks', always({ username: { type: 'string' }, tasks: { type: 'array', items: heldTask } })),
          404: error('no such user'),
          503: error('engine_unavailable'),
        },
      },
    },
    '/admin/users/import': {
      post: {
        summary:
          '批量导入人员: a CSV file (UTF-8, with or without BOM; columns 用户名/username, 姓名/displayName, 角色/roles separated by | or 、, 部门/departmentCode, 区划/regionCode; at most 1 MB and 2,000 rows). ?dryRun=true answers every row with its problems and writes nothing; otherwise nothing is written unless every row is good, then every account is made in one transaction and the answer is the file of their temporary passwords (once; never logged or kept in clear)',
        security: bearer,
        parameters: [{ name: 'dryRun', in: 'query', required: false, schema: { enum: ['true', 'false'] } }],
        requestBody: { required: true, content: staffFile },
        responses: {
          200: answer(
            'the dry run: every row with its problems',
            always({
              total: { type: 'integer' },
              valid: { type: 'integer' },
              invalid: { type: 'integer' },
              rows: {
                type: 'array',
                items: always({
                  row: { type: 'integer', description: "the row's line in the file (the header is line 1)" },
                  username: { type: 'string' },
                  displayName: { type: 'string' },
                  roles: { type: 'array', items: { type: 'string' } },
                  departmentCode: nullable(),
                  regionCode: nullable(),
                  problems: { type: 'array', items: always({ field: { type: 'string' }, message: { type: 'string' } }, 'label', 'code') },
                }),
              },
            }),
          ),
          201: {
            description: 'made: the user names and temporary passwords (username,temporaryPassword), to be changed at the first sign-in',
            content: { 'text/csv': { schema: { type: 'string' } } },
          },
          400: error('file_missing, or a multipart body that cannot be read'),
          413: error('file_too_large: over 1 MB or over 2,000 rows'),
          422: error('staff_import_unreadable (not UTF-8, no header, no row), staff_import_invalid (every bad row at rows.<line>.<field>), a bad dryRun'),
        },
      },
    },
    '/admin/users/{username}/password-reset': {
      post: {
        summary: '重置密码: a temporary password, shown once, changed at the next sign-in; the person’s sessions end. Not one’s own',
        security: bearer,
        parameters: [{ name: 'username', in: 'path', required: true, schema: { type: 'string' } }],
        responses: {
          200: answer('reset', always({ username: { type: 'string' }, temporaryPassword: { type: 'string' } })),
          404: error('no such user'),
          409: error('own_account'),
        },
      },
    },
    '/admin/users/{username}/unlock': {
      post: {
        summary: '解锁: the security administrator (三员分立) unlocks a user name locked by failed sign-ins',
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
