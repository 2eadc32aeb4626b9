import type { AppContext } from '../context.ts';
import { PUBLIC } from '../http/access.ts';
import { RouteTable } from '../http/route-table.ts';
import { hallMap } from './hall-map.ts';

/** GET /hall-map: the public 政务服务数字地图, without signing in (names in both languages: the page switches without asking again). */
export function hallMapRoutes(ctx: AppContext): RouteTable {
  const routes = new RouteTable(ctx);
  routes.get('/hall-map', PUBLIC, async (req, res) => {
    res.json(await hallMap(req.query.region));
  });
  return routes;
}
