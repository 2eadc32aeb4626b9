import type { AppContext } from '../context.ts';
import { accountById, idNoOfAccount } from '../auth/index.ts';
import { AppError } from '../errors/app-error.ts';
import { ADMINS, roles } from '../http/access.ts';
import { RouteTable } from '../http/route-table.ts';
import { negotiateLocale } from '../i18n/locale.ts';
import { acceptOffer, declineOffer, offersOf } from './offers.ts';
import { policyReport } from './policy-report.ts';
import { proactiveRound } from './rounds.ts';
import { policiesOf } from './policies.ts';

const APPLICANTS = roles('applicant');

const idOf = (value: unknown): number => {
  if (typeof value !== 'string' || !/^\d{1,9}$/.test(value)) throw new AppError(404, 'offer_not_found');
  return Number(value);
};

/** 免申即享 (documented in ./openapi.ts): a person's or company's offers and their answer; the policies and a round now for administrators. */
export function proactiveRoutes(ctx: AppContext): RouteTable {
  const routes = new RouteTable(ctx);
  const policies = () => policiesOf(ctx.config.processesDir);
  // whose offers: a person's verified ID number, a company account's credit code (every account of the company)
  const me = async (id: number) => {
    const account = await accountById(id);
    return { idNo: await idNoOfAccount(id), phone: account?.phone ?? null };
  };

  routes.get('/proactive/offers', APPLICANTS, async (req, res) => {
    res.json(await offersOf({ ...req.principal!, ...(await me(req.principal!.id)) }, policies(), negotiateLocale(req.headers['accept-language'])));
  });
  routes.post('/proactive/offers/:id/accept', APPLICANTS, async (req, res) => {
    res.json(await acceptOffer(ctx, { ...req.principal!, ...(await me(req.principal!.id)) }, idOf(req.params.id), policies(), req.body));
  });
  routes.post('/proactive/offers/:id/decline', APPLICANTS, async (req, res) => {
    res.json(
      await declineOffer(
        ctx,
        { ...req.principal!, ...(await me(req.principal!.id)) },
        idOf(req.params.id),
        (req.body as { reason?: unknown } | undefined)?.reason,
      ),
    );
  });
  routes.get('/proactive/policies', roles('admin', 'analyst', 'leader'), async (req, res) => {
    res.json(await policyReport(policies(), negotiateLocale(req.headers['accept-language'])));
  });
  routes.post('/proactive/rounds', ADMINS, async (_req, res) => {
    res.json({ outcome: await proactiveRound(ctx, policies()) });
  });
  return routes;
}
