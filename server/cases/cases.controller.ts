import { Router } from 'express';
import type { AppContext } from '../context.ts';
import { requireRole } from '../auth/auth.middleware.ts';
import { negotiateLocale } from '../i18n/locale.ts';
import { submitCase } from './cases.service.ts';
import { caseView } from './case-view.ts';
import { prefill } from './prefill.service.ts';
import { resubmitCase, supplyMaterials } from './correction.service.ts';

export function casesRouter(ctx: AppContext): Router {
  const router = Router();

  router.post('/cases', requireRole('applicant', 'clerk'), async (req, res) => {
    const key = req.header('Idempotency-Key') ?? undefined;
    const result = await submitCase(ctx, req.principal!, req.body, key);
    res.status(result.replayed ? 200 : 201).location(`/api/v1/cases/${result.caseNo}`).json(result);
  });

  router.get('/prefill', requireRole('applicant', 'clerk'), async (req, res) => {
    const q = (name: string) => (typeof req.query[name] === 'string' ? (req.query[name] as string) : undefined);
    res.json(await prefill(req.principal!, { itemCode: q('itemCode'), bundleCode: q('bundleCode'), idNo: q('idNo') }));
  });

  router.post('/cases/:caseNo/resubmission', requireRole('applicant', 'clerk'), async (req, res) => {
    res.json(await resubmitCase(ctx, req.principal!, String(req.params.caseNo), req.body));
  });

  router.post('/cases/:caseNo/materials', requireRole('applicant', 'clerk'), async (req, res) => {
    res.json(await supplyMaterials(ctx, req.principal!, String(req.params.caseNo), req.body));
  });

  router.get('/cases/:caseNo', async (req, res) => {
    res.json(await caseView(req.principal!, String(req.params.caseNo), negotiateLocale(req.headers['accept-language']), ctx.config.deadlineWarningShare));
  });

  return router;
}
