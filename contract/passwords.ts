import { fieldProblem, type FieldProblem } from './problems.ts';

/**
 * 口令复杂度: the password policy, one place for the server (server/auth/password-policy.ts, which
 * also refuses the last five passwords: only the hashes can tell) and the pages that set a
 * password (the change dialog, an expired password at sign-in, the registration), which check a
 * new password with it before sending, in the server's words.
 */

export const PASSWORD_MIN_LENGTH = 8;
/** of lower case, upper case, digits and symbols */
export const PASSWORD_MIN_CLASSES = 3;
/** the new password may be none of the last this many (the current one included) */
export const PASSWORD_HISTORY = 5;

const CLASSES: [RegExp, string, string][] = [
  [/[a-z]/, '小写字母', 'lower-case letters'],
  [/[A-Z]/, '大写字母', 'upper-case letters'],
  [/[0-9]/, '数字', 'digits'],
  [/[^a-zA-Z0-9]/, '符号', 'symbols'],
];

/**
 * 口令复杂度: what is wrong with a new password, each rule broken once, in both languages (empty: it
 * may be used, unless it is one of the last five, which only the hashes can tell). The rules apply
 * when a password is set through the API (a change, or a new one at an expired sign-in); the
 * embedded default's demo accounts are seeded with "demo" and keep it.
 */
export function passwordProblems(password: string, username: string): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const problem = (code: string, zh: string, en: string) => problems.push({ ...fieldProblem('newPassword', zh, en), code });
  if ([...password].length < PASSWORD_MIN_LENGTH) {
    problem('password_too_short', `密码至少 ${PASSWORD_MIN_LENGTH} 个字符`, `The password needs at least ${PASSWORD_MIN_LENGTH} characters`);
  }
  const present = CLASSES.filter(([pattern]) => pattern.test(password));
  if (present.length < PASSWORD_MIN_CLASSES) {
    const missing = CLASSES.filter((c) => !present.includes(c));
    problem(
      'password_too_few_classes',
      `密码须包含小写字母、大写字母、数字、符号中的至少 ${PASSWORD_MIN_CLASSES} 类（还可加入：${missing.map((c) => c[1]).join('、')}）`,
      `The password needs at least ${PASSWORD_MIN_CLASSES} of lower-case letters, upper-case letters, digits and symbols (add: ${missing.map((c) => c[2]).join(', ')})`,
    );
  }
  if (username && password.toLowerCase().includes(username.toLowerCase())) {
    problem('password_contains_username', '密码不能包含用户名', 'The password must not contain the user name');
  }
  return problems;
}
