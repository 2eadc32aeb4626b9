import { DataTypes, type QueryInterface } from 'sequelize';

/**
 * 消息通知 at a city's volume: a notification's text in English beside the Chinese one (the pages
 * read in English show it; notifications recorded before keep none and show the Chinese text), and
 * the index the exact unread count and "mark all read" use (the person's unread rows, not all rows).
 */
export async function up(q: QueryInterface): Promise<void> {
  await q.addColumn('notifications', 'text_en', { type: DataTypes.STRING(500), allowNull: true });
  await q.addIndex('notifications', ['user_id', 'read_at'], { name: 'notifications_unread' });
}

export async function down(q: QueryInterface): Promise<void> {
  await q.removeIndex('notifications', 'notifications_unread');
  await q.removeColumn('notifications', 'text_en');
}
