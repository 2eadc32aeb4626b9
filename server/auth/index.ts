/**
 * 账号与鉴别 (auth), the public entry: who is calling (Principal, its roles and candidate groups),
 * the roles, and the accounts as other domains read them (no secrets). Sign-in, sessions and the
 * second factor are routed by auth.controller.ts and second-factor.controller.ts.
 */
export { groupsOf, hasRole, type Principal } from './principal.ts';
export { ROLES, type Role } from './user.model.ts';
export {
  accountById,
  accountByUsername,
  accountIdsByUsernames,
  accountsByIds,
  activeAccounts,
  activeAccountsByDepartment,
  activeAccountsByUsernames,
  activeUsernames,
  applicantAccountsByIdNo,
  idNoOfAccount,
  type Account,
} from './accounts.ts';
/** A company's account: who acts for it now and under which authorisation (统一身份认证), for a case's applicant. */
export { actingForCompany } from './oidc-accounts.ts';
export type { Acting } from './identity.model.ts';
/** Staff with no region work in the root region (at start, for accounts from before regions). */
export { placeStaffWithoutRegion } from './staff-regions.ts';
/** The demo accounts of the embedded mode (their user names, roles and identities). */
export { DEMO_ACCOUNTS } from './demo-accounts.ts';
/** The bearer tokens' service (the live channel checks a socket's token with it). */
export type { TokenService } from './tokens.ts';
