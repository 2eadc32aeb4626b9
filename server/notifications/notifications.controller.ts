import type { AppContext } from '../context.ts';
import { SIGNED_IN } from '../http/access.ts';
import { RouteTable } from '../http/route-table.ts';
import { negotiateLocale } from '../i18n/locale.ts';
import { markAllRead, markRead, notificationsOf } from './inbox.ts';

/** 消息通知: a person's notifications a page at a time (with the exact unread count), marking one or all read (./inbox.ts). */
export function notificationsRoutes(ctx: AppContext): RouteTable {
  const routes = new RouteTable(ctx);
  routes.get('/notifications', SIGNED_IN, async (req, res) => {
    res.json(await notificationsOf(req.principal!.id, req.query as Record<string, unknown>, negotiateLocale(req.headers['accept-language'])));
  });
  routes.post('/notifications/read', SIGNED_IN, async (req, res) => {
    res.json({ read: await markAllRead(req.principal!.id) });
  });
  routes.post('/notifications/:id/read', SIGNED_IN, async (req, res) => {
    res.json(await markRead(req.principal!.id, String(req.params.id), negotiateLocale(req.headers['accept-language'])));
  });
  return routes;
}
