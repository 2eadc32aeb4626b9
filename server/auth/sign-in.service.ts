import { randomBytes } from 'node:crypto';
import type { AppContext } from '../context.ts';
import type { AuditAction } from '../../contract/audit-actions.ts';
import { AppError, unauthenticated, validationFailed } from '../errors/app-error.ts';
import { codeMissingProblem, type LoginBody, type PasswordChangeBody, type SecondStepBody } from '../../contract/requests/sign-in.ts';
import { User } from './user.model.ts';
import { SecondFactor } from './second-factor.model.ts';
import { hashPassword, verifyPassword } from './passwords.ts';
import type { Lockout } from './lockout.ts';
import { passwordMustChange } from './session-rules.ts';
import { changePassword } from './account.service.ts';
import { locked, signInAudit, startSession, type Caller } from './sign-in.ts';
import { type ChallengePurpose, type Challenges, passwordFingerprint } from './challenge.ts';
import { codeWrong, type SecondFactors, type Verification } from './second-factor.service.ts';

/** What signing in and the second factor's acts need besides the context. */
export interface SignInDeps {
  lockout: Lockout;
  secondFactors: SecondFactors;
  challenges: Challenges;
}

/** Neither a code nor a recovery code given: 422 at the code's field. */
export const codeMissing = () => validationFailed([codeMissingProblem()]);

/** A finished sign-in: the session and its bearer token. */
export type SessionAnswer = Awaited<ReturnType<typeof startSession>>;
/** A right password that asks for a second step first: the code, or (a role that requires one) the enrolment. */
export interface SecondStepAnswer {
  status: 'second_factor_required' | 'second_factor_enrolment_required';
  challenge: string;
  challengeExpiresAt: string;
}

// Verifying against a real hash for unknown users makes them cost the same time as a wrong password.
let timingDummy: Promise<string> | undefined;
const dummyHash = () => (timingDummy ??= hashPassword(randomBytes(16).toString('hex')));

/**
 * Codes of a second factor, counted as sign-ins: a wrong one counts toward the user name's lock
 * (./lockout.ts), a locked name is refused before any code is looked at; each is logged and audited,
 * never the code.
 */
export class CodeAttempts {
  constructor(
    private readonly lockout: Lockout,
    private readonly now: () => number,
  ) {}

  /** A wrong code of a known user: counted toward the lock, logged and audited; the error to throw. */
  async wrong(caller: Caller, username: string, action: AuditAction, reason: string, status: 401 | 429): Promise<AppError> {
    const lockedNow = await this.lockout.fail(username, caller.ip ?? null);
    const lock = lockedNow ? { lockedUntil: lockedNow } : {};
    caller.log?.warn({ user: username, clientAddress: caller.ip ?? null, reason, ...lock }, 'second factor refused');
    await signInAudit(username, action, 'failure', { reason, ...lock });
    if (lockedNow) return locked(status, lockedNow, this.now());
    return status === 401 ? new AppError(401, 'second_factor_invalid') : codeWrong();
  }

  /** Refuses a locked user name before any code is looked at (a lock that still told right from wrong would not stop guessing). */
  async refuseIfLocked(caller: Caller, username: string, action: AuditAction, status: 401 | 429): Promise<void> {
    const lockedUntil = await this.lockout.lockedUntil(username);
    if (!lockedUntil) return;
    caller.log?.warn({ user: username, clientAddress: caller.ip ?? null, lockedUntil }, 'second factor refused: the user name is locked');
    await signInAudit(username, action, 'failure', { reason: 'locked', lockedUntil });
    throw locked(status, lockedUntil, this.now());
  }

  /** A passed code: the count of failures starts again. */
  cleared(username: string): Promise<void> {
    return this.lockout.clear(username);
  }
}

/** How a passed second step is recorded: the method, and the recovery codes left after one was used. */
export const methodOf = (v: Verification & { ok: true }) => ({
  secondFactor: v.method,
  ...(v.recoveryCodesLeft !== undefined ? { recoveryCodesLeft: v.recoveryCodesLeft } : {}),
});

