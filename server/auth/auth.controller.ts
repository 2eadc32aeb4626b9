import { recordAudit } from '../audit/index.ts';
import type { AppContext } from '../context.ts';
import { randomBytes } from 'node:crypto';
import { rateLimit } from 'express-rate-limit';
import { User } from './user.model.ts';
import { AppError, unauthenticated } from '../errors/app-error.ts';
import { assertValid } from '../validation/ajv.ts';
import { hashPassword, verifyPassword } from './passwords.ts';
import { PUBLIC, SECURITY_ADMINS, SIGNED_IN } from '../http/access.ts';
import { accountSecurityRoutes } from './account-security.ts';
import { UserAdministration } from './user-admin.ts';
import { RouteTable } from '../http/route-table.ts';
import { Lockout } from './lockout.ts';
import { passwordMustChange } from './session-rules.ts';
import { changePassword } from './account.service.ts';
import { locked, signInAudit, startSession } from './sign-in.ts';
import { groupsOf } from './principal.ts';
import { SecondFactors } from './second-factor.service.ts';
import { Challenges } from './challenge.ts';
import { secondFactorAdminRoutes, secondFactorRoutes } from './second-factor.controller.ts';
import { oidcRoutes } from './oidc.controller.ts';
import { registrationRoutes } from './registration.controller.ts';
import { identityAdminRoutes } from './identity-admin.ts';
import { OpenTasks, type CaseTimeline } from './open-tasks.ts';
import { loginSchema, passwordChangeSchema, type LoginBody, type PasswordChangeBody } from '../../contract/requests/sign-in.ts';

// Verifying against a real hash for unknown users makes them cost the same time as a wrong password.
let timingDummy: Promise<string> | undefined;
const dummyHash = () => (timingDummy ??= hashPassword(randomBytes(16).toString('hex')));

export function authRoutes(ctx: AppContext): RouteTable {
  const { tokens, config } = ctx;
  const lockout = new Lockout(ctx.sequelize, config.accounts, tokens.now);
  const secondFactors = new SecondFactors(ctx.sequelize, config.secondFactorKey, config.accounts, tokens.now);
  const challenges = new Challenges(config.jwtSecret, tokens.now);
  const routes = new RouteTable(ctx);
  // per client address (the connecting peer, or what TRUST_PROXY's proxies say: server/app.ts)
  const limiter = rateLimit({
    windowMs: 60_000,
    limit: 20,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    handler: (_req, _res, next) => next(new AppError(429, 'rate_limited')),
  });

  /**
   * 登录. Refused alike for an unknown name, a wrong password and an inactive account (401
   * invalid_credentials, logged with the name and the address); a locked name says so and until
   * when; a right password past PASSWORD_MAX_AGE_DAYS is 403 password_expired, and the same
   * sign-in with `newPassword` sets a new one and signs in. A person with a second factor gets a
   * challenge for POST /auth/second-factor instead of a session; one whose role requires a second
   * factor and has none gets a challenge that only the enrolment takes (./second-factor.controller.ts).
   */
  routes.post('/auth/login', PUBLIC, limiter, async (req, res) => {
    assertValid<LoginBody>(loginSchema, req.body);
    const { username, password, newPassword } = req.body as LoginBody;
    const clientAddress = req.ip ?? null;
    const lockedUntil = await lockout.lockedUntil(username);
    if (lockedUntil) {
      req.log?.warn({ user: username, clientAddress, lockedUntil }, 'login refused: the user name is locked');
      await signInAudit(username, 'auth.login_refused', 'failure', { reason: 'locked', lockedUntil });
      throw locked(res, 401, lockedUntil, tokens.now());
    }
    const user = await User.findOne({ where: { username } });
    const ok = await verifyPassword(user?.passwordHash ?? (await dummyHash()), password);
    if (!user || !ok || !user.active) {
      const reason = !user ? 'unknown user' : !ok ? 'wrong password' : 'inactive account';
      const lockedNow = await lockout.fail(username, clientAddress);
      req.log?.warn({ user: username, clientAddress, reason, ...(lockedNow ? { lockedUntil: lockedNow } : {}) }, 'login failed');
      await signInAudit(username, 'auth.login_failed', 'failure', { reason, ...(lockedNow ? { lockedUntil: lockedNow } : {}) });
      if (lockedNow) throw locked(res, 401, lockedNow, tokens.now());
      throw unauthenticated('invalid_credentials');
    }
    if (await secondFactors.enrolled(user.id)) {
      // the password alone neither signs in nor clears the count of failures: wrong codes add to it.
      // An expired password is replaced after the code (POST /auth/second-factor with newPassword).
      const { challenge, expiresAt } = await challenges.issue(user, 'second_factor');
      req.log?.info({ user: username, clientAddress }, 'login: password right, the second factor asked for');
      await signInAudit(username, 'auth.second_factor_challenged', 'success', {});
      res.json({ status: 'second_factor_required', challenge, challengeExpiresAt: expiresAt.toISOString() });
      return;
    }
    await lockout.clear(username);
    if (newPassword !== undefined) {
      await changePassword(ctx.sequelize, tokens, user, newPassword);
      req.log?.info({ user: username, clientAddress }, 'password changed at sign-in');
      await signInAudit(username, 'auth.password_changed', 'success', { at: 'sign-in' });
    } else if (passwordMustChange(user, tokens.now(), config.accounts.passwordMaxAgeDays)) {
      req.log?.info({ user: username, clientAddress }, 'login refused: the password has expired');
      await signInAudit(username, 'auth.login_refused', 'failure', { reason: 'password_expired' });
      throw new AppError(403, 'password_expired');
    }
    if (await secondFactors.isRequired(user)) {
      // SECOND_FACTOR_REQUIRED names the role (or a seal the person): no session before an enrolment
      const { challenge, expiresAt } = await challenges.issue(user, 'enrolment');
      req.log?.info({ user: username, clientAddress }, 'login: password right, a second factor must be set up first');
      await signInAudit(username, 'auth.second_factor_enrolment_required', 'success', {});
      res.json({ status: 'second_factor_enrolment_required', challenge, challengeExpiresAt: expiresAt.toISOString() });
      return;
    }
    res.json(await startSession(tokens, req, user));
  });

  routes.get('/auth/me', SIGNED_IN, (req, res) => {
    const principal = req.principal!;
    res.json({ ...principal, groups: groupsOf(principal) });
  });

  /** 退出: the token's session ends; the token is refused everywhere from now on and its sockets are dropped. */
  routes.post('/auth/logout', SIGNED_IN, async (req, res) => {
    await tokens.endSession(req.sessionId!, 'logout');
    req.log?.info({ user: req.principal!.username, clientAddress: req.ip ?? null, session: req.sessionId }, 'logout');
    await signInAudit(req.principal!.username, 'auth.logout', 'success', { session: req.sessionId });
    res.status(204).end();
  });

  /**
   * 修改密码: the current password and a new one under the policy (422 naming every rule broken). A
   * wrong current password counts as a failed sign-in (a stolen token cannot guess it freely); the
   * other sessions of the user end, this one goes on.
   */
  routes.post('/auth/password', SIGNED_IN, limiter, async (req, res) => {
    assertValid<PasswordChangeBody>(passwordChangeSchema, req.body);
    const { currentPassword, newPassword } = req.body as PasswordChangeBody;
    const clientAddress = req.ip ?? null;
    const username = req.principal!.username;
    const lockedUntil = await lockout.lockedUntil(username);
    if (lockedUntil) {
      req.log?.warn({ user: username, clientAddress, lockedUntil }, 'password change refused: the user name is locked');
      await signInAudit(username, 'auth.password_change_failed', 'failure', { reason: 'locked', lockedUntil });
      throw locked(res, 429, lockedUntil, tokens.now());
    }
    const user = (await User.findByPk(req.principal!.id))!;
    if (!(await verifyPassword(user.passwordHash, currentPassword))) {
      const lockedNow = await lockout.fail(username, clientAddress);
      req.log?.warn(
        { user: username, clientAddress, reason: 'wrong current password', ...(lockedNow ? { lockedUntil: lockedNow } : {}) },
        'password change failed',
      );
      await signInAudit(username, 'auth.password_change_failed', 'failure', {
        reason: 'wrong current password',
        ...(lockedNow ? { lockedUntil: lockedNow } : {}),
      });
      if (lockedNow) throw locked(res, 429, lockedNow, tokens.now());
      throw new AppError(422, 'current_password_wrong', [
        { field: 'currentPassword', message: { 'zh-CN': '当前密码不正确', en: 'The current password is not correct' }, code: 'current_password_wrong' },
      ]);
    }
    await lockout.clear(username);
    await changePassword(ctx.sequelize, tokens, user, newPassword, req.sessionId);
    req.log?.info({ user: username, clientAddress, session: req.sessionId }, 'password changed');
    await signInAudit(username, 'auth.password_changed', 'success', { at: 'account', session: req.sessionId });
    res.json({ changedAt: user.passwordChangedAt!.toISOString() });
  });

  secondFactorRoutes(routes, ctx, { lockout, secondFactors, challenges });
  // 统一身份认证 and applicants' registration (./oidc.controller.ts, ./registration.controller.ts)
  oidcRoutes(routes, ctx, { secondFactors, challenges });
  registrationRoutes(routes, ctx);
  return routes;
}

