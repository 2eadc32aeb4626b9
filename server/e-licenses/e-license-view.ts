import type { ELicense } from './e-license.model.ts';
import type { Locale, Localized } from '../i18n/locale.ts';
import { maskPersonal } from '../../contract/catalog/personal.ts';
import { maskUnmarked } from '../privacy/mask-form.ts';
import type { LicenseStatus, LicenseView } from '../../contract/e-licenses.ts';

export type { LicenseStatus, LicenseView };

export const LICENSE_STATUSES: Record<LicenseStatus, Localized> = {
  in_force: { 'zh-CN': '有效', en: 'In force' },
  revoked: { 'zh-CN': '已注销', en: 'Revoked' },
  expired: { 'zh-CN': '已过期', en: 'Expired' },
  not_yet_valid: { 'zh-CN': '未生效', en: 'Not yet valid' },
};

/** Where the license stands at `at`; revoked wins over expired, since it was ended on purpose. */
export function licenseStatus(license: ELicense, at: Date = new Date()): LicenseStatus {
  if (license.revokedAt && license.revokedAt <= at) return 'revoked';
  if (license.validUntil && license.validUntil <= at) return 'expired';
  if (license.validFrom > at) return 'not_yet_valid';
  return 'in_force';
}

export function licenseView(license: ELicense, locale: Locale, options: { caseNo?: string | null; forAdmin: boolean }): LicenseView {
  const status = licenseStatus(license);
  return {
    id: license.id,
    type: license.type,
    // 个人信息: a licence numbered by its holder's ID number (居民身份证) shows it masked, like the holder's
    number: license.number === license.holderIdNo ? maskPersonal('id-number', license.number) : license.number,
    name: license.name,
    holder: { idNo: maskPersonal('id-number', license.holderIdNo), name: license.holderName },
    data: maskUnmarked(license.data),
    validFrom: license.validFrom.toISOString(),
    validUntil: license.validUntil?.toISOString() ?? null,
    status,
    statusLabel: LICENSE_STATUSES[status][locale],
    revokedAt: license.revokedAt?.toISOString() ?? null,
    revokedReason: license.revokedReason ?? null,
    ...(options.forAdmin ? { revokedBy: license.revokedBy ?? null } : {}),
    issuedByCaseNo: options.caseNo ?? null,
  };
}
