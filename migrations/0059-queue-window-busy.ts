import { DataTypes, type QueryInterface } from 'sequelize';

/**
 * 排队叫号: one ticket at a time per window and day. A called or served ticket holds its window's
 * key (`<day>:<window id>`), null otherwise; the unique index refuses a second one, so two clerks
 * calling at one window at the same moment get one ticket and one 409 (server/queue/calling.ts).
 */
export async function up(q: QueryInterface): Promise<void> {
  await q.addColumn('queue_tickets', 'busy_window_key', { type: DataTypes.STRING(32), allowNull: true });
  await q.addIndex('queue_tickets', ['busy_window_key'], { name: 'queue_tickets_busy_window', unique: true });
}

export async function down(q: QueryInterface): Promise<void> {
  await q.removeIndex('queue_tickets', 'queue_tickets_busy_window');
  await q.removeColumn('queue_tickets', 'busy_window_key');
}
