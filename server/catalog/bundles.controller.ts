import type { AppContext } from '../context.ts';
import { negotiateLocale } from '../i18n/locale.ts';
import { assertValid } from '../validation/ajv.ts';
import { bundleItems, bundleView, listBundles, planBundle } from './bundles.service.ts';
import { processDiagram, sendBundleSheet } from './guide-extras.ts';
import { PROCESS_KEYS } from '../../contract/topics.ts';
import { PUBLIC } from '../http/access.ts';
import { RouteTable } from '../http/route-table.ts';
import { bundlePlanSchema, type BundlePlanBody } from '../../contract/requests/bundles.ts';

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

  // 办事指南: the bundle's own process (unified acceptance, the items in parallel, the joint decision, 统一出件)
  routes.get('/bundles/:code/process-diagram', PUBLIC, async (req, res) => {
    await bundleItems(String(req.params.code));
    res.json(await processDiagram(ctx, PROCESS_KEYS.bundle));
  });

  // 空白表格 / 示例样表 of the one form (一表申请)
  routes.get('/bundles/:code/application-form', PUBLIC, async (req, res) => {
    const { bundle, items } = await bundleItems(String(req.params.code));
    await sendBundleSheet(req, res, bundle, items);
  });

  routes.post('/bundles/:code/plan', PUBLIC, async (req, res) => {
    const body: unknown = req.body;
    assertValid<BundlePlanBody>(bundlePlanSchema, body);
    res.json(await planBundle(String(req.params.code), body.answers, negotiateLocale(req.headers['accept-language']), body.byAgent ?? false));
  });

  return routes;
}
