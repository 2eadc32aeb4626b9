import type { Request, Response } from 'express';
import { rateLimit } from 'express-rate-limit';
import type { AppContext } from '../context.ts';
import { recordAudit } from '../audit/index.ts';
import { AppError, conflict, validationFailed } from '../errors/app-error.ts';
import { PUBLIC, SECURITY_ADMINS, SIGNED_IN } from '../http/access.ts';
import type { RouteTable } from '../http/route-table.ts';
import { assertValid } from '../validation/ajv.ts';
import { User } from './user.model.ts';
import type { Lockout } from './lockout.ts';
import { changePassword } from './account.service.ts';
import { passwordMustChange } from './session-rules.ts';
import { locked, signInAudit, startSession } from './sign-in.ts';
import { type ChallengePurpose, type Challenges, passwordFingerprint } from './challenge.ts';
import { codeWrong, type SecondFactors, type Verification } from './second-factor.service.ts';
import { SecondFactor } from './second-factor.model.ts';

const challengeField = { type: 'string', minLength: 1, maxLength: 2048, title: '登录验证', 'x-title-en': 'Sign-in challenge' };
const codeField = { type: 'string', minLength: 1, maxLength: 16, title: '动态验证码', 'x-title-en': 'Code' };
const recoveryField = { type: 'string', minLength: 1, maxLength: 32, title: '恢复码', 'x-title-en': 'Recovery code' };
const passwordField = { type: 'string', minLength: 1, maxLength: 256, title: '新密码', 'x-title-en': 'New password' };

const object = (properties: Record<string, object>, required: string[] = []) => ({ type: 'object', additionalProperties: false, required, properties });
const secondStepSchema = object({ challenge: challengeField, code: codeField, recoveryCode: recoveryField, newPassword: passwordField }, ['challenge']);
const enrolmentStartSchema = object({ challenge: challengeField }, ['challenge']);
const enrolmentConfirmSchema = object({ challenge: challengeField, code: codeField }, ['challenge', 'code']);
const codeSchema = object({ code: codeField }, ['code']);
const codeOrRecoverySchema = object({ code: codeField, recoveryCode: recoveryField });

type Codes = { code?: string; recoveryCode?: string };

/** Neither a code nor a recovery code given: 422 at the code's field. */
const codeMissing = () =>
  validationFailed([
    {
      field: 'code',
      message: { 'zh-CN': '请输入身份验证器上的 6 位动态验证码，或一个恢复码', en: 'Type the 6-digit code of the authenticator, or a recovery code' },
      code: 'required',
    },
  ]);

interface Deps {
  lockout: Lockout;
  secondFactors: SecondFactors;
  challenges: Challenges;
}

/**
 * 双因素认证, the routes: the sign-in's second step and the enrolment a required second factor
 * makes (public, on a challenge of POST /auth/login, never a bearer token), and a signed-in
 * person's own second factor (/me/second-factor). Wrong codes count as failed sign-ins of the user
 * name (./lockout.ts); every act is in the audit trail and the log, never a secret or a code.
 */
