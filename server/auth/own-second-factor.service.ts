import type { AuditAction } from '../../contract/audit-actions.ts';
import type { Codes } from '../../contract/requests/sign-in.ts';
import { AppError, conflict } from '../errors/app-error.ts';
import { recordAudit } from '../audit/index.ts';
import type { TokenService } from './tokens.ts';
import { User } from './user.model.ts';
import type { Lockout } from './lockout.ts';
import { signInAudit, type Caller } from './sign-in.ts';
import type { SecondFactors } from './second-factor.service.ts';
import { CodeAttempts, methodOf } from './sign-in.service.ts';

/**
 * 双因素认证 of a signed-in person (/me/second-factor: ./second-factor.controller.ts only reads the
 * request and answers): whether it is set up and required, setting one up, new recovery codes and
 * turning it off (each of the last two with a code; wrong ones count toward the lock, 429 when
 * locked: the session goes on). Every act is in the audit trail and the log, never a secret or a code.
 */
export class OwnSecondFactor {
  private readonly attempts: CodeAttempts;

  constructor(
    private readonly secondFactors: SecondFactors,
    lockout: Lockout,
    now: () => number,
  ) {
    this.attempts = new CodeAttempts(lockout, now);
  }

  private async user(userId: number): Promise<User> {
    return (await User.findByPk(userId))!;
  }

  /** Whether it is set up, required, and how many recovery codes are left. */
  async status(userId: number) {
    const status = await this.secondFactors.status(await this.user(userId));
    return { ...status, confirmedAt: status.confirmedAt?.toISOString() ?? null };
  }

  /** Starts setting up an authenticator (anyone may; SECOND_FACTOR_REQUIRED makes it a must): the secret, shown once. */
  async begin(userId: number, caller: Caller) {
    const user = await this.user(userId);
    const enrolment = await this.secondFactors.begin(user);
    caller.log?.info({ user: user.username, clientAddress: caller.ip ?? null }, 'second factor enrolment begun');
    await signInAudit(user.username, 'auth.second_factor_enrolment_begun', 'success', { at: 'account' });
    return enrolment;
  }

  /** The first code confirms it: the recovery codes, shown once. */
  async confirm(userId: number, code: string, caller: Caller): Promise<{ enrolled: true; recoveryCodes: string[] }> {
    const user = await this.user(userId);
    const recoveryCodes = await this.secondFactors.confirm(user, code);
    caller.log?.info({ user: user.username, clientAddress: caller.ip ?? null }, 'second factor enrolled');
    await signInAudit(user.username, 'auth.second_factor_enrolled', 'success', { at: 'account', session: caller.sessionId });
    return { enrolled: true, recoveryCodes };
  }

  /** A code or a recovery code (one of them: contract/requests/sign-in.ts stepUpRules) of the person's own second factor, for an act on it; wrong ones count toward the lock (429 when locked). */
  private async stepUp(userId: number, codes: Codes, caller: Caller, action: AuditAction): Promise<{ user: User; detail: Record<string, unknown> }> {
    const user = await this.user(userId);
    if (!(await this.secondFactors.enrolled(user.id))) throw conflict('second_factor_not_enrolled');
    await this.attempts.refuseIfLocked(caller, user.username, action, 429);
    const result = await this.secondFactors.verify(user.id, codes);
    if (!result.ok) throw await this.attempts.wrong(caller, user.username, action, result.reason, 429);
    await this.attempts.cleared(user.username);
    return { user, detail: methodOf(result) };
  }

  /** New recovery codes in place of the old ones (a code proves the phone is at hand); shown once. */
  async regenerateRecoveryCodes(userId: number, codes: Codes, caller: Caller): Promise<{ recoveryCodes: string[] }> {
    const { user, detail } = await this.stepUp(userId, codes, caller, 'auth.recovery_codes_failed');
    const recoveryCodes = await this.secondFactors.regenerate(user.id);
    caller.log?.info({ user: user.username, clientAddress: caller.ip ?? null }, 'recovery codes regenerated');
    await signInAudit(user.username, 'auth.recovery_codes_regenerated', 'success', { session: caller.sessionId, ...detail });
    return { recoveryCodes };
  }

  /**
   * Turns the second factor off, with a code: only for those whose role does not require one (409
   * second_factor_mandatory, before any code is read: `codes` reads the request's once that is known).
   */
  async disable(userId: number, codes: () => Codes, caller: Caller): Promise<void> {
    const user = await this.user(userId);
    if (await this.secondFactors.isRequired(user)) {
      caller.log?.info({ user: user.username, clientAddress: caller.ip ?? null }, 'second factor not turned off: the role requires it');
      await signInAudit(user.username, 'auth.second_factor_disable_refused', 'failure', { reason: 'required' });
      throw conflict('second_factor_mandatory');
    }
    const { detail } = await this.stepUp(userId, codes(), caller, 'auth.second_factor_disable_failed');
    await this.secondFactors.remove(user.id);
    caller.log?.info({ user: user.username, clientAddress: caller.ip ?? null }, 'second factor turned off');
    await signInAudit(user.username, 'auth.second_factor_disabled', 'success', { session: caller.sessionId, ...detail });
  }
}

/** Who acts in the security administrator's acts: the signed-in administrator. */
export interface Administrator {
  id: number;
  username: string;
}

/**
 * 重置双因素认证: an administrator removes another user's second factor and recovery codes (a lost
 * phone); the user's sessions end, and one whose role requires a second factor sets up a new one at
 * the next sign-in. Not one's own: another administrator does that.
 */
export async function resetSecondFactor(secondFactors: SecondFactors, tokens: TokenService, admin: Administrator, username: string, caller: Caller) {
  const user = await User.findOne({ attributes: ['id', 'username'], where: { username } });
  if (!user) throw new AppError(404, 'user_not_found');
  if (user.id === admin.id) throw conflict('second_factor_self_reset');
  const wasEnrolled = await secondFactors.remove(user.id);
  await tokens.endSessionsOf(user.id, 'second_factor_reset');
  caller.log?.info({ user: admin.username, clientAddress: caller.ip ?? null, target: username, wasEnrolled }, 'second factor reset');
  await recordAudit({ actor: admin.username, action: 'auth.second_factor_reset', target: `user:${username}`, detail: { wasEnrolled } });
  return { username, reset: true as const, wasEnrolled };
}

/** 解锁: a user name locked by failed sign-ins opened again by an administrator; 404 for a name of no account. */
export async function unlockUserName(lockout: Lockout, admin: Administrator, username: string, caller: Caller) {
  if (!(await User.findOne({ attributes: ['id'], where: { username } }))) throw new AppError(404, 'user_not_found');
  const { wasLockedUntil, failures } = await lockout.unlock(username);
  caller.log?.info({ user: admin.username, clientAddress: caller.ip ?? null, target: username, wasLockedUntil }, 'user name unlocked');
  await recordAudit({ actor: admin.username, action: 'auth.unlocked', target: `user:${username}`, detail: { wasLockedUntil, failuresCleared: failures } });
  return { username, unlocked: true as const, wasLockedUntil: wasLockedUntil?.toISOString() ?? null, failuresCleared: failures };
}