/**
 * 登录 and 修改密码, the sign-in's second step and the enrolment a required second factor makes
 * (the rules of ./auth.controller.ts and ./second-factor.controller.ts, which only read the request
 * and answer): refused alike for an unknown name, a wrong password and an inactive account; a
 * locked name says until when; a password past PASSWORD_MAX_AGE_DAYS is replaced with the same
 * sign-in; a person with a second factor gets a challenge instead of a session.
 */
export class SignIn {
  private readonly attempts: CodeAttempts;

  constructor(
    private readonly ctx: AppContext,
    private readonly deps: SignInDeps,
  ) {
    this.attempts = new CodeAttempts(deps.lockout, ctx.tokens.now);
  }

  /**
   * POST /auth/login: a session; or, for a person with a second factor, a challenge for its code;
   * or, where SECOND_FACTOR_REQUIRED asks for one and there is none, a challenge for the enrolment.
   */
  async login(body: LoginBody, caller: Caller): Promise<SessionAnswer | SecondStepAnswer> {
    const { tokens, config } = this.ctx;
    const { lockout, secondFactors, challenges } = this.deps;
    const { username, password, newPassword } = body;
    const clientAddress = caller.ip ?? null;
    const lockedUntil = await lockout.lockedUntil(username);
    if (lockedUntil) {
      caller.log?.warn({ user: username, clientAddress, lockedUntil }, 'login refused: the user name is locked');
      await signInAudit(username, 'auth.login_refused', 'failure', { reason: 'locked', lockedUntil });
      throw locked(401, lockedUntil, tokens.now());
    }
    const user = await User.findOne({ where: { username } });
    const ok = await verifyPassword(user?.passwordHash ?? (await dummyHash()), password);
    if (!user || !ok || !user.active) {
      const reason = !user ? 'unknown user' : !ok ? 'wrong password' : 'inactive account';
      const lockedNow = await lockout.fail(username, clientAddress);
      caller.log?.warn({ user: username, clientAddress, reason, ...(lockedNow ? { lockedUntil: lockedNow } : {}) }, 'login failed');
      await signInAudit(username, 'auth.login_failed', 'failure', { reason, ...(lockedNow ? { lockedUntil: lockedNow } : {}) });
      if (lockedNow) throw locked(401, lockedNow, tokens.now());
      throw unauthenticated('invalid_credentials');
    }
    if (await secondFactors.enrolled(user.id)) {
      // the password alone neither signs in nor clears the count of failures: wrong codes add to it.
      // An expired password is replaced after the code (POST /auth/second-factor with newPassword).
      const { challenge, expiresAt } = await challenges.issue(user, 'second_factor');
      caller.log?.info({ user: username, clientAddress }, 'login: password right, the second factor asked for');
      await signInAudit(username, 'auth.second_factor_challenged', 'success', {});
      return { status: 'second_factor_required', challenge, challengeExpiresAt: expiresAt.toISOString() };
    }
    await lockout.clear(username);
    if (newPassword !== undefined) {
      await changePassword(this.ctx.sequelize, tokens, user, newPassword);
      caller.log?.info({ user: username, clientAddress }, 'password changed at sign-in');
      await signInAudit(username, 'auth.password_changed', 'success', { at: 'sign-in' });
    } else if (passwordMustChange(user, tokens.now(), config.accounts.passwordMaxAgeDays)) {
      caller.log?.info({ user: username, clientAddress }, 'login refused: the password has expired');
      await signInAudit(username, 'auth.login_refused', 'failure', { reason: 'password_expired' });
      throw new AppError(403, 'password_expired');
    }
    if (await secondFactors.isRequired(user)) {
      // SECOND_FACTOR_REQUIRED names the role (or a seal the person): no session before an enrolment
      const { challenge, expiresAt } = await challenges.issue(user, 'enrolment');
      caller.log?.info({ user: username, clientAddress }, 'login: password right, a second factor must be set up first');
      await signInAudit(username, 'auth.second_factor_enrolment_required', 'success', {});
      return { status: 'second_factor_enrolment_required', challenge, challengeExpiresAt: expiresAt.toISOString() };
    }
    return startSession(tokens, caller, user);
  }

