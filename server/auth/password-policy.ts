import { fieldProblem, type FieldProblem } from '../errors/app-error.ts';
import { PASSWORD_HISTORY } from '../../contract/passwords.ts';

/** The policy is the contract's (the pages check with it too). */
export { PASSWORD_HISTORY, PASSWORD_MIN_CLASSES, PASSWORD_MIN_LENGTH, passwordProblems } from '../../contract/passwords.ts';

export const reusedPasswordProblem = (): FieldProblem => ({
  ...fieldProblem(
    'newPassword',
    `新密码不能与最近 ${PASSWORD_HISTORY} 次使用过的密码相同`,
    `The new password must differ from the last ${PASSWORD_HISTORY} passwords`,
  ),
  code: 'password_reused',
});
