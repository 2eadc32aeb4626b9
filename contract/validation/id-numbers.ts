/**
 * Checksums of Chinese identifiers. Pure functions, used as ajv formats and by the workers.
 */

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK = '10X98765432';

/** 居民身份证号码, GB 11643-1999: 17 digits + ISO 7064 MOD 11-2 check character, valid birth date. */
/** China keeps one time zone, UTC+8, without summer time: its calendar days begin 8 hours before UTC's. */
const CHINA_OFFSET_MS = 8 * 3600 * 1000;

export function isValidResidentIdNumber(value: string): boolean {
  if (!/^[1-9]\d{16}[\dX]$/.test(value)) return false;
  const birth = value.slice(6, 14);
  const year = Number(birth.slice(0, 4));
  const month = Number(birth.slice(4, 6));
  const day = Number(birth.slice(6, 8));
  const date = new Date(Date.UTC(year, month - 1, day));
  if (year < 1900 || date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return false;
  // born today in China (UTC+8 all year) is not in the future, though the day has not begun in UTC
  if (date.getTime() > Date.now() + CHINA_OFFSET_MS) return false;
  return residentIdCheckCharacter(value.slice(0, 17)) === value[17];
}

/** The check character (0–9 or X) of a 居民身份证号码's first 17 digits. */
export function residentIdCheckCharacter(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * ID_WEIGHTS[i]!;
  return ID_CHECK[sum % 11]!;
}

const CREDIT_CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const CREDIT_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

/** 统一社会信用代码, GB 32100-2015: 18 characters of the code set, last one a MOD 31 check. */
export function isValidCreditCode(value: string): boolean {
  if (!/^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$/.test(value)) return false;
  return creditCodeCheckCharacter(value.slice(0, 17)) === value[17];
}

/** The check character of a 统一社会信用代码's first 17 characters (of its code set). */
export function creditCodeCheckCharacter(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += CREDIT_CHARS.indexOf(first17[i]!) * CREDIT_WEIGHTS[i]!;
  return CREDIT_CHARS[(31 - (sum % 31)) % 31]!;
}

/** 中国大陆手机号 */
export function isValidMobile(value: string): boolean {
  return /^1[3-9]\d{9}$/.test(value);
}
