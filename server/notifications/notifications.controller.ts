import type { AppContext } from '../context.ts';
import { SIGNED_IN } from '../http/access.ts';
import { RouteTable } from '../http/route-table.ts';
import { markAllRead, notificationsOf } from './inbox.ts';

/** 消息通知: a person's notifications (newest 200, with the unread count), and marking them read (./inbox.ts). */
export function notificationsRoutes(ctx: AppContext): RouteTable {
  const routes = new RouteTable(ctx);
  routes.get('/notifications', SIGNED_IN, async (req, res) => {
    res.json(await notificationsOf(req.principal!.id));
  });
  routes.post('/notifications/read', SIGNED_IN, async (req, res) => {
    res.json({ read: await markAllRead(req.principal!.id) });
  });
  return routes;
}