  /** 退出: the session ends; its token is refused everywhere from now on and its sockets are dropped. */
  async logout(username: string, caller: Caller & { sessionId: string }): Promise<void> {
    await this.ctx.tokens.endSession(caller.sessionId, 'logout');
    caller.log?.info({ user: username, clientAddress: caller.ip ?? null, session: caller.sessionId }, 'logout');
    await signInAudit(username, 'auth.logout', 'success', { session: caller.sessionId });
  }

  /**
   * POST /auth/password: the current password and a new one under the policy (422 naming every rule
   * broken). A wrong current password counts as a failed sign-in (a stolen token cannot guess it
   * freely); the other sessions of the user end, this one goes on.
   */
  async changePassword(userId: number, body: PasswordChangeBody, caller: Caller): Promise<{ changedAt: string }> {
    const { tokens } = this.ctx;
    const { lockout } = this.deps;
    const user = (await User.findByPk(userId))!;
    const { username } = user;
    const clientAddress = caller.ip ?? null;
    const lockedUntil = await lockout.lockedUntil(username);
    if (lockedUntil) {
      caller.log?.warn({ user: username, clientAddress, lockedUntil }, 'password change refused: the user name is locked');
      await signInAudit(username, 'auth.password_change_failed', 'failure', { reason: 'locked', lockedUntil });
      throw locked(429, lockedUntil, tokens.now());
    }
    if (!(await verifyPassword(user.passwordHash, body.currentPassword))) {
      const lockedNow = await lockout.fail(username, clientAddress);
      caller.log?.warn(
        { user: username, clientAddress, reason: 'wrong current password', ...(lockedNow ? { lockedUntil: lockedNow } : {}) },
        'password change failed',
      );
      await signInAudit(username, 'auth.password_change_failed', 'failure', {
        reason: 'wrong current password',
        ...(lockedNow ? { lockedUntil: lockedNow } : {}),
      });
      if (lockedNow) throw locked(429, lockedNow, tokens.now());
      throw new AppError(422, 'current_password_wrong', [
        { field: 'currentPassword', message: { 'zh-CN': '当前密码不正确', en: 'The current password is not correct' }, code: 'current_password_wrong' },
      ]);
    }
    await lockout.clear(username);
    await changePassword(this.ctx.sequelize, tokens, user, body.newPassword, caller.sessionId);
    caller.log?.info({ user: username, clientAddress, session: caller.sessionId }, 'password changed');
    await signInAudit(username, 'auth.password_changed', 'success', { at: 'account', session: caller.sessionId });
    return { changedAt: user.passwordChangedAt!.toISOString() };
  }

  /** The user a challenge was issued to, if it is good: ours, of this purpose, unexpired, the account active and its password unchanged. */
  private async challenged(caller: Caller, token: string, purpose: ChallengePurpose) {
    const claims = await this.deps.challenges.verify(token, purpose);
    const user = claims ? await User.findByPk(claims.userId) : null;
    if (!claims || !user || !user.active || passwordFingerprint(user.passwordHash) !== claims.passwordFingerprint) {
      caller.log?.warn({ clientAddress: caller.ip ?? null, purpose, user: user?.username }, 'sign-in challenge refused');
      throw new AppError(401, 'challenge_invalid');
    }
    return { user, claims };
  }

