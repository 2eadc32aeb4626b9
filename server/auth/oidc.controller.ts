import type { Request, Response } from 'express';
import { perAddressLimit } from './rate-limits.ts';
import type { AppContext } from '../context.ts';
import { AppError } from '../errors/app-error.ts';
import { PUBLIC } from '../http/access.ts';
import type { RouteTable } from '../http/route-table.ts';
import { assertValid } from '../validation/ajv.ts';
import type { Challenges } from './challenge.ts';
import { accountOf, assertedIdentity } from './oidc-accounts.ts';
import { RelyingParty, SIGN_IN_KINDS, TRANSACTION_SECONDS, type SignInKind } from './oidc-client.ts';
import type { SecondFactors } from './second-factor.service.ts';
import { signInAudit, startSession } from './sign-in.ts';

/** The web app's page the provider sends the browser back to; it posts the answer to POST /auth/oidc/callback. */
export const OIDC_CALLBACK_PAGE = '/login/oidc';
const COOKIE = 'oidc_tx';
const COOKIE_PATH = '/api/v1/auth/oidc';

const kindField = { enum: [...SIGN_IN_KINDS], title: '登录身份', 'x-title-en': 'Sign in as' };
const startSchema = { type: 'object', additionalProperties: false, required: ['kind'], properties: { kind: kindField } };
export const callbackSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['code', 'state'],
  properties: {
    code: { type: 'string', minLength: 1, maxLength: 2048, title: '授权码', 'x-title-en': 'Authorization code' },
    state: { type: 'string', minLength: 1, maxLength: 512, title: '状态', 'x-title-en': 'State' },
    iss: { type: 'string', minLength: 1, maxLength: 512, title: '签发方', 'x-title-en': 'Issuer' },
  },
};

function cookieOf(req: Request, name: string): string | undefined {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const [key, ...value] = part.trim().split('=');
    if (key === name) return decodeURIComponent(value.join('='));
  }
  return undefined;
}

interface Deps {
  secondFactors: SecondFactors;
  challenges: Challenges;
}

/**
 * 统一身份认证登录: the platform as a relying party of the OpenID Connect provider (OIDC_ISSUER).
 * GET /auth/oidc/start sends the browser to the provider (authorization code flow with PKCE, state
 * and nonce kept in an encrypted cookie); the provider sends it back to the web app's
 * /login/oidc, which posts the answer here (POST /auth/oidc/callback): the code is exchanged, the
 * ID token verified, the account found or made (./oidc-accounts.ts), and the platform's own
 * session is answered exactly as POST /auth/login answers it, the second factor included (unless
 * the provider asserted multi-factor authentication). The token never travels in a URL.
 */
