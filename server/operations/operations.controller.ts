import type { AppContext } from '../context.ts';
import { negotiateLocale } from '../i18n/locale.ts';
import { ADMINS } from '../http/access.ts';
import { RouteTable } from '../http/route-table.ts';
import { incidentFilter, listIncidents, retryIncident, retryIncidents } from './incidents.ts';
import { cancelCase, caseSteps, moveCase } from './case-operations.ts';
import { stuckCaseDetector } from './stuck-cases.ts';
import { migrationPlan, migrationVersions } from './migration-plan.ts';
import { migrationProgress, startMigration } from './migration-batches.ts';
import { systemStatus } from './system-status.ts';

/** How long a node's last look for stuck cases stands before the listing looks again itself. */
const FRESH_MS = 120_000;
/** The second look of a listing that had none before: a case between two steps is not taken for stuck. */
const CONFIRM_DELAY_MS = 2_000;

/** 运维监控: the system administrator's incident console and stuck cases (documented in ./openapi.ts). */
export function operationsRoutes(ctx: AppContext): RouteTable {
  const routes = new RouteTable(ctx);
  const locale = (req: { headers: Record<string, string | string[] | undefined> }) => negotiateLocale(req.headers['accept-language'] as string | undefined);

  routes.get('/operations/incidents', ADMINS, async (req, res) => {
    res.json(await listIncidents(ctx, incidentFilter(req.query as Record<string, unknown>), locale(req)));
  });

  // the batch before /:id/retry: "retry" is no incident id
  routes.post('/operations/incidents/retry', ADMINS, async (req, res) => {
    res.json(await retryIncidents(ctx, req.principal!, req.body, locale(req)));
  });

  routes.post('/operations/incidents/:id/retry', ADMINS, async (req, res) => {
    res.json(await retryIncident(ctx, req.principal!, String(req.params.id), req.body));
  });

  routes.get('/operations/cases/:caseNo/steps', ADMINS, async (req, res) => {
    res.json(await caseSteps(ctx, String(req.params.caseNo)));
  });

  routes.post('/operations/cases/:caseNo/move', ADMINS, async (req, res) => {
    res.json(await moveCase(ctx, req.principal!, String(req.params.caseNo), req.body));
  });

  routes.post('/operations/cases/:caseNo/cancel', ADMINS, async (req, res) => {
    res.json(await cancelCase(ctx, req.principal!, String(req.params.caseNo), req.body, locale(req)));
  });

  // ?look=now: the operator asks for two fresh looks instead of the last ones (the page's 重新检查)
  routes.get('/operations/stuck-cases', ADMINS, async (req, res) => {
    const now = req.query.look === 'now';
    res.json(await stuckCaseDetector(ctx).list(now ? 0 : FRESH_MS, CONFIRM_DELAY_MS, locale(req), now));
  });

  routes.get('/operations/migrations/versions/:processKey', ADMINS, async (req, res) => {
    res.json(await migrationVersions(ctx, String(req.params.processKey)));
  });

  routes.post('/operations/migrations/plan', ADMINS, async (req, res) => {
    res.json(await migrationPlan(ctx, req.body, locale(req)));
  });

  routes.post('/operations/migrations', ADMINS, async (req, res) => {
    res.status(202).json(await startMigration(ctx, req.principal!, req.body));
  });

  routes.get('/operations/migrations/:batchId', ADMINS, async (req, res) => {
    res.json(await migrationProgress(ctx, String(req.params.batchId)));
  });

  // 系统状态: server nodes, schedulers, engines and backups (the engines are asked now)
  routes.get('/operations/system', ADMINS, async (req, res) => {
    res.json(await systemStatus(ctx, locale(req)));
  });

  return routes;
}
