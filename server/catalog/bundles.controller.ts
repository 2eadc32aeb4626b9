import type { AppContext } from '../context.ts';
import { negotiateLocale } from '../i18n/locale.ts';
import { assertValid } from '../validation/ajv.ts';
import { bundleView, listBundles, planBundle } from './bundles.service.ts';
import { PUBLIC } from '../http/access.ts';
import { RouteTable } from '../http/route-table.ts';

const planSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['answers'],
  properties: { answers: { type: 'object', title: '情形问答', 'x-title-en': 'Answers' } },
};

/** The public bundle catalog (一件事) and its scenario navigation (场景式导航). */
export function bundlesRoutes(ctx: AppContext): RouteTable {
  const routes = new RouteTable(ctx);

  routes.get('/bundles', PUBLIC, async (req, res) => {
    const bundles = await listBundles(negotiateLocale(req.headers['accept-language']));
    res.json({ total: bundles.length, bundles });
  });

  routes.get('/bundles/:code', PUBLIC, async (req, res) => {
    res.json(await bundleView(String(req.params.code), negotiateLocale(req.headers['accept-language'])));
  });

  routes.post('/bundles/:code/plan', PUBLIC, async (req, res) => {
    assertValid<{ answers: unknown }>(planSchema, req.body);
    res.json(await planBundle(String(req.params.code), (req.body as { answers: unknown }).answers, negotiateLocale(req.headers['accept-language'])));
  });

  return routes;
}
