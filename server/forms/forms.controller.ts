import type { AppContext } from '../context.ts';
import { negotiateLocale } from '../i18n/locale.ts';
import { currentItemForm, saveItemForm } from './item-forms.service.ts';
import { taskForm } from './task-form.service.ts';
import { ANALYSTS, PUBLIC, STAFF } from '../http/access.ts';
import { RouteTable } from '../http/route-table.ts';

/**
 * Item forms as Camunda Forms (form-js): an item's form (public, like the item), its editor's
 * save (analysts, administrators), and a task's form with the case's data (the task's holders).
 */
export function formsRoutes(ctx: AppContext): RouteTable {
  const routes = new RouteTable(ctx);
  const locale = (header: string | undefined) => negotiateLocale(header);

  routes.get('/items/:code/form', PUBLIC, async (req, res) => {
    res.json(await currentItemForm(String(req.params.code), locale(req.headers['accept-language'])));
  });

  routes.put('/items/:code/form', ANALYSTS, async (req, res) => {
    const saved = await saveItemForm(ctx, req.principal!, String(req.params.code), req.body, locale(req.headers['accept-language']));
    res.status(saved.isNew ? 201 : 200).json(saved);
  });

  routes.get('/tasks/:id/form', STAFF, async (req, res) => {
    res.json(await taskForm(ctx, req.principal!, String(req.params.id), locale(req.headers['accept-language'])));
  });

  return routes;
}
