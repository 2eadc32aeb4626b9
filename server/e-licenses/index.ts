/**
 * 电子证照 (e-licenses), the public entry: the registry's licenses as other domains read them, the
 * licenses a case was given instead of files, and the issue of a license an approved case earns.
 * The registry's search, view and revocation are routed by e-licenses.controller.ts.
 */
export {
  copyGivenLicenses,
  dropGivenLicenses,
  issueLicenseOnce,
  lastLicenseId,
  licensesIssuedAfter,
  licensesByNumbers,
  licensesGivenFor,
  licensesInForceOfHolder,
  recordGivenLicenses,
  type ELicenseRecord,
  type GivenLicense,
  type LicenseIssue,
} from './case-licenses.ts';
