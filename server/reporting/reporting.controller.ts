import type { AppContext } from '../context.ts';
import { ADMINS } from '../http/access.ts';
import { RouteTable } from '../http/route-table.ts';
import { deadLetters, outboxOverview } from './outbox-status.ts';
import { resendDeadLetter, resendMany, type EventSources } from './resend.ts';
import { lastReconciliations } from './reconcile.ts';
import { reconcileNow } from './reconcile-now.ts';

/** 办件数据汇聚: the system administrator's view of the outbox, its dead letters and the reconciliations (documented in ./openapi.ts). */
export function reportingRoutes(ctx: AppContext, sources: EventSources): RouteTable {
  const routes = new RouteTable(ctx);

  routes.get('/operations/province/outbox', ADMINS, async (_req, res) => {
    res.json(await outboxOverview(ctx));
  });

  routes.get('/operations/province/dead-letters', ADMINS, async (req, res) => {
    res.json(await deadLetters(req.query as Record<string, unknown>));
  });

  // the batch before /:id/resend: "resend" is no id
  routes.post('/operations/province/dead-letters/resend', ADMINS, async (req, res) => {
    res.json(await resendMany(ctx, sources, req.principal!, req.body));
  });

  routes.post('/operations/province/dead-letters/:id/resend', ADMINS, async (req, res) => {
    res.json(await resendDeadLetter(ctx, sources, req.principal!, String(req.params.id)));
  });

  routes.get('/operations/province/reconciliations', ADMINS, async (_req, res) => {
    res.json({ reconciliations: await lastReconciliations(30) });
  });

  routes.post('/operations/province/reconciliations', ADMINS, async (req, res) => {
    res.json(await reconcileNow(ctx, req.principal!, req.body));
  });

  return routes;
}
