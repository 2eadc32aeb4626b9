import { ROLES } from './user.model.ts';
import { always, instant, nullable } from '../openapi/helpers.ts';

/**
 * The answers of a sign-in, one description for every way in (the password and its second step,
 * 统一身份认证, the applicants' registration): ./openapi.ts and ./identity-openapi.ts.
 */

/** Who is signed in: the account's principal and the engine groups it belongs to (GET /auth/me). */
export const principal = always({
  id: { type: 'integer' },
  username: { type: 'string' },
  displayName: { type: 'string' },
  roles: { type: 'array', items: { enum: [...ROLES] } },
  departmentCode: { ...nullable(), description: 'staff only' },
  regionCode: { ...nullable(), description: 'staff only: the region they work in (四级)' },
  groups: { type: 'array', items: { type: 'string' }, description: 'engine candidate groups "<department>:<role>" (none without a department)' },
});

/** A finished sign-in: a session, its token and who it is for. */
export const signedIn = always({ token: { type: 'string' }, tokenType: { const: 'Bearer' }, expiresAt: instant, user: principal });

/** A sign-in that needs its second step first (`second_factor_required`, `second_factor_enrolment_required`). */
export const secondStepOf = (kind: string) =>
  always({
    status: { const: kind },
    challenge: { type: 'string', description: 'for the second step (POST /auth/second-factor or the enrolment), not a bearer token' },
    challengeExpiresAt: instant,
  });
