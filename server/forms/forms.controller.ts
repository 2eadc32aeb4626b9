import { Router, type RequestHandler } from 'express';
import type { AppContext } from '../context.ts';
import { requireRole } from '../auth/auth.middleware.ts';
import { negotiateLocale } from '../i18n/locale.ts';
import { currentItemForm, saveItemForm } from './item-forms.service.ts';
import { taskForm } from './task-form.service.ts';

/**
 * Item forms as Camunda Forms (form-js): an item's form (public, like the item), its editor's
 * save (analysts, administrators), and a task's form with the case's data (the task's holders).
 */
export function formsRouter(ctx: AppContext, authenticated: RequestHandler): Router {
  const router = Router();
  const locale = (header: string | undefined) => negotiateLocale(header);

  router.get('/items/:code/form', async (req, res) => {
    res.json(await currentItemForm(String(req.params.code), locale(req.headers['accept-language'])));
  });

  router.put('/items/:code/form', authenticated, requireRole('analyst', 'admin'), async (req, res) => {
    const saved = await saveItemForm(ctx, req.principal!, String(req.params.code), req.body, locale(req.headers['accept-language']));
    res.status(saved.isNew ? 201 : 200).json(saved);
  });

  router.get('/tasks/:id/form', authenticated, requireRole('reviewer', 'leader', 'clerk', 'admin'), async (req, res) => {
    res.json(await taskForm(ctx, req.principal!, String(req.params.id), locale(req.headers['accept-language'])));
  });

  return router;
}
