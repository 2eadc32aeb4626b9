import type { AppContext } from '../context.ts';
import { notFound, validationFailed } from '../errors/app-error.ts';
import { negotiateLocale, type Locale } from '../i18n/locale.ts';
import { latestItem, latestItems, type ItemVersion } from './items.repository.ts';
import { PUBLIC } from '../http/access.ts';
import { RouteTable } from '../http/route-table.ts';
import { allRegions, hallsWithin } from '../organization/index.ts';
import { handlingRegion, REGION_CODE_PATTERN } from '../../contract/regions.ts';
import { fieldProblem } from '../../contract/problems.ts';
import { departmentOf, handlingKind, processDiagram, sendItemSheet } from './guide-extras.ts';
import { guideTexts, placeIn } from './guide-text.ts';

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
    res.json({
      ...item.definition,
      ...summary(item, locale),
      // the guide's texts in the caller's language, in place of both languages' fields
      ...guideTexts(item.definition, locale),
      conditionsEn: undefined,
      placeEn: undefined,
      // 办事指南: who handles it, and whether on the spot (即办件) or within the promised days (承诺件)
      department: await departmentOf(item.departmentCode, locale),
      handlingKind: handlingKind(item.definition.promisedDays),
      formSchema: item.formSchema,
    });
  });

  // 办事指南: the item's process as a diagram (its latest deployed version)
  routes.get('/items/:code/process-diagram', PUBLIC, async (req, res) => {
    const item = await latestItem(String(req.params.code));
    if (!item) throw notFound('item_not_found');
    res.json(await processDiagram(ctx, item.processKey));
  });

  // 空白表格 / 示例样表: the item's application form to download, blank or filled as an example
  routes.get('/items/:code/application-form', PUBLIC, async (req, res) => {
    const item = await latestItem(String(req.params.code));
    if (!item) throw notFound('item_not_found');
    await sendItemSheet(req, res, item);
  });

  // 四级九统: the same item at each level, the place differs: where an application received in a
  // region is handled, and that region's halls (address, phone, hours); the item's own place else
  routes.get('/items/:code/places', PUBLIC, async (req, res) => {
    const item = await latestItem(String(req.params.code));
    if (!item) throw notFound('item_not_found');
    const regions = await allRegions();
    const root = regions.find((r) => !r.parentCode);
    const asked = typeof req.query.region === 'string' && req.query.region ? req.query.region : root?.code;
    if (!asked || !new RegExp(REGION_CODE_PATTERN).test(asked) || !regions.some((r) => r.code === asked && r.active))
      throw validationFailed([fieldProblem('region', `区划：没有在用的区划“${String(asked)}”`, `region: no region "${String(asked)}" in use`)]);
    const locale = negotiateLocale(req.headers['accept-language']);
    const handling = handlingRegion(regions, asked, item.definition.levels ?? null);
    const halls = handling ? (await hallsWithin(handling.code)).filter((h) => h.active && h.regionCode === handling.code) : [];
    res.json({
      region: handling ? { code: handling.code, name: locale === 'en' ? handling.nameEn : handling.nameZh } : null,
      halls: halls.map((h) => ({ name: locale === 'en' ? h.nameEn : h.nameZh, address: h.address, phone: h.phone, hours: h.hours })),
      place: placeIn(item.definition, locale),
      phone: item.definition.phone,
    });
  });

  return routes;
}
