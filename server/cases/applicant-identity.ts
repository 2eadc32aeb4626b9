import { AppError, validationFailed } from '../errors/app-error.ts';
import { accountById, actingForCompany, hasRole, type Principal } from '../auth/index.ts';
import { shanghaiDay } from '../calendar/index.ts';
import { isValidCreditCode, isValidResidentIdNumber } from '../validation/id-numbers.ts';
import { isMaskedEcho } from '../../contract/catalog/personal.ts';

/** A company's account acting now: the company, and who acts for it under which authorisation (统一身份认证). */
export type CompanyActing = NonNullable<Awaited<ReturnType<typeof actingForCompany>>>;

/**
 * 法人: the company a signed-in company account applies for, if it is one; its legal representative
 * may, an agent only under an authorisation that covers applying (`apply`) and is in force today.
 */
export async function companyActing(principal: Principal): Promise<CompanyActing | null> {
  if (!hasRole(principal, 'applicant')) return null;
  const acting = await actingForCompany(principal.id);
  if (!acting || acting.actingAs === 'legal_representative') return acting;
  const a = acting.authorization;
  const today = shanghaiDay(new Date());
  if (!a || !a.scope.includes('apply') || today < a.validFrom || today > a.validUntil) {
    throw new AppError(403, 'authorization_insufficient', [], {
      'zh-CN': `${acting.name}对${acting.companyName}的授权${a ? `（${a.id}，有效期至 ${a.validUntil}）` : ''}不含办理申请或已失效，请由法定代表人办理或重新授权`,
      en: `${acting.name}'s authorisation for ${acting.companyName}${a ? ` (${a.id}, until ${a.validUntil})` : ''} does not cover applying or is no longer in force: the legal representative applies, or authorises again`,
    });
  }
  return acting;
}

/**
 * Whose data a caller may act on. An applicant acts for themselves only (their account's ID
 * number), a company's account for its company (its credit code); a window clerk acts for the
 * applicant in front of them, whose ID they checked in person.
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
  const company = await companyActing(principal);
  if (company) {
    if (requestedIdNo && requestedIdNo !== company.creditCode) {
      throw validationFailed([{ field: 'idNo', message: { 'zh-CN': '证件号码：只能以本企业名义申请', en: 'idNo: you can only apply for your company' } }]);
    }
    return company.creditCode;
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
 * The applicant block (and an online agent's, who is the signed-in person) as the applicant's page
 * sends it: their own ID number as the platform showed it (masked) stands for the whole one, which
 * the page never had. A company's account applies as the
 * company: its name, 统一社会信用代码 and the kind of ID are the company's, whatever the page sent
 * (the phone is the page's). Others' values pass unchanged.
 */
export async function withOwnIdNumber(principal: Principal, body: unknown): Promise<unknown> {
  const applicant = (body as { applicant?: Record<string, unknown> } | null)?.applicant;
  if (hasRole(principal, 'clerk') || !applicant || typeof applicant !== 'object') return body;
  const company = await companyActing(principal);
  if (company) return { ...(body as object), applicant: { ...applicant, name: company.companyName, idType: 'credit_code', idNo: company.creditCode } };
  const account = await accountById(principal.id);
  if (!account?.idNo) return body;
  const own = (idNo: unknown) => typeof idNo === 'string' && isMaskedEcho('id-number', idNo, account.idNo!);
  // 委托代理 online: the agent is the signed-in person, shown their own number masked too
  const agent = (body as { agent?: Record<string, unknown> }).agent;
  return {
    ...(body as object),
    applicant: own(applicant.idNo) ? { ...applicant, idNo: account.idNo } : applicant,
    ...(agent && typeof agent === 'object' && own(agent.idNo) ? { agent: { ...agent, idNo: account.idNo } } : {}),
  };
}
