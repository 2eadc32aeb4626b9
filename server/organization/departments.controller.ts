import type { AppContext } from '../context.ts';
import { SIGNED_IN } from '../http/access.ts';
import { RouteTable } from '../http/route-table.ts';
import { negotiateLocale } from '../i18n/locale.ts';
import { allDepartments } from './departments.ts';

/** 部门: the city's departments, for the pages that choose one (accounts, the catalog). */
export function departmentsRoutes(ctx: AppContext): RouteTable {
  return new RouteTable(ctx).get('/departments', SIGNED_IN, async (req, res) => {
    const locale = negotiateLocale(req.headers['accept-language']);
    const departments = (await allDepartments()).map((d) => ({ code: d.code, name: locale === 'en' ? d.nameEn : d.nameZh }));
    res.json({ departments: departments.sort((a, b) => a.code.localeCompare(b.code)) });
  });
}
