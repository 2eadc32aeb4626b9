import type { AppContext } from '../context.ts';
import { notFound } from '../errors/app-error.ts';
import { negotiateLocale, type Locale } from '../i18n/locale.ts';
import { latestItem, latestItems, type ItemVersion } from './items.repository.ts';
import { PUBLIC } from '../http/access.ts';
import { RouteTable } from '../http/route-table.ts';

function summary(item: ItemVersion, locale: Locale) {
  const d = item.definition;
  return {
    code: item.code,
    version: item.version,
    name: locale === 'en' ? d.nameEn : d.name,
    type: d.type,
    departmentCode: d.departmentCode,
    promisedDays: d.promisedDays,
    statutoryDays: d.statutoryDays,
    channels: d.channels,
  };
}

/** The public catalog of items (事项): list, and one item with its form schema and materials. */
export function catalogRoutes(ctx: AppContext): RouteTable {
  const routes = new RouteTable(ctx);

  routes.get('/items', PUBLIC, async (req, res) => {
    const locale = negotiateLocale(req.headers['accept-language']);
    const items = await latestItems();
    res.json({ total: items.length, items: items.map((i) => summary(i, locale)) });
  });

  routes.get('/items/:code', PUBLIC, async (req, res) => {
    const item = await latestItem(String(req.params.code));
    if (!item) throw notFound('item_not_found');
    const locale = negotiateLocale(req.headers['accept-language']);
    res.json({ ...item.definition, ...summary(item, locale), formSchema: item.formSchema });
  });

  return routes;
}
