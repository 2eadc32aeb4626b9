import { validationFailed } from '../errors/app-error.ts';
import { accountById, hasRole, type Principal } from '../auth/index.ts';
import { isValidCreditCode, isValidResidentIdNumber } from '../validation/id-numbers.ts';
import { isMaskedEcho } from '../../contract/catalog/personal.ts';

/**
 * Whose data a caller may act on. An applicant acts for themselves only (their account's ID
 * number); a window clerk acts for the applicant in front of them, whose ID they checked in person.
 */
export async function applicantIdFor(principal: Principal, requestedIdNo: string | undefined): Promise<string> {
  if (hasRole(principal, 'clerk')) {
    if (!requestedIdNo || !(isValidResidentIdNumber(requestedIdNo) || isValidCreditCode(requestedIdNo))) {
      throw validationFailed([
        {
          field: 'idNo',
          message: {
            'zh-CN': '证件号码：请填写申请人有效的身份证号码或统一社会信用代码',
            en: "idNo: give the applicant's valid resident ID number or credit code",
          },
        },
      ]);
    }
    return requestedIdNo;
  }
  const account = await accountById(principal.id);
  if (!account?.idNo) {
    throw validationFailed([{ field: 'idNo', message: { 'zh-CN': '您的账号未完成实名认证', en: 'Your account has no verified identity' } }]);
  }
  if (requestedIdNo && requestedIdNo !== account.idNo) {
    throw validationFailed([{ field: 'idNo', message: { 'zh-CN': '证件号码：只能以本人身份申请', en: 'idNo: you can only apply as yourself' } }]);
  }
  return account.idNo;
}

/**
 * The applicant block as the applicant's page sends it: their own ID number as the platform showed
 * it (masked) stands for the whole one, which the page never had. Others' values pass unchanged.
 */
export async function withOwnIdNumber(principal: Principal, body: unknown): Promise<unknown> {
  const applicant = (body as { applicant?: Record<string, unknown> } | null)?.applicant;
  if (hasRole(principal, 'clerk') || !applicant || typeof applicant !== 'object' || typeof applicant.idNo !== 'string') return body;
  const account = await accountById(principal.id);
  if (!account?.idNo || !isMaskedEcho('id-number', applicant.idNo, account.idNo)) return body;
  return { ...(body as object), applicant: { ...applicant, idNo: account.idNo } };
}
