import type { FormItemRule } from 'element-plus';
import { ApiError } from '../api/http.ts';

/** The form's own checks of the new password: given, and typed the same twice (the policy is the server's). */
export function newPasswordRules(model: { newPassword: string; confirm: string }, t: (key: string, values?: Record<string, unknown>) => string) {
  return {
    newPassword: [{ required: true, message: t('account.required', { field: t('account.newPassword') }), trigger: 'blur' }] as FormItemRule[],
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
