/** 统一身份认证 and 实名核验: the identity provider's claims, the real-name check's interface, its sandbox adapter and the sandbox service. */
export * from './claims.ts';
export type * from './real-name-check.ts';
export { SandboxRealNameCheck, type SandboxRealNameCheckOptions } from './sandbox-real-name-check.ts';
export { startIdentitySandbox, type IdentitySandbox, type IdentitySandboxControl, type IdentitySandboxOptions } from './sandbox-service.ts';
export {
  AUTHORIZATION_SCOPES,
  REAL_NAME_LEVELS,
  authorizationInForce,
  type Agent,
  type Authorization,
  type LegalPerson,
  type NaturalPerson,
  type Population,
} from './population.ts';
