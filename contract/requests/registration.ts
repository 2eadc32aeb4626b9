import type { FieldProblem } from '../problems.ts';
import { passwordProblems } from '../passwords.ts';
import { ONE_TIME_CODE_PATTERN } from '../one-time-codes.ts';
import { shaped } from '../validation/pattern-hint.ts';
import { USERNAME_SHAPE } from './accounts.ts';

/**
 * 申请人注册: the bodies of POST /auth/registration/phone-codes, /auth/registration/phone-verifications
 * and /auth/registrations, checked by the server (server/auth/registration.service.ts) and by the
 * registration page before it sends.
 */

const phone = { type: 'string', format: 'cn-mobile', title: '手机号', 'x-title-en': 'Phone' } as const;
const object = <P extends Record<string, object>>(properties: P, required: (keyof P & string)[]) =>
  ({ type: 'object', additionalProperties: false, required, properties }) as const;

export const phoneCodeSchema = object({ phone }, ['phone']);
export const phoneVerificationSchema = object(
  {
    phone,
    code: {
      type: 'string',
      ...shaped(ONE_TIME_CODE_PATTERN, '应为短信中的 6 位数字', 'must be the 6 digits of the text message'),
      title: '验证码',
      'x-title-en': 'Code',
    },
  },
  ['phone', 'code'],
);
export const registrationSchema = object(
  {
    verification: { type: 'string', minLength: 1, maxLength: 128, title: '手机验证', 'x-title-en': 'Phone verification' },
    username: { type: 'string', ...USERNAME_SHAPE, title: '用户名', 'x-title-en': 'User name' },
    displayName: { type: 'string', minLength: 1, maxLength: 100, format: 'person-name', title: '姓名', 'x-title-en': 'Name' },
    idNo: { type: 'string', format: 'cn-id-card', title: '身份证号码', 'x-title-en': 'ID number' },
    password: { type: 'string', minLength: 1, maxLength: 256, title: '密码', 'x-title-en': 'Password' },
  },
  ['verification', 'username', 'displayName', 'idNo', 'password'],
);

export interface PhoneVerificationBody {
  phone: string;
  code: string;
}

export interface NewRegistration {
  verification: string;
  username: string;
  displayName: string;
  idNo: string;
  password: string;
}

/** What the schema cannot say: the password keeps the policy (contract/passwords.ts) for the user name chosen, said at the password. */
export const registrationRules = (body: NewRegistration): FieldProblem[] =>
  passwordProblems(body.password, body.username).map((p) => ({ ...p, field: 'password' }));
