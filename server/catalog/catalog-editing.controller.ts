import type { AppContext } from '../context.ts';
import { negotiateLocale } from '../i18n/locale.ts';
import { readMaterialCatalog } from './process-folders.ts';
import { saveBundle, saveItem, type SaveOptions } from './catalog-editing.ts';
import { fieldProblem, validationFailed } from '../errors/app-error.ts';
import { bundleForEditing, editorOptions, itemForEditing, itemsForEditing } from './catalog-editor.ts';
import { ANALYSTS, PUBLIC } from '../http/access.ts';
import { RouteTable } from '../http/route-table.ts';

/** `?baseVersion=n`: the version the editor read (0: a new code); absent, the save is not checked against others' saves. */
function saveOptions(query: Record<string, unknown>): SaveOptions {
  const value = query.baseVersion;
  if (value === undefined) return {};
  if (typeof value !== 'string' || !/^\d{1,9}$/.test(value)) {
    throw validationFailed([fieldProblem('baseVersion', '基于的版本：须为非负整数', 'baseVersion: must be a whole number, 0 or more')]);
  }
  return { baseVersion: Number(value) };
}

/** The material catalog (public) and catalog editing (analysts and administrators). */
export function catalogEditingRoutes(ctx: AppContext): RouteTable {
  const routes = new RouteTable(ctx);

  routes.get('/catalog/materials', PUBLIC, (req, res) => {
    const locale = negotiateLocale(req.headers['accept-language']);
    const materials = [...readMaterialCatalog(ctx.config.processesDir).values()].map((m) => ({ ...m, name: locale === 'en' ? m.nameEn : m.name }));
    res.json({ total: materials.length, materials });
  });

  // what the editor reads: the definitions as PUT takes them back (not the applicant-facing views)
  routes.get('/catalog/editor-options', ANALYSTS, (req, res) => {
    res.json(editorOptions(negotiateLocale(req.headers['accept-language'])));
  });

  routes.get('/catalog/items', ANALYSTS, async (req, res) => {
    const processKey = typeof req.query.processKey === 'string' && req.query.processKey ? req.query.processKey : undefined;
    const items = await itemsForEditing(processKey);
    res.json({ total: items.length, items });
  });

  routes.get('/catalog/items/:code', ANALYSTS, async (req, res) => {
    res.json(await itemForEditing(String(req.params.code)));
  });

  routes.get('/catalog/bundles/:code', ANALYSTS, async (req, res) => {
    res.json(await bundleForEditing(String(req.params.code)));
  });

  routes.put('/items/:code', ANALYSTS, async (req, res) => {
    const saved = await saveItem(ctx, req.principal!, String(req.params.code), req.body, saveOptions(req.query));
    res.status(saved.isNew ? 201 : 200).json(saved);
  });

  routes.put('/bundles/:code', ANALYSTS, async (req, res) => {
    const saved = await saveBundle(ctx, req.principal!, String(req.params.code), req.body, saveOptions(req.query));
    res.status(saved.isNew ? 201 : 200).json(saved);
  });

  return routes;
}
