import type { Subject } from './population.ts';

/**
 * The claims the identity provider gives the platform's client, in the ID token (and at
 * userinfo), by scope: `openid` sub, acr, amr (the ID token only); `profile` name; `phone` phone_number, phone_number_verified;
 * `identity` subject_type, id_type, id_no, real_name_level, and for a sign-in for a company
 * legal_person, acting_as and (an agent) authorization. server/gateways/README.md documents them.
 */
export const IDENTITY_SCOPES = ['openid', 'profile', 'phone', 'identity'] as const;

export const IDENTITY_CLAIMS = {
  // acr and amr: how the person authenticated at this sign-in (amr pwd, or pwd + sms + mfa)
  openid: ['sub', 'acr', 'amr'],
  profile: ['name'],
  phone: ['phone_number', 'phone_number_verified'],
  identity: ['subject_type', 'id_type', 'id_no', 'real_name_level', 'legal_person', 'acting_as', 'authorization'],
} as const;

export type SubjectType = 'natural_person' | 'legal_person';

/** A company as the provider asserts it. */
export interface LegalPersonClaim {
  name: string;
  credit_code: string;
  /** the legal representative's name */
  legal_representative: string;
}

/** An agent's authorisation by the company (授权委托). */
export interface AuthorizationClaim {
  id: string;
  scope: string[];
  /** YYYY-MM-DD, Asia/Shanghai, both ends included */
  valid_from: string;
  valid_until: string;
}

export interface IdentityClaims {
  sub: string;
  name: string;
  phone_number: string;
  phone_number_verified: boolean;
  subject_type: SubjectType;
  id_type: 'resident_id';
  id_no: string;
  real_name_level: string;
  legal_person?: LegalPersonClaim;
  acting_as?: 'legal_representative' | 'agent';
  authorization?: AuthorizationClaim;
}

/** The claims of a subject (the person who signs in, and the company they sign in for). */
export function claimsOf(subject: Subject, nameOf: (sub: string) => string): IdentityClaims {
  const { person } = subject;
  const claims: IdentityClaims = {
    sub: subject.sub,
    name: person.name,
    // E.164, as OIDC's phone_number asks
    phone_number: `+86${person.phone}`,
    phone_number_verified: true,
    subject_type: subject.kind,
    id_type: 'resident_id',
    id_no: person.idNo,
    real_name_level: person.realNameLevel,
  };
  if (subject.kind === 'legal_person') {
    claims.legal_person = {
      name: subject.company.name,
      credit_code: subject.company.creditCode,
      legal_representative: nameOf(subject.company.legalRepresentative),
    };
    claims.acting_as = subject.actingAs;
    if (subject.authorization) {
      const a = subject.authorization;
      claims.authorization = { id: a.id, scope: [...a.scope], valid_from: a.validFrom, valid_until: a.validUntil };
    }
  }
  return claims;
}