  /**
   * POST /auth/second-factor, the sign-in's second step: the challenge of POST /auth/login and a
   * code of the authenticator (or a recovery code, used up) give the session. A wrong, malformed or
   * already used code is 401 second_factor_invalid and counts toward the lock. A password past
   * PASSWORD_MAX_AGE_DAYS is 403 password_expired after a right code; the same challenge with
   * `newPassword` (and no second code) then sets it and signs in. After a recovery code: how many are left.
   */
  async secondStep(body: SecondStepBody, caller: Caller): Promise<SessionAnswer & { recoveryCodesLeft?: number }> {
    const { tokens, config } = this.ctx;
    const { secondFactors } = this.deps;
    const { user, claims } = await this.challenged(caller, body.challenge, 'second_factor');
    await this.attempts.refuseIfLocked(caller, user.username, 'auth.second_factor_failed', 401);
    const row = await SecondFactor.findByPk(user.id);
    const passedBefore = row?.passedChallenge === claims.id;
    let detail: Record<string, unknown> = { secondFactor: 'code given before the new password' };
    if (!passedBefore) {
      // a new password alone after a code that did not pass (or was not given): the code first
      if (body.code === undefined && body.recoveryCode === undefined) throw codeMissing();
      const result = await secondFactors.verify(user.id, body);
      if (!result.ok) throw await this.attempts.wrong(caller, user.username, 'auth.second_factor_failed', result.reason, 401);
      detail = methodOf(result);
    }
    await this.attempts.cleared(user.username);
    if (body.newPassword !== undefined) {
      await changePassword(this.ctx.sequelize, tokens, user, body.newPassword);
      caller.log?.info({ user: user.username, clientAddress: caller.ip ?? null }, 'password changed at sign-in');
      await signInAudit(user.username, 'auth.password_changed', 'success', { at: 'sign-in' });
    } else if (claims.via !== 'oidc' && passwordMustChange(user, tokens.now(), config.accounts.passwordMaxAgeDays)) {
      // (after the unified identity sign-in the password was not used: its age does not matter here)
      await secondFactors.markPassed(user.id, claims.id);
      caller.log?.info({ user: user.username, clientAddress: caller.ip ?? null }, 'login refused: the password has expired');
      await signInAudit(user.username, 'auth.login_refused', 'failure', { reason: 'password_expired', ...detail });
      throw new AppError(403, 'password_expired');
    }
    if (row?.passedChallenge) await secondFactors.markPassed(user.id, null);
    const session = await startSession(tokens, caller, user, claims.via ? { ...detail, via: claims.via } : detail);
    // after a recovery code: how many are left (the page says so when few are)
    return typeof detail.recoveryCodesLeft === 'number' ? { ...session, recoveryCodesLeft: detail.recoveryCodesLeft } : session;
  }

  /** POST /auth/second-factor/enrolment: at sign-in, for a role that requires a second factor and has none: the secret, shown once. */
  async beginEnrolment(challenge: string, caller: Caller) {
    const { user } = await this.challenged(caller, challenge, 'enrolment');
    const enrolment = await this.deps.secondFactors.begin(user);
    caller.log?.info({ user: user.username, clientAddress: caller.ip ?? null }, 'second factor enrolment begun at sign-in');
    await signInAudit(user.username, 'auth.second_factor_enrolment_begun', 'success', { at: 'sign-in' });
    return enrolment;
  }

  /** POST /auth/second-factor/enrolment/confirmation: the first code confirms it: the recovery codes (shown once) and the session. */
  async confirmEnrolment(body: { challenge: string; code: string }, caller: Caller): Promise<SessionAnswer & { recoveryCodes: string[] }> {
    const { user, claims } = await this.challenged(caller, body.challenge, 'enrolment');
    const recoveryCodes = await this.deps.secondFactors.confirm(user, body.code);
    caller.log?.info({ user: user.username, clientAddress: caller.ip ?? null }, 'second factor enrolled at sign-in');
    await signInAudit(user.username, 'auth.second_factor_enrolled', 'success', { at: 'sign-in' });
    const detail = { secondFactor: 'enrolment', ...(claims.via ? { via: claims.via } : {}) };
    return { ...(await startSession(this.ctx.tokens, caller, user, detail)), recoveryCodes };
  }
}
