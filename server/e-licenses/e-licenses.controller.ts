import type { AppContext } from '../context.ts';
import { negotiateLocale } from '../i18n/locale.ts';
import { listLicenses, type CaseNumbers } from './e-license-registry.ts';
import { revokeLicense } from './e-license-revocation.ts';
import { ADMINS, roles } from '../http/access.ts';
import { RouteTable } from '../http/route-table.ts';
import { AppError } from '../errors/app-error.ts';

/** 电子证照库: administrators list and revoke; an applicant lists the licenses they hold. `caseNosByIds` names the cases that issued them. */
export function eLicensesRoutes(ctx: AppContext, { caseNosByIds }: { caseNosByIds: CaseNumbers }): RouteTable {
  const routes = new RouteTable(ctx);

  routes.get('/e-licenses', roles('admin', 'applicant'), async (req, res) => {
    // 个人信息 never in a URL (access logs, proxies, browser history keep them)
    if ('holderIdNo' in req.query) {
      throw new AppError(400, 'personal_data_in_url', [], {
        'zh-CN': '证件号码不能放在网址中，请用 POST /e-licenses/search 按持证人查询',
        en: 'An ID number does not belong in a URL: search by holder with POST /e-licenses/search',
      });
    }
    res.json(await listLicenses(req.principal!, req.query as Record<string, unknown>, negotiateLocale(req.headers['accept-language']), caseNosByIds));
  });

  /** The same list, filtered by holder: the ID number in the body. */
  routes.post('/e-licenses/search', roles('admin', 'applicant'), async (req, res) => {
    const body: unknown = req.body;
    const filters = body && typeof body === 'object' && !Array.isArray(body) ? (body as Record<string, unknown>) : {};
    // the list reads its filters as a query's strings
    const query = Object.fromEntries(Object.entries(filters).map(([k, v]) => [k, typeof v === 'number' ? String(v) : v]));
    res.json(await listLicenses(req.principal!, query, negotiateLocale(req.headers['accept-language']), caseNosByIds));
  });

  routes.post('/e-licenses/:id/revoke', ADMINS, async (req, res) => {
    const license = await revokeLicense(ctx, req.principal!, String(req.params.id), req.body, negotiateLocale(req.headers['accept-language']), caseNosByIds);
    req.log?.info({ eLicenseId: license.id, type: license.type, number: license.number, reason: license.revokedReason }, 'e-license revoked');
    res.json(license);
  });

  return routes;
}
