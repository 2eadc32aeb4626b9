import { rateLimit } from 'express-rate-limit';
import type { AppContext } from '../context.ts';
import { AppError, validationFailed, type FieldProblem } from '../errors/app-error.ts';
import { PUBLIC, SECURITY_ADMINS, SIGNED_IN } from '../http/access.ts';
import type { RouteTable } from '../http/route-table.ts';
import { assertValid } from '../validation/ajv.ts';
import type { Lockout } from './lockout.ts';
import type { SecondFactors } from './second-factor.service.ts';
import type { SignIn } from './sign-in.service.ts';
import { OwnSecondFactor, resetSecondFactor } from './own-second-factor.service.ts';
import {
  enrolmentConfirmationSchema,
  enrolmentStartSchema,
  ownEnrolmentConfirmationSchema,
  secondStepRules,
  secondStepSchema,
  stepUpRules,
  stepUpSchema,
  type Codes,
  type SecondStepBody,
} from '../../contract/requests/sign-in.ts';

interface Deps {
  lockout: Lockout;
  secondFactors: SecondFactors;
  signIn: SignIn;
}

/** A body checked as the contract says (its schema, then what the schema cannot say), or 422. */
function checked<Body>(schema: object, body: unknown, rules?: (body: Body) => FieldProblem[]): Body {
  assertValid<Body>(schema, body);
  const problems = rules?.(body) ?? [];
  if (problems.length) throw validationFailed(problems);
  return body;
}

/**
 * 双因素认证, the routes: the sign-in's second step and the enrolment a required second factor
 * makes (public, on a challenge of POST /auth/login, never a bearer token: ./sign-in.service.ts),
 * and a signed-in person's own second factor (/me/second-factor: ./own-second-factor.service.ts).
 * Each reads the request, calls its service and answers.
 */
export function secondFactorRoutes(routes: RouteTable, ctx: AppContext, { lockout, secondFactors, signIn }: Deps): void {
  const own = new OwnSecondFactor(secondFactors, lockout, ctx.tokens.now);
  // per client address, apart from the login's own limit (a sign-in now takes two requests)
  const limiter = rateLimit({
    windowMs: 60_000,
    limit: 20,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    handler: (_req, _res, next) => next(new AppError(429, 'rate_limited')),
  });

  /**
   * The sign-in's second step: the challenge of POST /auth/login and a code of the authenticator
   * (or a recovery code, used up) give the session; a wrong one is 401 second_factor_invalid and
   * counts toward the lock; an expired password is replaced with the same challenge and `newPassword`.
   */
  routes.post('/auth/second-factor', PUBLIC, limiter, async (req, res) => {
    res.json(await signIn.secondStep(checked<SecondStepBody>(secondStepSchema, req.body, secondStepRules), req));
  });

  /** Enrolment at sign-in (a role that requires a second factor, none yet): the secret and its otpauth:// URI, shown once. */
  routes.post('/auth/second-factor/enrolment', PUBLIC, limiter, async (req, res) => {
    res.json(await signIn.beginEnrolment(checked<{ challenge: string }>(enrolmentStartSchema, req.body).challenge, req));
  });

  /** The first code confirms the enrolment: the recovery codes (shown once) and the session. */
  routes.post('/auth/second-factor/enrolment/confirmation', PUBLIC, limiter, async (req, res) => {
    res.json(await signIn.confirmEnrolment(checked<{ challenge: string; code: string }>(enrolmentConfirmationSchema, req.body), req));
  });

  /** 双因素认证 of the signed-in person: whether it is set up, required, and how many recovery codes are left. */
  routes.get('/me/second-factor', SIGNED_IN, async (req, res) => {
    res.json(await own.status(req.principal!.id));
  });

  /** Starts setting up an authenticator (anyone may; SECOND_FACTOR_REQUIRED makes it a must): the secret, shown once. */
  routes.post('/me/second-factor/enrolment', SIGNED_IN, async (req, res) => {
    res.json(await own.begin(req.principal!.id, req));
  });

  routes.post('/me/second-factor/enrolment/confirmation', SIGNED_IN, async (req, res) => {
    res.json(await own.confirm(req.principal!.id, checked<{ code: string }>(ownEnrolmentConfirmationSchema, req.body).code, req));
  });

  /** New recovery codes in place of the old ones (a code proves the phone is at hand); shown once. */
  routes.post('/me/second-factor/recovery-codes', SIGNED_IN, limiter, async (req, res) => {
    res.json(await own.regenerateRecoveryCodes(req.principal!.id, checked<Codes>(stepUpSchema, req.body ?? {}, stepUpRules), req));
  });

  /** Turns the second factor off, with a code: only for those whose role does not require one (409 second_factor_mandatory). */
  routes.post('/me/second-factor/disable', SIGNED_IN, limiter, async (req, res) => {
    await own.disable(req.principal!.id, () => checked<Codes>(stepUpSchema, req.body ?? {}, stepUpRules), req);
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
    res.json(await resetSecondFactor(secondFactors, ctx.tokens, req.principal!, String(req.params.username), req));
  });
}
