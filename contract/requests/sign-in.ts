import { codedProblem, type FieldProblem } from '../problems.ts';
import { passwordProblems } from '../passwords.ts';
import { looksLikeOneTimeCode } from '../one-time-codes.ts';

/**
 * 登录, 修改密码 and 双因素认证: the bodies of POST /auth/login, /auth/password, the sign-in's second
 * step (/auth/second-factor, its enrolment) and of a person's own second factor (/me/second-factor/…),
 * checked by the server (server/auth) and by the login page and the account dialogs before they
 * send. A code is any short text to the schema, not six digits: at the sign-in and for an act on the
 * second factor a malformed code counts toward the lock like a wrong one (server/auth/second-factor.service.ts).
 */

const password = (title: string, titleEn: string) => ({ type: 'string', minLength: 1, maxLength: 256, title, 'x-title-en': titleEn }) as const;
const challenge = {
  type: 'string',
  minLength: 1,
  maxLength: 2048,
  title: '登录验证',
  'x-title-en': 'Sign-in challenge',
  description: 'the challenge of POST /auth/login (5 minutes; not a bearer token)',
} as const;
const code = {
  type: 'string',
  minLength: 1,
  maxLength: 16,
  title: '动态验证码',
  'x-title-en': 'Code',
  description:
    "the authenticator's 6-digit code (30 s, ±1 step), each good once: TOTP (RFC 6238, SHA1), or GM/T 0021's SM3 code for an enrolment made under SECOND_FACTOR_ALGORITHM=SM3",
} as const;
const recoveryCode = {
  type: 'string',
  minLength: 1,
  maxLength: 32,
  title: '恢复码',
  'x-title-en': 'Recovery code',
  description: 'one of the ten recovery codes (xxxxx-xxxxx), each good once',
} as const;

export const loginSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['username', 'password'],
  properties: {
    username: { type: 'string', minLength: 1, maxLength: 64, title: '用户名', 'x-title-en': 'User name' },
    password: password('密码', 'Password'),
    // a new password with the sign-in: how an expired one is replaced (the current one proves who it is)
    newPassword: password('新密码', 'New password'),
  },
} as const;

export interface LoginBody {
  username: string;
  password: string;
  newPassword?: string;
}

/** What the schema cannot say: a new password given with the sign-in (an expired one replaced) keeps the policy (contract/passwords.ts). */
export const loginRules = (body: LoginBody): FieldProblem[] => (body.newPassword === undefined ? [] : passwordProblems(body.newPassword, body.username));

/** 修改密码; the policy is checked for the signed-in person's user name, which the body does not carry (passwordProblems). */
export const passwordChangeSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['currentPassword', 'newPassword'],
  properties: { currentPassword: password('当前密码', 'Current password'), newPassword: password('新密码', 'New password') },
} as const;

export interface PasswordChangeBody {
  currentPassword: string;
  newPassword: string;
}

const object = <P extends Record<string, object>>(properties: P, required: (keyof P & string)[] = []) =>
  ({ type: 'object', additionalProperties: false, required, properties }) as const;

/** The sign-in's second step: the challenge of POST /auth/login with a code or a recovery code, or (after a code, the password expired) the new password. */
export const secondStepSchema = object({ challenge, code, recoveryCode, newPassword: password('新密码', 'New password') }, ['challenge']);
/** A second factor's enrolment at sign-in: begun on the challenge, confirmed by its first code. */
export const enrolmentStartSchema = object({ challenge }, ['challenge']);
export const enrolmentConfirmationSchema = object({ challenge, code }, ['challenge', 'code']);
/** The signed-in person's own enrolment, confirmed by its first code. */
export const ownEnrolmentConfirmationSchema = object({ code }, ['code']);
/** A code or a recovery code for an act on one's own second factor (new recovery codes, turning it off). */
export const stepUpSchema = object({ code, recoveryCode });

export interface Codes {
  code?: string;
  recoveryCode?: string;
}
export type SecondStepBody = Codes & { challenge: string; newPassword?: string };

/** Neither a code nor a recovery code given: at the code's field. */
export const codeMissingProblem = (): FieldProblem =>
  codedProblem('code', 'required', '请输入身份验证器上的 6 位动态验证码，或一个恢复码', 'Type the 6-digit code of the authenticator, or a recovery code');

/** A code that is not the authenticator's now (or not six digits): at the code's field, as `second_factor_code_wrong`. */
export const codeWrongProblem = (): FieldProblem =>
  codedProblem(
    'code',
    'second_factor_code_wrong',
    '动态验证码不正确，请输入验证器上当前显示的 6 位数字',
    'The code is not correct: type the 6 digits the authenticator shows now',
  );

/** What the schema cannot say of an act on one's own second factor: a code or a recovery code is given. */
export const stepUpRules = (body: Codes): FieldProblem[] => (body.code === undefined && body.recoveryCode === undefined ? [codeMissingProblem()] : []);

/**
 * What the schema cannot say of the sign-in's second step: a code or a recovery code, unless the new
 * password comes alone (after a code that passed while the password had expired, which only the
 * server can tell: it asks for the code again otherwise).
 */
export const secondStepRules = (body: SecondStepBody): FieldProblem[] => (body.newPassword === undefined ? stepUpRules(body) : []);

/**
 * What the schema cannot say of an enrolment's first code: six digits (spaces allowed). A code of any
 * other shape cannot be the authenticator's, and is said as a wrong one; nothing is counted toward a
 * lock at the enrolment (the one who types it has just been shown the secret).
 */
export const enrolmentCodeRules = (body: { code: string }): FieldProblem[] => (looksLikeOneTimeCode(body.code) ? [] : [codeWrongProblem()]);
