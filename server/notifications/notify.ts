import type { Transaction } from 'sequelize';
import { Notification, NOTIFICATION_TEXT_LENGTH } from './notification.model.ts';
import { emitToUsers } from '../live/index.ts';
import type { Localized } from '../i18n/locale.ts';

/** A text cut to the column's length (a long reason or note must not refuse the notification). */
const fitted = (text: string) => (text.length > NOTIFICATION_TEXT_LENGTH ? `${text.slice(0, NOTIFICATION_TEXT_LENGTH - 1)}…` : text);

/**
 * Records a notification for each person, in both languages (GET /notifications answers in the
 * caller's), and, once it is committed, pushes it to their open sockets with both texts: `text` in
 * Chinese, `textEn` in English, the page shows the one of its language.
 */
export async function notify(userIds: number[], kind: string, text: Localized, caseNo: string | null, taskId: string | null, transaction?: Transaction) {
  const ids = [...new Set(userIds)];
  const zh = fitted(text['zh-CN']);
  const en = fitted(text.en);
  await Notification.bulkCreate(
    ids.map((userId) => ({ userId, kind, text: zh, textEn: en, caseNo, taskId })),
    { transaction },
  );
  const push = () => emitToUsers(ids, 'notification', { kind, text: zh, textEn: en, caseNo, taskId, at: new Date().toISOString() });
  if (transaction) transaction.afterCommit(push);
  else push();
}
