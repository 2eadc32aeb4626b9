import { Router } from 'express';
import type { AppContext } from '../context.ts';

/** GET /health: engine and database status; 503 when either is down, for load balancers. */
export function healthRouter(ctx: AppContext): Router {
  const router = Router();
  router.get('/health', async (_req, res) => {
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
  return router;
}
