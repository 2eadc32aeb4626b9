import type { AppContext } from '../context.ts';
import { negotiateLocale } from '../i18n/locale.ts';
import { myCases, rateCase, ratingOf } from './ratings.service.ts';
import { SIGNED_IN, roles } from '../http/access.ts';
import { RouteTable } from '../http/route-table.ts';

/** 好差评: the applicant rates a closed case; a bad rating raises a problem for the department (server/problems: 问题清单). */
export function ratingsRoutes(ctx: AppContext): RouteTable {
  const routes = new RouteTable(ctx);
  const locale = (req: { headers: Record<string, string | string[] | undefined> }) => negotiateLocale(req.headers['accept-language'] as string | undefined);

  routes.post('/cases/:caseNo/rating', roles('applicant'), async (req, res) => {
    const rating = await rateCase(ctx, req.principal!, String(req.params.caseNo), req.body, locale(req));
    req.log?.info({ caseNo: rating.caseNo, level: rating.level }, 'case rated');
    res.status(201).json(rating);
  });

  routes.get('/cases/:caseNo/rating', SIGNED_IN, async (req, res) => {
    res.json(await ratingOf(req.principal!, String(req.params.caseNo), locale(req)));
  });

  routes.get('/ratings/my-cases', roles('applicant'), async (req, res) => {
    res.json(await myCases(req.principal!, locale(req)));
  });

  return routes;
}
