import type { FormItemRule } from 'element-plus';
import { ApiError } from '../api/http.ts';
import { passwordProblems } from '../../../contract/passwords.ts';
import { appLocale } from '../i18n/index.ts';

/**
 * The form's checks of the new password: given, the server's own policy (contract/passwords.ts, in
 * the server's words: long enough, three kinds of characters, not the user name) for `username()`,
 * and typed the same twice. Only the server can tell a reused one (422 password_policy: policyProblems).
 */
export function newPasswordRules(
  model: { newPassword: string; confirm: string },
  t: (key: string, values?: Record<string, unknown>) => string,
  username: () => string,
) {
  return {
    newPassword: [
      { required: true, message: t('account.required', { field: t('account.newPassword') }), trigger: 'blur' },
      {
        validator: (_rule: unknown, value: string, callback: (error?: Error) => void) => {
          const broken = value ? passwordProblems(value, username()) : [];
          return broken.length ? callback(new Error(broken.map((p) => p.message[appLocale.value]).join('；'))) : callback();
        },
        trigger: 'blur',
      },
    ] as FormItemRule[],
    confirm: [
      { required: true, message: t('account.required', { field: t('account.confirmPassword') }), trigger: 'blur' },
      {
        validator: (_rule: unknown, value: string, callback: (error?: Error) => void) =>
          value === model.newPassword ? callback() : callback(new Error(t('account.mismatch'))),
        trigger: 'blur',
      },
    ] as FormItemRule[],
  };
}

/** The rules a new password broke, in the server's words (422 password_policy); empty for any other answer. */
export const policyProblems = (err: unknown): string[] =>
  err instanceof ApiError && err.code === 'password_policy' ? err.details.filter((d) => d.field === 'newPassword').map((d) => d.message) : [];
