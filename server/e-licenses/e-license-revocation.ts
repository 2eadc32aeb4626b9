import { recordAudit } from '../audit/index.ts';
import type { AppContext } from '../context.ts';
import type { Principal } from '../auth/index.ts';
import { ELicense } from './e-license.model.ts';
import { AppError, conflict } from '../errors/app-error.ts';
import type { Locale } from '../i18n/locale.ts';
import { assertValid } from '../validation/ajv.ts';
import { licenseView, type LicenseView } from './e-license-view.ts';
import type { CaseNumbers } from './e-license-registry.ts';
import { revocationSchema } from '../../contract/requests/e-licenses.ts';

export { revocationSchema } from '../../contract/requests/e-licenses.ts';

/**
 * 电子证照注销: from now on the license exempts nothing. Intake refuses it as a material and
 * acceptance asks again for a case that named it before; the prefill no longer offers it.
 */
export async function revokeLicense(
  ctx: AppContext,
  principal: Principal,
  id: string,
  body: unknown,
  locale: Locale,
  caseNosByIds: CaseNumbers,
): Promise<LicenseView> {
  const license = /^\d{1,9}$/.test(id) ? await ELicense.findByPk(Number(id)) : null;
  if (!license) throw new AppError(404, 'e_license_not_found');
  const input: unknown = body ?? {};
  assertValid<{ reason: string }>(revocationSchema, input);
  const reason = input.reason.trim();
  await ctx.sequelize.transaction(async (transaction) => {
    // compare-and-set: revoking twice, or two administrators at once, revokes once
    const [changed] = await ELicense.update(
      { revokedAt: new Date(), revokedReason: reason, revokedBy: principal.username },
      { where: { id: license.id, revokedAt: null }, transaction },
    );
    if (changed === 0) throw conflict('e_license_already_revoked');
    await recordAudit(
      { actor: principal.username, action: 'e_license.revoked', target: `e-license:${license.number}`, detail: { id: license.id, type: license.type, reason } },
      transaction,
    );
  });
  await license.reload();
  const caseNo = license.issuedByCaseId ? ((await caseNosByIds([license.issuedByCaseId])).get(license.issuedByCaseId) ?? null) : null;
  return licenseView(license, locale, { caseNo, forAdmin: true });
}
