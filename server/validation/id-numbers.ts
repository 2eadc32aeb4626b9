/**
 * The identifiers' checksums are the contract's (the web app checks them too):
 * contract/validation/id-numbers.ts. This entry stays for the server's older imports.
 */
export { isValidCreditCode, isValidMobile, isValidResidentIdNumber } from '../../contract/validation/id-numbers.ts';
