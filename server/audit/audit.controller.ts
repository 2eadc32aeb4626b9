import type { AppContext } from '../context.ts';
import { AUDITORS } from '../http/access.ts';
import { RouteTable } from '../http/route-table.ts';
import { recordAudit, requestActor } from './record-audit.ts';
import { auditCsv, searchAuditTrail } from './search-audit.ts';
import { verifyAuditTrail } from './verify-audit.ts';

/** 审计日志 for the audit administrator: search, verify the chain, export; the last two are audited themselves. */
export function auditRoutes(ctx: AppContext): RouteTable {
  const routes = new RouteTable(ctx);

  routes.get('/audit/events', AUDITORS, async (req, res) => {
    res.json(await searchAuditTrail(req.query));
  });

  routes.post('/audit/verification', AUDITORS, async (req, res) => {
    const result = await verifyAuditTrail();
    await recordAudit({
      ...requestActor(req),
      action: 'audit.verified',
      outcome: result.ok ? 'success' : 'failure',
      detail: { rows: result.rows, problems: result.problems.length },
    });
    if (!result.ok) req.log?.error({ problems: result.problems.slice(0, 5) }, 'the audit trail does not verify');
    res.json(result);
  });

  routes.get('/audit/export', AUDITORS, async (req, res) => {
    const { csv, rows } = await auditCsv(req.query);
    await recordAudit({ ...requestActor(req), action: 'audit.exported', detail: { rows, filter: req.query } });
    res
      .type('text/csv; charset=utf-8')
      .attachment(`audit-${new Date().toISOString().slice(0, 10)}.csv`)
      .set('Cache-Control', 'no-store')
      .send(csv);
  });

  return routes;
}