export function secondFactorRoutes(routes: RouteTable, ctx: AppContext, { lockout, secondFactors, challenges }: Deps): void {
  const { tokens, config } = ctx;
  // per client address, apart from the login's own limit (a sign-in now takes two requests)
  const limiter = rateLimit({
    windowMs: 60_000,
    limit: 20,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    handler: (_req, _res, next) => next(new AppError(429, 'rate_limited')),
  });

  /** The user a challenge was issued to, if it is good: ours, of this purpose, unexpired, the account active and its password unchanged. */
  async function challenged(req: Request, token: string, purpose: ChallengePurpose) {
    const claims = await challenges.verify(token, purpose);
    const user = claims ? await User.findByPk(claims.userId) : null;
    if (!claims || !user || !user.active || passwordFingerprint(user.passwordHash) !== claims.passwordFingerprint) {
      req.log?.warn({ clientAddress: req.ip ?? null, purpose, user: user?.username }, 'sign-in challenge refused');
      throw new AppError(401, 'challenge_invalid');
    }
    return { user, claims };
  }

  /** A wrong code of a known user: counted toward the lock, logged and audited; the error to throw. */
  async function wrongCode(req: Request, res: Response, username: string, action: string, reason: string, status: 401 | 429): Promise<AppError> {
    const lockedNow = await lockout.fail(username, req.ip ?? null);
    const lock = lockedNow ? { lockedUntil: lockedNow } : {};
    req.log?.warn({ user: username, clientAddress: req.ip ?? null, reason, ...lock }, 'second factor refused');
    await signInAudit(username, action, 'failure', { reason, ...lock });
    if (lockedNow) return locked(res, status, lockedNow, tokens.now());
    return status === 401 ? new AppError(401, 'second_factor_invalid') : codeWrong();
  }

  /** Refuses a locked user name before any code is looked at (a lock that still told right from wrong would not stop guessing). */
  async function refuseIfLocked(res: Response, req: Request, username: string, action: string, status: 401 | 429): Promise<void> {
    const lockedUntil = await lockout.lockedUntil(username);
    if (!lockedUntil) return;
    req.log?.warn({ user: username, clientAddress: req.ip ?? null, lockedUntil }, 'second factor refused: the user name is locked');
    await signInAudit(username, action, 'failure', { reason: 'locked', lockedUntil });
    throw locked(res, status, lockedUntil, tokens.now());
  }

  const methodOf = (v: Verification & { ok: true }) => ({
    secondFactor: v.method,
    ...(v.recoveryCodesLeft !== undefined ? { recoveryCodesLeft: v.recoveryCodesLeft } : {}),
  });

  /**
   * The sign-in's second step: the challenge of POST /auth/login and a code of the authenticator
   * (or a recovery code, used up) give the session. A wrong, malformed or already used code is 401
   * second_factor_invalid and counts toward the lock. A password past PASSWORD_MAX_AGE_DAYS is
   * 403 password_expired after a right code; the same challenge with `newPassword` (and no second
   * code) then sets it and signs in.
   */
  routes.post('/auth/second-factor', PUBLIC, limiter, async (req, res) => {
    const body: { challenge: string; newPassword?: string } & Codes = req.body;
    assertValid<{ challenge: string; newPassword?: string } & Codes>(secondStepSchema, body);
    const { user, claims } = await challenged(req, body.challenge, 'second_factor');
    await refuseIfLocked(res, req, user.username, 'auth.second_factor_failed', 401);
    const row = await SecondFactor.findByPk(user.id);
    const passedBefore = row?.passedChallenge === claims.id;
    let detail: Record<string, unknown> = { secondFactor: 'code given before the new password' };
    if (!passedBefore) {
      if (body.code === undefined && body.recoveryCode === undefined) throw codeMissing();
      const result = await secondFactors.verify(user.id, body);
      if (!result.ok) throw await wrongCode(req, res, user.username, 'auth.second_factor_failed', result.reason, 401);
      detail = methodOf(result);
    }
    await lockout.clear(user.username);
    if (body.newPassword !== undefined) {
      await changePassword(ctx.sequelize, tokens, user, body.newPassword);
      req.log?.info({ user: user.username, clientAddress: req.ip ?? null }, 'password changed at sign-in');
      await signInAudit(user.username, 'auth.password_changed', 'success', { at: 'sign-in' });
    } else if (claims.via !== 'oidc' && passwordMustChange(user, tokens.now(), config.accounts.passwordMaxAgeDays)) {
      // (after the unified identity sign-in the password was not used: its age does not matter here)
      await secondFactors.markPassed(user.id, claims.id);
      req.log?.info({ user: user.username, clientAddress: req.ip ?? null }, 'login refused: the password has expired');
      await signInAudit(user.username, 'auth.login_refused', 'failure', { reason: 'password_expired', ...detail });
      throw new AppError(403, 'password_expired');
    }
    if (row?.passedChallenge) await secondFactors.markPassed(user.id, null);
    const session = await startSession(tokens, req, user, claims.via ? { ...detail, via: claims.via } : detail);
    // after a recovery code: how many are left (the page says so when few are)
    res.json(typeof detail.recoveryCodesLeft === 'number' ? { ...session, recoveryCodesLeft: detail.recoveryCodesLeft } : session);
  });

  /** Enrolment at sign-in (a role that requires a second factor, none yet): the secret and its otpauth:// URI, shown once. */
  routes.post('/auth/second-factor/enrolment', PUBLIC, limiter, async (req, res) => {
    const body: { challenge: string } = req.body;
    assertValid<{ challenge: string }>(enrolmentStartSchema, body);
    const { user } = await challenged(req, body.challenge, 'enrolment');
    const enrolment = await secondFactors.begin(user);
    req.log?.info({ user: user.username, clientAddress: req.ip ?? null }, 'second factor enrolment begun at sign-in');
    await signInAudit(user.username, 'auth.second_factor_enrolment_begun', 'success', { at: 'sign-in' });
    res.json(enrolment);
  });

  /** The first code confirms the enrolment: the recovery codes (shown once) and the session. */
  routes.post('/auth/second-factor/enrolment/confirmation', PUBLIC, limiter, async (req, res) => {
    const body: { challenge: string; code: string } = req.body;
    assertValid<{ challenge: string; code: string }>(enrolmentConfirmSchema, body);
    const { user, claims } = await challenged(req, body.challenge, 'enrolment');
    const recoveryCodes = await secondFactors.confirm(user, body.code);
    req.log?.info({ user: user.username, clientAddress: req.ip ?? null }, 'second factor enrolled at sign-in');
    await signInAudit(user.username, 'auth.second_factor_enrolled', 'success', { at: 'sign-in' });
    const detail = { secondFactor: 'enrolment', ...(claims.via ? { via: claims.via } : {}) };
    res.json({ ...(await startSession(tokens, req, user, detail)), recoveryCodes });
  });

  const me = async (req: Request) => (await User.findByPk(req.principal!.id))!;

  /** 双因素认证 of the signed-in person: whether it is set up, required, and how many recovery codes are left. */
  routes.get('/me/second-factor', SIGNED_IN, async (req, res) => {
    const status = await secondFactors.status(await me(req));
    res.json({ ...status, confirmedAt: status.confirmedAt?.toISOString() ?? null });
  });

  /** Starts setting up an authenticator (anyone may; SECOND_FACTOR_REQUIRED makes it a must): the secret, shown once. */
  routes.post('/me/second-factor/enrolment', SIGNED_IN, async (req, res) => {
    const user = await me(req);
    const enrolment = await secondFactors.begin(user);
    req.log?.info({ user: user.username, clientAddress: req.ip ?? null }, 'second factor enrolment begun');
    await signInAudit(user.username, 'auth.second_factor_enrolment_begun', 'success', { at: 'account' });
    res.json(enrolment);
  });

  routes.post('/me/second-factor/enrolment/confirmation', SIGNED_IN, async (req, res) => {
    const body: { code: string } = req.body;
    assertValid<{ code: string }>(codeSchema, body);
    const user = await me(req);
    const recoveryCodes = await secondFactors.confirm(user, body.code);
    req.log?.info({ user: user.username, clientAddress: req.ip ?? null }, 'second factor enrolled');
    await signInAudit(user.username, 'auth.second_factor_enrolled', 'success', { at: 'account', session: req.sessionId });
    res.json({ enrolled: true, recoveryCodes });
  });

  /** A code (or a recovery code) of the person's own second factor, for an act on it; wrong ones count toward the lock (429 when locked: the session goes on). */
  async function stepUp(req: Request, res: Response, action: string): Promise<{ user: User; detail: Record<string, unknown> }> {
    const body: Codes = req.body ?? {};
    assertValid<Codes>(codeOrRecoverySchema, body);
    const user = await me(req);
    if (!(await secondFactors.enrolled(user.id))) throw conflict('second_factor_not_enrolled');
    if (body.code === undefined && body.recoveryCode === undefined) throw codeMissing();
    await refuseIfLocked(res, req, user.username, action, 429);
    const result = await secondFactors.verify(user.id, body);
    if (!result.ok) throw await wrongCode(req, res, user.username, action, result.reason, 429);
    await lockout.clear(user.username);
    return { user, detail: methodOf(result) };
  }

  /** New recovery codes in place of the old ones (a code proves the phone is at hand); shown once. */
  routes.post('/me/second-factor/recovery-codes', SIGNED_IN, limiter, async (req, res) => {
    const { user, detail } = await stepUp(req, res, 'auth.recovery_codes_failed');
    const recoveryCodes = await secondFactors.regenerate(user.id);
    req.log?.info({ user: user.username, clientAddress: req.ip ?? null }, 'recovery codes regenerated');
    await signInAudit(user.username, 'auth.recovery_codes_regenerated', 'success', { session: req.sessionId, ...detail });
    res.json({ recoveryCodes });
  });

  /** Turns the second factor off, with a code: only for those whose role does not require one (409 second_factor_mandatory). */
  routes.post('/me/second-factor/disable', SIGNED_IN, limiter, async (req, res) => {
    const user = await me(req);
    if (await secondFactors.isRequired(user)) {
      req.log?.info({ user: user.username, clientAddress: req.ip ?? null }, 'second factor not turned off: the role requires it');
      await signInAudit(user.username, 'auth.second_factor_disable_refused', 'failure', { reason: 'required' });
      throw conflict('second_factor_mandatory');
    }
    const { detail } = await stepUp(req, res, 'auth.second_factor_disable_failed');
    await secondFactors.remove(user.id);
    req.log?.info({ user: user.username, clientAddress: req.ip ?? null }, 'second factor turned off');
    await signInAudit(user.username, 'auth.second_factor_disabled', 'success', { session: req.sessionId, ...detail });
    res.status(204).end();
  });
}

/**
 * 重置双因素认证: an administrator removes another user's second factor and recovery codes (a lost
 * phone); the user's sessions end, and one whose role requires a second factor sets up a new one at
 * the next sign-in. Not one's own: another administrator does that.
 */
export function secondFactorAdminRoutes(routes: RouteTable, ctx: AppContext, secondFactors: SecondFactors): void {
  routes.post('/admin/users/:username/second-factor/reset', SECURITY_ADMINS, async (req, res) => {
    const username = String(req.params.username);
    const user = await User.findOne({ attributes: ['id', 'username'], where: { username } });
    if (!user) throw new AppError(404, 'user_not_found');
    if (user.id === req.principal!.id) throw conflict('second_factor_self_reset');
    const wasEnrolled = await secondFactors.remove(user.id);
    await ctx.tokens.endSessionsOf(user.id, 'second_factor_reset');
    req.log?.info({ user: req.principal!.username, clientAddress: req.ip ?? null, target: username, wasEnrolled }, 'second factor reset');
    await recordAudit({ actor: req.principal!.username, action: 'auth.second_factor_reset', target: `user:${username}`, detail: { wasEnrolled } });
    res.json({ username, reset: true, wasEnrolled });
  });
}
