import { DataTypes, type QueryInterface } from 'sequelize';

/**
 * 绿色通道 and 窗口领取:
 * - cases.priority_reason: why a window clerk put the case first (contract/priority.ts; null: ordinary);
 * - the inbox's copy carries it as priority_rank (0: 绿色通道, 1: ordinary), and the default order
 *   (urgency) reads the rank first, so the index that serves it starts with it;
 * - deliveries.pickup_failures: wrong pickup codes given for the delivery since its code was issued
 *   (after five the code is replaced and told to the applicant again, so guessing it cannot work).
 */
export async function up(q: QueryInterface): Promise<void> {
  await q.addColumn('cases', 'priority_reason', { type: DataTypes.STRING(24), allowNull: true });
  await q.addColumn('inbox_tasks', 'priority_rank', { type: DataTypes.INTEGER, allowNull: false, defaultValue: 1 });
  await q.addColumn('inbox_entries', 'priority_rank', { type: DataTypes.INTEGER, allowNull: false, defaultValue: 1 });
  await q.removeIndex('inbox_entries', 'inbox_entries_by_urgency');
  await q.addIndex('inbox_entries', ['holder', 'priority_rank', 'sort_due_at', 'created', 'task_id'], { name: 'inbox_entries_by_priority' });
  await q.addColumn('deliveries', 'pickup_failures', { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 });
}

export async function down(q: QueryInterface): Promise<void> {
  await q.removeColumn('deliveries', 'pickup_failures');
  await q.removeIndex('inbox_entries', 'inbox_entries_by_priority');
  await q.addIndex('inbox_entries', ['holder', 'sort_due_at', 'created', 'task_id'], { name: 'inbox_entries_by_urgency' });
  await q.removeColumn('inbox_entries', 'priority_rank');
  await q.removeColumn('inbox_tasks', 'priority_rank');
  await q.removeColumn('cases', 'priority_reason');
}
