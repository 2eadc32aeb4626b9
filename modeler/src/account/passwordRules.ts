import { passwordProblems } from '../../../contract/passwords.ts';
import type { ShownProblem } from '../shared/useFormProblems.ts';

/**
 * What a page checks of a new password beyond its request's schema (useFormProblems' `also`): the
 * server's own policy (contract/passwords.ts, in the server's words) for `username` where the body
 * does not carry the user name (the signed-in person's; the challenge's after a second factor; null
 * where the request's own rules check it), and the same password typed twice (`confirm`, never sent).
 * Only the server can tell a reused one: its 422 (password_policy) is shown at the field the same way.
 */
export function newPasswordProblems(model: { newPassword: string; confirm: string }, username: string | null, mismatch: string): ShownProblem[] {
  const policy = username !== null && model.newPassword ? passwordProblems(model.newPassword, username) : [];
  return [...policy, ...(model.confirm === model.newPassword ? [] : [{ field: 'confirm', message: mismatch }])];
}
