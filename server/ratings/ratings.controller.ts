import { Router } from 'express';
import type { AppContext } from '../context.ts';
import { requireRole } from '../auth/auth.middleware.ts';
import { negotiateLocale } from '../i18n/locale.ts';
import { listRectifications, myCases, rateCase, ratingOf, resolveRectification } from './ratings.service.ts';

/** 好差评: the applicant rates a closed case; a bad rating is a rectification for the department's leaders. */
export function ratingsRouter(ctx: AppContext): Router {
  const router = Router();
  const locale = (req: { headers: Record<string, string | string[] | undefined> }) => negotiateLocale(req.headers['accept-language'] as string | undefined);

  router.post('/cases/:caseNo/rating', requireRole('applicant'), async (req, res) => {
    const rating = await rateCase(ctx, req.principal!, String(req.params.caseNo), req.body, locale(req));
    req.log?.info({ caseNo: rating.caseNo, level: rating.level }, 'case rated');
    res.status(201).json(rating);
  });

  router.get('/cases/:caseNo/rating', async (req, res) => {
    res.json(await ratingOf(req.principal!, String(req.params.caseNo), locale(req)));
  });

  router.get('/ratings/my-cases', requireRole('applicant'), async (req, res) => {
    res.json(await myCases(req.principal!, locale(req)));
  });

  router.get('/ratings/rectifications', requireRole('leader', 'admin'), async (req, res) => {
    res.json(await listRectifications(req.principal!, req.query as Record<string, unknown>, locale(req)));
  });

  router.post('/ratings/rectifications/:id/resolve', requireRole('leader', 'admin'), async (req, res) => {
    res.json(await resolveRectification(ctx, req.principal!, String(req.params.id), req.body, locale(req)));
  });

  return router;
}
