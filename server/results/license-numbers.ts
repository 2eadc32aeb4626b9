import { createHash } from 'node:crypto';

const CREDIT_CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const CREDIT_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

/** Digits derived from the case number: the same case always gets the same license number. */
function digitsOf(seed: string, length: number): string {
  const hex = createHash('sha256').update(seed).digest('hex');
  return BigInt(`0x${hex}`).toString().slice(0, length).padStart(length, '0');
}

/**
 * 统一社会信用代码 (GB 32100-2015) of a 个体工商户 registered by this case: registration authority
 * 9 (工商), type 2 (个体工商户), the region's code, a 9-character body and the check character.
 */
export function creditCodeFor(regionCode: string, caseNo: string): string {
  const body = `92${regionCode}${digitsOf(`uscc:${caseNo}`, 9)}`;
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += CREDIT_CHARS.indexOf(body[i]!) * CREDIT_WEIGHTS[i]!;
  return body + CREDIT_CHARS[(31 - (sum % 31)) % 31];
}

/** 食品经营许可证编号: JY + subject type 2 (个体) + region + 7-digit serial from the case. */
export function foodLicenceNumberFor(regionCode: string, caseNo: string): string {
  return `JY2${regionCode}${digitsOf(`jy:${caseNo}`, 7)}`;
}

/**
 * 出生医学证明编号: a letter (the printing batch; the platform's electronic issue is "E") and 9
 * digits from the case.
 */
export function birthCertificateNumberFor(_regionCode: string, caseNo: string): string {
  return `E${digitsOf(`cs:${caseNo}`, 9)}`;
}

/** 户号 of a 居民户口簿 page: HK + the region + a 9-digit serial from the case (never 15 or 18 bare digits, as ID numbers are). */
export function householdNumberFor(regionCode: string, caseNo: string): string {
  return `HK${regionCode}${digitsOf(`hk:${caseNo}`, 9)}`;
}
