/**
 * 电子印章 (seals), the public entry: the department's seal a user may use now, the use log of a
 * sealed document, and the issuer's name a document states. The seals' registration, upload and
 * management are routed by seals.controller.ts.
 */
export { activeSealOf, NoSealError, type UsableSeal } from './active-seal.ts';
export { logSealUseOnDocument } from './seal-audit.ts';
export { governmentName, issuerName } from './issuer-name.ts';
export { sealCertificatesOf, type SealCertificates } from './seal-certificates.ts';