export function oidcRoutes(routes: RouteTable, ctx: AppContext, { secondFactors, challenges }: Deps): void {
  const { config, tokens } = ctx;
  const limiter = perAddressLimit(30);
  const rp = new RelyingParty(config.identity, `${config.publicUrl}${OIDC_CALLBACK_PAGE}`, config.jwtSecret);
  const secure = config.publicUrl.startsWith('https:');

  const clearCookie = (res: Response) => res.clearCookie(COOKIE, { path: COOKIE_PATH, httpOnly: true, sameSite: 'lax', secure });

  /** A refusal: logged (with the underlying error), audited, the transaction cookie cleared. */
  async function refuse(req: Request, res: Response, error: AppError, detail: Record<string, unknown> = {}): Promise<never> {
    clearCookie(res);
    const cause = (error as { cause?: unknown }).cause;
    req.log?.warn({ clientAddress: req.ip ?? null, code: error.code, ...detail, ...(cause ? { err: cause } : {}) }, 'unified identity sign-in refused');
    await signInAudit(typeof detail.user === 'string' ? detail.user : 'oidc', 'auth.oidc_failed', 'failure', { reason: error.code, ...detail });
    throw error;
  }

  /** Whether the unified sign-in is offered here (the login page shows its buttons only then). */
  routes.get('/auth/oidc', PUBLIC, (_req, res) => {
    res.json({ enabled: rp.enabled, kinds: rp.enabled ? SIGN_IN_KINDS : [] });
  });

  /** 统一身份认证登录 (person or company): a 302 to the provider's authorization endpoint. */
  routes.get('/auth/oidc/start', PUBLIC, limiter, async (req, res) => {
    const query = { ...req.query } as Record<string, unknown>;
    assertValid<{ kind: SignInKind }>(startSchema, query);
    const { url, transaction } = await rp.start(query.kind as SignInKind);
    res.cookie(COOKIE, await rp.seal(transaction), {
      path: COOKIE_PATH,
      httpOnly: true,
      sameSite: 'lax',
      secure,
      maxAge: TRANSACTION_SECONDS * 1000,
    });
    res.set('Cache-Control', 'no-store');
    res.redirect(302, url);
  });

  /**
   * The provider's answer, as the web app's /login/oidc page received it: a session, or the second
   * factor's challenge, as POST /auth/login answers.
   */
  routes.post('/auth/oidc/callback', PUBLIC, limiter, async (req, res) => {
    const body = req.body as { code: string; state: string; iss?: string };
    assertValid<{ code: string; state: string; iss?: string }>(callbackSchema, body);
    const transaction = await rp.open(cookieOf(req, COOKIE));
    if (!transaction || transaction.state !== body.state) {
      await refuse(req, res, new AppError(400, 'oidc_transaction_invalid'), { reason: transaction ? 'state mismatch' : 'no transaction' });
    }
    const tx = transaction!;
    let user;
    let multiFactor: boolean;
    let identityDetail: Record<string, unknown> = {};
    try {
      const token = await rp.finish(body, tx);
      const identity = assertedIdentity(String(token.claims.iss), token.claims, tx.kind, tokens.now());
      identityDetail = {
        subject: identity.subject,
        subjectType: identity.company ? 'legal_person' : 'natural_person',
        amr: token.amr,
        ...(identity.company ? { creditCode: identity.company.creditCode, actingAs: identity.company.actingAs } : {}),
      };
      const found = await accountOf(ctx.sequelize, identity, new Date(tokens.now()));
      user = found.user;
      identityDetail.account = found.outcome;
      multiFactor = rp.multiFactor(token);
    } catch (err) {
      if (err instanceof AppError) await refuse(req, res, err, { kind: tx.kind, ...identityDetail, ...claimOf(err) });
      throw err;
    }
    clearCookie(res);
    if (!user.active) await refuse(req, res, new AppError(403, 'account_inactive'), { user: user.username, ...identityDetail });
    const detail = { via: 'oidc', ...identityDetail };
    if (!multiFactor && (await secondFactors.enrolled(user.id))) {
      const { challenge, expiresAt } = await challenges.issue(user, 'second_factor', 'oidc');
      req.log?.info({ user: user.username, clientAddress: req.ip ?? null }, 'unified sign-in: the second factor asked for');
      await signInAudit(user.username, 'auth.second_factor_challenged', 'success', detail);
      res.json({ status: 'second_factor_required', challenge, challengeExpiresAt: expiresAt.toISOString() });
      return;
    }
    if (!multiFactor && (await secondFactors.isRequired(user))) {
      const { challenge, expiresAt } = await challenges.issue(user, 'enrolment', 'oidc');
      req.log?.info({ user: user.username, clientAddress: req.ip ?? null }, 'unified sign-in: a second factor must be set up first');
      await signInAudit(user.username, 'auth.second_factor_enrolment_required', 'success', detail);
      res.json({ status: 'second_factor_enrolment_required', challenge, challengeExpiresAt: expiresAt.toISOString() });
      return;
    }
    res.json(await startSession(tokens, req, user, multiFactor ? { ...detail, secondFactor: 'provider' } : detail));
  });
}

const claimOf = (err: AppError) => ((err as { claim?: string }).claim ? { claim: (err as { claim?: string }).claim } : {});
