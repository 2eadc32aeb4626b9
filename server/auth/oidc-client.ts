import { createHash } from 'node:crypto';
import * as oidc from 'openid-client';
import { createRemoteJWKSet, EncryptJWT, jwtDecrypt, jwtVerify, type JWTPayload } from 'jose';
import type { IdentitySettings } from '../config/schema.ts';
import { AppError } from '../errors/app-error.ts';

/** What a person signs in as through the unified identity: themself, or for a company. */
export type SignInKind = 'person' | 'company';
export const SIGN_IN_KINDS: readonly SignInKind[] = ['person', 'company'];

/** The scopes the platform asks for (server/gateways/README.md lists their claims). */
const SCOPE = 'openid profile phone identity';
/** How long a started sign-in may take at the provider (the transaction cookie's life). */
export const TRANSACTION_SECONDS = 600;

/**
 * One sign-in under way, between GET /auth/oidc/start and POST /auth/oidc/callback: kept in the
 * browser as an encrypted, HttpOnly cookie (A256GCM under a key derived from JWT_SECRET for this
 * purpose only), so nothing is stored server-side and another browser cannot finish it.
 */
export interface OidcTransaction {
  state: string;
  nonce: string;
  codeVerifier: string;
  kind: SignInKind;
}

/** The ID token, verified: its claims and how the person authenticated at the provider. */
export interface VerifiedIdToken {
  claims: JWTPayload & Record<string, unknown>;
  amr: string[];
  acr: string | null;
}

const loopback = (url: URL) => ['127.0.0.1', 'localhost', '[::1]', '::1'].includes(url.hostname);

/**
 * The platform as an OpenID Connect relying party (openid-client 6): discovery (cached; retried after
 * a failure), the authorization code flow with PKCE (S256), state and nonce, the platform as a
 * confidential client (client_secret_basic), and the ID token checked twice: by openid-client (iss,
 * aud, azp, exp, iat, nonce) and its RS256 signature against the provider's JWKS (jose).
 * Plain http is accepted for a provider on loopback only (the sandbox); the configuration refuses
 * it elsewhere.
 */
export class RelyingParty {
  private discovered: Promise<oidc.Configuration> | undefined;
  private jwks: ReturnType<typeof createRemoteJWKSet> | undefined;
  private readonly key: Uint8Array;

  constructor(
    private readonly settings: IdentitySettings,
    /** where the provider sends the browser back: the web app's page that finishes the sign-in */
    readonly redirectUri: string,
    jwtSecret: string,
  ) {
    this.key = createHash('sha256').update(`approval-oidc-transaction:${jwtSecret}`).digest();
  }

  get enabled(): boolean {
    return Boolean(this.settings.oidcIssuer);
  }

  /** Whether the provider's authentication counts as a second factor: amr names mfa (RFC 8176), or acr is one of OIDC_MFA_ACR. */
  multiFactor(token: VerifiedIdToken): boolean {
    return token.amr.includes('mfa') || (token.acr !== null && this.settings.oidcMfaAcr.includes(token.acr));
  }

  private configuration(): Promise<oidc.Configuration> {
    if (!this.enabled) throw new AppError(404, 'oidc_not_configured');
    this.discovered ??= (async () => {
      const issuer = new URL(this.settings.oidcIssuer);
      const configuration = await oidc.discovery(
        issuer,
        this.settings.oidcClientId,
        { id_token_signed_response_alg: 'RS256' },
        oidc.ClientSecretBasic(this.settings.oidcClientSecret),
        { execute: issuer.protocol === 'http:' && loopback(issuer) ? [oidc.allowInsecureRequests] : [], timeout: 5 },
      );
      const jwksUri = configuration.serverMetadata().jwks_uri;
      if (!jwksUri) throw new Error('the provider publishes no jwks_uri');
      this.jwks = createRemoteJWKSet(new URL(jwksUri), { timeoutDuration: 5000 });
      return configuration;
    })();
    // a failed discovery is asked again at the next sign-in
    return this.discovered.catch((err: unknown) => {
      this.discovered = undefined;
      throw providerUnavailable(err);
    });
  }

  /** The provider's authorization URL for a new sign-in, and the transaction to keep in the browser. */
  async start(kind: SignInKind): Promise<{ url: string; transaction: OidcTransaction }> {
    const configuration = await this.configuration();
    const transaction: OidcTransaction = { state: oidc.randomState(), nonce: oidc.randomNonce(), codeVerifier: oidc.randomPKCECodeVerifier(), kind };
    const url = oidc.buildAuthorizationUrl(configuration, {
      redirect_uri: this.redirectUri,
      scope: SCOPE,
      response_type: 'code',
      state: transaction.state,
      nonce: transaction.nonce,
      code_challenge: await oidc.calculatePKCECodeChallenge(transaction.codeVerifier),
      code_challenge_method: 'S256',
      // a government counter's browser may be shared: every sign-in authenticates afresh
      prompt: 'login',
      subject_type: kind === 'company' ? 'legal_person' : 'natural_person',
    });
    return { url: url.href, transaction };
  }

