import type { AppContext } from '../context.ts';
import { PUBLIC } from '../http/access.ts';
import { RouteTable } from '../http/route-table.ts';

/** GET /health: engine and database status; 503 when either is down, for load balancers. */
export function healthRoutes(ctx: AppContext): RouteTable {
  const routes = new RouteTable(ctx);
  routes.get('/health', PUBLIC, async (_req, res) => {
    const [engine, database] = await Promise.all([
      ctx.engine.version().then(
        (v) => ({ status: 'up', version: v.version }),
        (err: Error) => ({ status: 'down', error: err.message }),
      ),
      ctx.sequelize.authenticate().then(
        () => ({ status: 'up', dialect: ctx.sequelize.getDialect() }),
        (err: Error) => ({ status: 'down', error: err.message }),
      ),
    ]);
    const up = engine.status === 'up' && database.status === 'up';
    res.status(up ? 200 : 503).json({ status: up ? 'up' : 'down', mode: ctx.config.mode, engine, database });
  });
  return routes;
}
