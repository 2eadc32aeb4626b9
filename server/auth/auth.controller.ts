import type { AppContext } from '../context.ts';
import { rateLimit } from 'express-rate-limit';
import { AppError } from '../errors/app-error.ts';
import { assertValid } from '../validation/ajv.ts';
import { PUBLIC, SECURITY_ADMINS, SIGNED_IN } from '../http/access.ts';
import { accountSecurityRoutes } from './account-security.ts';
import { UserAdministration } from './user-admin.ts';
import { RouteTable } from '../http/route-table.ts';
import { Lockout } from './lockout.ts';
import { groupsOf } from './principal.ts';
import { SecondFactors } from './second-factor.service.ts';
import { Challenges } from './challenge.ts';
import { secondFactorAdminRoutes, secondFactorRoutes } from './second-factor.controller.ts';
import { oidcRoutes } from './oidc.controller.ts';
import { registrationRoutes } from './registration.controller.ts';
import { identityAdminRoutes } from './identity-admin.ts';
import { OpenTasks, type CaseTimeline } from './open-tasks.ts';
import { SignIn } from './sign-in.service.ts';
import { unlockUserName } from './own-second-factor.service.ts';
import { loginSchema, passwordChangeSchema, type LoginBody, type PasswordChangeBody } from '../../contract/requests/sign-in.ts';

/**
 * 登录, 退出, 修改密码 and the second factor's steps (./sign-in.service.ts holds their rules: this
 * reads the request, calls it, answers), 统一身份认证 and applicants' registration.
 */
export function authRoutes(ctx: AppContext): RouteTable {
  const { tokens, config } = ctx;
  const lockout = new Lockout(ctx.sequelize, config.accounts, tokens.now);
  const secondFactors = new SecondFactors(ctx.sequelize, config.secondFactorKey, config.accounts, tokens.now);
  const challenges = new Challenges(config.jwtSecret, tokens.now);
  const signIn = new SignIn(ctx, { lockout, secondFactors, challenges });
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
    res.json(await signIn.login(req.body as LoginBody, req));
  });

  routes.get('/auth/me', SIGNED_IN, (req, res) => {
    const principal = req.principal!;
    res.json({ ...principal, groups: groupsOf(principal) });
  });

  /** 退出: the token's session ends; the token is refused everywhere from now on and its sockets are dropped. */
  routes.post('/auth/logout', SIGNED_IN, async (req, res) => {
    await signIn.logout(req.principal!.username, { ip: req.ip, log: req.log, sessionId: req.sessionId! });
    res.status(204).end();
  });

  /**
   * 修改密码: the current password and a new one under the policy (422 naming every rule broken). A
   * wrong current password counts as a failed sign-in (a stolen token cannot guess it freely); the
   * other sessions of the user end, this one goes on.
   */
  routes.post('/auth/password', SIGNED_IN, limiter, async (req, res) => {
    assertValid<PasswordChangeBody>(passwordChangeSchema, req.body);
    res.json(await signIn.changePassword(req.principal!.id, req.body as PasswordChangeBody, req));
  });

  secondFactorRoutes(routes, ctx, { lockout, secondFactors, signIn });
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
    res.json(await unlockUserName(lockout, req.principal!, String(req.params.username), req));
  });
}
