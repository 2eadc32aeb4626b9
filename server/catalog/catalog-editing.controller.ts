import { Router, type RequestHandler } from 'express';
import type { AppContext } from '../context.ts';
import { requireRole } from '../auth/auth.middleware.ts';
import { negotiateLocale } from '../i18n/locale.ts';
import { readMaterialCatalog } from './process-folders.ts';
import { saveBundle, saveItem } from './catalog-editing.ts';

/** The material catalog (public) and catalog editing (analysts and administrators). */
export function catalogEditingRouter(ctx: AppContext, authenticated: RequestHandler): Router {
  const router = Router();
  const editors = [authenticated, requireRole('analyst', 'admin')];

  router.get('/catalog/materials', (req, res) => {
    const locale = negotiateLocale(req.headers['accept-language']);
    const materials = [...readMaterialCatalog(ctx.config.processesDir).values()].map((m) => ({ ...m, name: locale === 'en' ? m.nameEn : m.name }));
    res.json({ total: materials.length, materials });
  });

  router.put('/items/:code', ...editors, async (req, res) => {
    const saved = await saveItem(ctx, req.principal!, String(req.params.code), req.body);
    res.status(saved.isNew ? 201 : 200).json(saved);
  });

  router.put('/bundles/:code', ...editors, async (req, res) => {
    const saved = await saveBundle(ctx, req.principal!, String(req.params.code), req.body);
    res.status(saved.isNew ? 201 : 200).json(saved);
  });

  return router;
}
