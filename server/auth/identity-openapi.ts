import { always, answer, bearer, clean, error, instant, json, type Paths } from '../openapi/helpers.ts';
import { callbackSchema } from './oidc.controller.ts';
import { secondStepOf, signedIn } from './session-openapi.ts';
import { phoneCodeSchema, phoneVerificationSchema, registrationSchema } from '../../contract/requests/registration.ts';

/** 统一身份认证 (OpenID Connect) and the applicants' registration: paths of /api/v1. */
export function identityPaths(): Paths {
  return {
    '/auth/oidc': {
      get: {
        summary: '统一身份认证: whether the sign-in through the OpenID Connect provider is offered here (OIDC_ISSUER), and for whom',
        responses: {
          200: answer('offered or not', always({ enabled: { type: 'boolean' }, kinds: { type: 'array', items: { enum: ['person', 'company'] } } })),
        },
      },
    },
    '/auth/oidc/start': {
      get: {
        summary:
          "统一身份认证登录: sends the browser to the provider (authorization code flow, PKCE S256, state and nonce; prompt=login) with an encrypted HttpOnly cookie holding the sign-in (10 minutes). The provider sends the browser back to the web app's /login/oidc, which posts the answer to POST /auth/oidc/callback",
        parameters: [
          {
            name: 'kind',
            in: 'query',
            required: true,
            schema: { enum: ['person', 'company'] },
            description: 'a natural person for themself, or for a company (法人)',
          },
        ],
        responses: {
          302: { description: "to the provider's authorization endpoint" },
          404: error('oidc_not_configured'),
          422: error('kind missing or unknown'),
          429: error('too many attempts from this address'),
          503: error('identity_provider_unavailable: its discovery document cannot be read'),
        },
      },
    },
    '/auth/oidc/callback': {
      post: {
        summary:
          "Finishes the unified sign-in with the provider's answer (code, state, iss) and the cookie of GET /auth/oidc/start: the code is exchanged (client_secret_basic, PKCE), the ID token verified (RS256 against the provider's JWKS; iss, aud, nonce, exp), the account found (a subject seen before; else by ID number, a staff account the security administrator bound first; else a new applicant account, or a company's account for a person acting for it). Answers as POST /auth/login: the session, or the second factor's challenge for a person who has one or whose role requires one, unless the provider asserted multi-factor authentication (amr mfa, or an acr of OIDC_MFA_ACR)",
        requestBody: { required: true, content: json(clean(callbackSchema)) },
        responses: {
          200: answer('signed in, or the second step', {
            oneOf: [signedIn, secondStepOf('second_factor_required'), secondStepOf('second_factor_enrolment_required')],
          }),
          400: error(
            'oidc_transaction_invalid: no, an expired or another sign-in in this browser; oidc_sign_in_failed: the provider refused the code; oidc_kind_mismatch',
          ),
          403: error("authorization_not_in_force: an agent's authorisation is not in force today; account_inactive"),
          404: error('oidc_not_configured'),
          422: error('malformed body'),
          429: error('too many attempts from this address'),
          502: error('identity_claims_invalid: the ID token is not signed by the provider, or its claims are missing or malformed'),
          503: error('identity_provider_unavailable'),
        },
      },
    },
    '/auth/registration': {
      get: {
        summary: '申请人注册: whether it is offered (an SMS gateway and a real-name check are configured)',
        responses: { 200: answer('offered or not', always({ available: { type: 'boolean' } })) },
      },
    },
    '/auth/registration/phone-codes': {
      post: {
        summary:
          'Sends a 6-digit code to the phone (valid 5 minutes, good once, 5 wrong tries void it). A phone gets one a minute and 5 an hour, an address 20 an hour (429 with Retry-After)',
        requestBody: { required: true, content: json(clean(phoneCodeSchema)) },
        responses: {
          201: answer('sent', always({ expiresAt: instant, resendAfter: instant })),
          404: error('registration_unavailable'),
          409: error('phone_taken: the phone has an account'),
          422: error('not a mainland mobile number, or one the gateway refuses'),
          429: error('phone_code_rate_limited (Retry-After), or too many requests from this address'),
          503: error('sms_unavailable: nothing sent, nothing stored'),
        },
      },
    },
    '/auth/registration/phone-verifications': {
      post: {
        summary: "The phone's code: a one-time proof of the verified phone for POST /auth/registrations (15 minutes)",
        requestBody: { required: true, content: json(clean(phoneVerificationSchema)) },
        responses: {
          200: answer('verified', always({ verification: { type: 'string' }, expiresAt: instant })),
          404: error('registration_unavailable'),
          422: error('phone_code_invalid (counted, the tries left said), phone_code_expired (expired, used, or too many wrong tries)'),
          429: error('too many requests from this address'),
        },
      },
    },
    '/auth/registrations': {
      post: {
        summary:
          "申请人注册: the verified phone's proof, name and ID number (checked by the real-name check, 实名核验), a user name and a password under the policy: the applicant's account, and its session",
        requestBody: { required: true, content: json(clean(registrationSchema)) },
        responses: {
          201: answer('registered and signed in', signedIn),
          404: error('registration_unavailable'),
          409: error('username_taken, phone_taken, id_no_taken'),
          422: error('a bad field; password_policy naming each rule; phone_verification_invalid; real_name_mismatch (3 spend the proof)'),
          429: error('too many requests from this address'),
          503: error('real_name_check_unavailable: no account created'),
        },
      },
    },
    '/admin/users/{username}/identity': {
      put: {
        summary:
          "统一身份认证 for staff: the security administrator binds a staff account to the person's ID number; the provider's natural person with that number then signs in as it. Audited (the number masked)",
        security: bearer,
        parameters: [{ name: 'username', in: 'path', required: true, schema: { type: 'string' } }],
        requestBody: {
          required: true,
          content: json({ type: 'object', additionalProperties: false, required: ['idNo'], properties: { idNo: { type: 'string' } } }),
        },
        responses: {
          200: answer('bound', always({ username: { type: 'string' }, idNo: { type: 'string', description: 'masked' } })),
          404: error('no such user'),
          409: error('identity_not_staff: an applicant or company account; identity_taken: another account holds the number'),
          422: error('not a valid resident ID number'),
        },
      },
      delete: {
        summary: 'Unbinds a staff account: its ID number and every provider link go, its sessions end. Audited',
        security: bearer,
        parameters: [{ name: 'username', in: 'path', required: true, schema: { type: 'string' } }],
        responses: {
          200: answer('unbound', always({ username: { type: 'string' }, linksRemoved: { type: 'integer' } })),
          404: error('no such user'),
          409: error('identity_not_staff'),
        },
      },
    },
  };
}