  /**
   * The provider's answer (code, state, iss) for the transaction: the code exchanged at the token
   * endpoint with the PKCE verifier and the client's secret, the ID token verified.
   */
  async finish(answer: { code: string; state: string; iss?: string }, transaction: OidcTransaction): Promise<VerifiedIdToken> {
    const configuration = await this.configuration();
    const callback = new URL(this.redirectUri);
    callback.searchParams.set('code', answer.code);
    callback.searchParams.set('state', answer.state);
    if (answer.iss) callback.searchParams.set('iss', answer.iss);
    let idToken: string | undefined;
    try {
      const tokens = await oidc.authorizationCodeGrant(configuration, callback, {
        pkceCodeVerifier: transaction.codeVerifier,
        expectedState: transaction.state,
        expectedNonce: transaction.nonce,
        idTokenExpected: true,
      });
      idToken = tokens.id_token;
    } catch (err) {
      throw signInFailed(err);
    }
    if (!idToken) throw new AppError(400, 'oidc_sign_in_failed');
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(idToken, this.jwks!, {
        issuer: configuration.serverMetadata().issuer,
        audience: this.settings.oidcClientId,
        algorithms: ['RS256'],
        requiredClaims: ['sub', 'iat', 'exp'],
      }));
    } catch (err) {
      if ((err as { code?: string }).code === 'ERR_JWKS_TIMEOUT') throw providerUnavailable(err);
      throw withCause(new AppError(502, 'identity_claims_invalid'), err);
    }
    const amr = Array.isArray(payload.amr) ? payload.amr.filter((v): v is string => typeof v === 'string') : [];
    return { claims: payload as VerifiedIdToken['claims'], amr, acr: typeof payload.acr === 'string' ? payload.acr : null };
  }

  /** The transaction as the browser keeps it. */
  seal(transaction: OidcTransaction): Promise<string> {
    return new EncryptJWT({ ...transaction })
      .setProtectedHeader({ alg: 'dir', enc: 'A256GCM', typ: 'oidc-transaction' })
      .setIssuedAt()
      .setExpirationTime(`${TRANSACTION_SECONDS}s`)
      .encrypt(this.key);
  }

  /** The transaction a cookie holds, or null when it is missing, expired or not ours. */
  async open(sealed: string | undefined): Promise<OidcTransaction | null> {
    if (!sealed) return null;
    try {
      const { payload } = await jwtDecrypt(sealed, this.key, { maxTokenAge: TRANSACTION_SECONDS });
      const { state, nonce, codeVerifier, kind } = payload as Partial<OidcTransaction>;
      if (typeof state !== 'string' || typeof nonce !== 'string' || typeof codeVerifier !== 'string' || !SIGN_IN_KINDS.includes(kind as SignInKind))
        return null;
      return { state, nonce, codeVerifier, kind: kind as SignInKind };
    } catch {
      return null;
    }
  }
}

/** The underlying failure, for the log line of the refusal. */
const withCause = (error: AppError, cause: unknown): AppError => Object.assign(error, { cause });

/** The provider could not be reached or answered nonsense: 503, the person may use the password instead. */
function providerUnavailable(err: unknown): AppError {
  return withCause(new AppError(503, 'identity_provider_unavailable'), err);
}

/**
 * The code exchange failed: the provider refused the code (used, expired, another client's, a
 * wrong verifier: 400), or could not be reached (503).
 */
function signInFailed(err: unknown): AppError {
  if (err instanceof oidc.ResponseBodyError || err instanceof oidc.AuthorizationResponseError) {
    return withCause(new AppError(400, 'oidc_sign_in_failed'), err);
  }
  const code = (err as { code?: string }).code;
  // the ID token's own checks (nonce, iss, aud, exp) failed: a token not for this sign-in
  if (code === 'OAUTH_JWT_CLAIM_COMPARISON_FAILED' || code === 'OAUTH_JWT_TIMESTAMP_CHECK_FAILED' || code === 'OAUTH_INVALID_RESPONSE') {
    return withCause(new AppError(400, 'oidc_sign_in_failed'), err);
  }
  return providerUnavailable(err);
}
