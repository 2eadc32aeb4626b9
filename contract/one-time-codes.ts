/**
 * 动态验证码: the platform's one-time codes are six digits: the authenticator's TOTP code of the second
 * factor (RFC 6238, server/auth/totp.ts) and the SMS code of an applicant's registration. Written
 * once: the server makes and checks them, the schemas take the pattern, the pages the RegExp.
 */
export const ONE_TIME_CODE_DIGITS = 6;
export const ONE_TIME_CODE_PATTERN = `^[0-9]{${ONE_TIME_CODE_DIGITS}}$`;
export const ONE_TIME_CODE = new RegExp(ONE_TIME_CODE_PATTERN, 'u');

/** Whether typed text is shaped like a one-time code: six digits, spaces allowed ("123 456"). */
export const looksLikeOneTimeCode = (typed: string): boolean => ONE_TIME_CODE.test(typed.replace(/\s/g, ''));
