/**
 * 办件查询 without signing in (POST /public/case-status, server/cases/public-lookup.ts): what the
 * case number and the applicant's phone may look like as a person types them (spaces and dashes in a
 * number; spaces, dashes, brackets and +86 in a phone). Written once: the server's schema takes the
 * strings, the page the RegExps.
 */
export const LOOKUP_CASE_NO_PATTERN = '^[0-9A-Za-z -]+$';
export const LOOKUP_PHONE_PATTERN = '^[0-9 +()-]+$';
export const LOOKUP_CASE_NO = new RegExp(LOOKUP_CASE_NO_PATTERN, 'u');
export const LOOKUP_PHONE = new RegExp(LOOKUP_PHONE_PATTERN, 'u');
