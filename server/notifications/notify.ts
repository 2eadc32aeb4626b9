import type { Transaction } from 'sequelize';
import { Notification } from './notification.model.ts';
import { emitToUsers } from '../live/index.ts';

/** Records a notification for each person and, once it is committed, pushes it to their open sockets. */
export async function notify(userIds: number[], kind: string, text: string, caseNo: string | null, taskId: string | null, transaction?: Transaction) {
  const ids = [...new Set(userIds)];
  await Notification.bulkCreate(
    ids.map((userId) => ({ userId, kind, text, caseNo, taskId })),
    { transaction },
  );
  const push = () => emitToUsers(ids, 'notification', { kind, text, caseNo, taskId, at: new Date().toISOString() });
  if (transaction) transaction.afterCommit(push);
  else push();
}
