import type { AppContext } from '../context.ts';
import { negotiateLocale } from '../i18n/locale.ts';
import { assertValid } from '../validation/ajv.ts';
import { listStaff, staffQuerySchema, type StaffQuery } from './staff.service.ts';
import { roles } from '../http/access.ts';
import { RouteTable } from '../http/route-table.ts';

/** GET /staff: the staff directory the inbox operations pick people from (转办, 委派, 抄送, 加签). */
export function staffRoutes(ctx: AppContext): RouteTable {
  const routes = new RouteTable(ctx);
  routes.get('/staff', roles('reviewer', 'leader', 'clerk', 'admin', 'analyst'), async (req, res) => {
    assertValid<StaffQuery>(staffQuerySchema, req.query, 'query');
    res.json(await listStaff(req.query as StaffQuery, negotiateLocale(req.headers['accept-language'])));
  });
  return routes;
}