/**
 * 账号安全 (the security administrator's, 三员分立): the accounts with their locks and second
 * factors (./account-security.ts); unlocking a user name locked by failed sign-ins; resetting a
 * user's second factor (./second-factor.controller.ts). Creating accounts and roles comes with the
 * organisation's administration.
 */
export function userAdminRoutes(ctx: AppContext, cases?: CaseTimeline): RouteTable {
  const lockout = new Lockout(ctx.sequelize, ctx.config.accounts, ctx.tokens.now);
  const routes = new RouteTable(ctx);
  const secondFactors = new SecondFactors(ctx.sequelize, ctx.config.secondFactorKey, ctx.config.accounts, ctx.tokens.now);
  secondFactorAdminRoutes(routes, ctx, secondFactors);
  identityAdminRoutes(routes, ctx);
  // 移交待办: the engine's tasks through the kernel's client; the cases' timeline handed in by the composition root
  const openTasks = new OpenTasks(ctx.engine, cases);
  accountSecurityRoutes(routes, secondFactors, new UserAdministration(ctx.sequelize, ctx.tokens, openTasks), ctx.tokens.now, {
    openTasks,
    sequelize: ctx.sequelize,
  });
  return routes.post('/admin/users/:username/unlock', SECURITY_ADMINS, async (req, res) => {
    const username = String(req.params.username);
    if (!(await User.findOne({ attributes: ['id'], where: { username } }))) throw new AppError(404, 'user_not_found');
    const { wasLockedUntil, failures } = await lockout.unlock(username);
    req.log?.info({ user: req.principal!.username, clientAddress: req.ip ?? null, target: username, wasLockedUntil }, 'user name unlocked');
    await recordAudit({
      actor: req.principal!.username,
      action: 'auth.unlocked',
      target: `user:${username}`,
      detail: { wasLockedUntil, failuresCleared: failures },
    });
    res.json({ username, unlocked: true, wasLockedUntil: wasLockedUntil?.toISOString() ?? null, failuresCleared: failures });
  });
}
