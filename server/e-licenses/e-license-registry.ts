import { Op, type WhereOptions } from 'sequelize';
import { idNoOfAccount, hasRole, type Principal } from '../auth/index.ts';
import { ELicense } from './e-license.model.ts';
import { AppError, validationFailed, type FieldProblem } from '../errors/app-error.ts';
import type { Locale } from '../i18n/locale.ts';
import { pageQuery } from '../validation/page-query.ts';
import { codedProblem } from '../../contract/problems.ts';
import { LICENSE_STATUSES, licenseView, type LicenseStatus, type LicenseView } from './e-license-view.ts';
import { lookupHash } from '../privacy/sealing.ts';

/** The numbers of cases by their ids (the cases' own, handed in by the composition root: a case may name licenses, not the other way round). */
export type CaseNumbers = (caseIds: number[]) => Promise<Map<number, string>>;

/** The SQL condition for a status at `now` (the same rule as licenseStatus). */
function statusWhere(status: LicenseStatus, now: Date): WhereOptions<ELicense> {
  const notRevoked = { [Op.or]: [{ revokedAt: null }, { revokedAt: { [Op.gt]: now } }] };
  const notExpired = { [Op.or]: [{ validUntil: null }, { validUntil: { [Op.gt]: now } }] };
  switch (status) {
    case 'revoked':
      return { revokedAt: { [Op.lte]: now } };
    case 'expired':
      return { [Op.and]: [notRevoked, { validUntil: { [Op.lte]: now } }] };
    case 'not_yet_valid':
      return { [Op.and]: [notRevoked, notExpired, { validFrom: { [Op.gt]: now } }] };
    default:
      return { [Op.and]: [notRevoked, notExpired, { validFrom: { [Op.lte]: now } }] };
  }
}

/** Whose licenses the caller may list: administrators anyone's, an applicant their own only. */
async function holderFor(principal: Principal, requested: string | undefined): Promise<string | undefined> {
  if (hasRole(principal, 'admin')) return requested;
  // a person's ID number; a company's account: the company's credit code (its licences)
  const holder = await idNoOfAccount(principal.id);
  if (!holder) throw validationFailed([codedProblem('holderIdNo', 'identity_unverified', '您的账号未完成实名认证', 'Your account has no verified identity')]);
  if (requested && requested !== holder) {
    throw new AppError(403, 'forbidden', [], { 'zh-CN': '只能查询本人名下的电子证照', en: 'You can only list the e-licenses you hold' });
  }
  return holder;
}

/** 电子证照库: licenses by holder, type and status, newest first, each with where it stands now. */
export async function listLicenses(
  principal: Principal,
  query: Record<string, unknown>,
  locale: Locale,
  caseNosByIds: CaseNumbers,
): Promise<{ total: number; limit: number; offset: number; licenses: LicenseView[] }> {
  const problems: FieldProblem[] = [];
  const text = (name: string, max: number) => {
    const raw = query[name];
    if (raw === undefined || raw === '') return undefined;
    if (typeof raw !== 'string' || raw.length > max) {
      problems.push(codedProblem(`query.${name}`, 'malformed', `${name}：格式不正确`, `${name}: malformed`));
      return undefined;
    }
    return raw.trim();
  };
  const requestedHolder = text('holderIdNo', 32);
  const type = text('type', 64);
  const status = text('status', 16);
  if (status && !(status in LICENSE_STATUSES)) {
    problems.push(
      codedProblem(
        'query.status',
        'not_allowed',
        `status：须为 ${Object.keys(LICENSE_STATUSES).join('、')} 之一`,
        `status: one of ${Object.keys(LICENSE_STATUSES).join(', ')}`,
      ),
    );
  }
  const { limit, offset } = pageQuery(query, problems);
  const holderIdNo = await holderFor(principal, requestedHolder);

  const conditions: WhereOptions<ELicense>[] = [];
  if (holderIdNo) conditions.push({ holderIdNoHash: lookupHash(holderIdNo) });
  if (type) conditions.push({ type });
  if (status) conditions.push(statusWhere(status as LicenseStatus, new Date()));
  const { count, rows } = await ELicense.findAndCountAll({ where: { [Op.and]: conditions }, order: [['id', 'DESC']], limit, offset });
  const caseIds = [...new Set(rows.flatMap((l) => (l.issuedByCaseId ? [l.issuedByCaseId] : [])))];
  const cases = caseIds.length ? await caseNosByIds(caseIds) : new Map<number, string>();
  const forAdmin = hasRole(principal, 'admin');
  return {
    total: count,
    limit,
    offset,
    licenses: rows.map((l) => licenseView(l, locale, { caseNo: l.issuedByCaseId ? cases.get(l.issuedByCaseId) : null, forAdmin })),
  };
}
