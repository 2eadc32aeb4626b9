import { User } from '../auth/user.model.ts';
import { validationFailed } from '../errors/app-error.ts';
import { hasRole, type Principal } from '../auth/principal.ts';
import { isValidCreditCode, isValidResidentIdNumber } from '../validation/id-numbers.ts';

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
  const account = await User.findByPk(principal.id);
  if (!account?.idNo) {
    throw validationFailed([{ field: 'idNo', message: { 'zh-CN': '您的账号未完成实名认证', en: 'Your account has no verified identity' } }]);
  }
  if (requestedIdNo && requestedIdNo !== account.idNo) {
    throw validationFailed([{ field: 'idNo', message: { 'zh-CN': '证件号码：只能以本人身份申请', en: 'idNo: you can only apply as yourself' } }]);
  }
  return account.idNo;
}
