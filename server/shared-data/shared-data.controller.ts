import type { AppContext } from '../context.ts';
import { roles } from '../http/access.ts';
import { RouteTable } from '../http/route-table.ts';
import { assertMayReadQueryLog, searchQueryLog } from './query-log.ts';

/** 共享数据: the query log's page (documented in ./openapi.ts). */
export function sharedDataRoutes(ctx: AppContext): RouteTable {
  const routes = new RouteTable(ctx);
  // leaders of other departments pass the role check and are refused by the department's
  routes.get('/shared-data/queries', roles('leader', 'auditor'), async (req, res) => {
    assertMayReadQueryLog(req.principal!);
    res.json(await searchQueryLog(req.query));
  });
  return routes;
}
