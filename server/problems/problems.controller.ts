import type { AppContext } from '../context.ts';
import { negotiateLocale } from '../i18n/locale.ts';
import { roles } from '../http/access.ts';
import { RouteTable } from '../http/route-table.ts';
import { listProblems, problemDetail, raiseFinding, rectifyProblem, reviewProblem } from './problems.service.ts';
import type { RatingsOf } from './problem-view.ts';

/** What the problems' pages show of other domains, handed in by the composition root (server/app.ts). */
export interface ProblemSources {
  /** a 差评's rating in words (server/ratings) */
  ratingsOf: RatingsOf;
}

/** 问题清单: leaders list and rectify their department's problems; the 数据局 reviews, closes and raises 走流程 findings. */
export function problemsRoutes(ctx: AppContext, sources: ProblemSources): RouteTable {
  const routes = new RouteTable(ctx);
  const locale = (req: { headers: Record<string, string | string[] | undefined> }) => negotiateLocale(req.headers['accept-language'] as string | undefined);
  const { ratingsOf } = sources;

  routes.get('/problems', roles('leader', 'admin'), async (req, res) => {
    res.json(await listProblems(req.principal!, req.query, locale(req), ratingsOf));
  });

  routes.post('/problems', roles('leader'), async (req, res) => {
    const problem = await raiseFinding(ctx, req.principal!, req.body, locale(req), ratingsOf);
    req.log?.info({ problemId: problem.id, departmentCode: problem.departmentCode }, 'walk-through finding raised');
    res.status(201).json(problem);
  });

  routes.get('/problems/:id', roles('leader', 'admin'), async (req, res) => {
    res.json(await problemDetail(req.principal!, String(req.params.id), locale(req), ratingsOf));
  });

  routes.post('/problems/:id/rectify', roles('leader'), async (req, res) => {
    res.json(await rectifyProblem(ctx, req.principal!, String(req.params.id), req.body, locale(req), ratingsOf));
  });

  routes.post('/problems/:id/review', roles('leader'), async (req, res) => {
    res.json(await reviewProblem(ctx, req.principal!, String(req.params.id), req.body, locale(req), ratingsOf));
  });

  return routes;
}
