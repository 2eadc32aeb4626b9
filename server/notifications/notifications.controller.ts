import type { AppContext } from '../context.ts';
import { Notification } from './notification.model.ts';
import { SIGNED_IN } from '../http/access.ts';
import { RouteTable } from '../http/route-table.ts';

/** 消息通知: a person's notifications (newest 200, with the unread count), and marking them read. */
export function notificationsRoutes(ctx: AppContext): RouteTable {
  const routes = new RouteTable(ctx);
  routes.get('/notifications', SIGNED_IN, async (req, res) => {
    const rows = await Notification.findAll({ where: { userId: req.principal!.id }, order: [['id', 'DESC']], limit: 200 });
    res.json({
      unread: rows.filter((n) => !n.readAt).length,
      notifications: rows.map((n) => ({
        id: n.id,
        kind: n.kind,
        caseNo: n.caseNo,
        taskId: n.taskId,
        text: n.text,
        at: n.createdAt.toISOString(),
        read: Boolean(n.readAt),
      })),
    });
  });
  routes.post('/notifications/read', SIGNED_IN, async (req, res) => {
    const [count] = await Notification.update({ readAt: new Date() }, { where: { userId: req.principal!.id, readAt: null } });
    res.json({ read: count });
  });
  return routes;
}
