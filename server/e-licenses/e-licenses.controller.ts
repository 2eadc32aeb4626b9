import type { AppContext } from '../context.ts';
import { negotiateLocale } from '../i18n/locale.ts';
import { listLicenses } from './e-license-registry.ts';
import { revokeLicense } from './e-license-revocation.ts';
import { ADMINS, roles } from '../http/access.ts';
import { RouteTable } from '../http/route-table.ts';

/** 电子证照库: administrators list and revoke; an applicant lists the licenses they hold. */
export function eLicensesRoutes(ctx: AppContext): RouteTable {
  const routes = new RouteTable(ctx);

  routes.get('/e-licenses', roles('admin', 'applicant'), async (req, res) => {
    res.json(await listLicenses(req.principal!, req.query as Record<string, unknown>, negotiateLocale(req.headers['accept-language'])));
  });

  routes.post('/e-licenses/:id/revoke', ADMINS, async (req, res) => {
    const license = await revokeLicense(ctx, req.principal!, String(req.params.id), req.body, negotiateLocale(req.headers['accept-language']));
    req.log?.info({ eLicenseId: license.id, type: license.type, number: license.number, reason: license.revokedReason }, 'e-license revoked');
    res.json(license);
  });

  return routes;
}
