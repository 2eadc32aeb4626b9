import { DataTypes, type QueryInterface } from 'sequelize';

/**
 * The inbox's own copy of the engine's open user tasks (server/inbox/inbox-projection.ts): what an
 * inbox filters, sorts and counts on, so that a page and its counts are one indexed query at a
 * city's volume. The roles a task is offered to are its rows in inbox_task_offers.
 */
export async function up(q: QueryInterface): Promise<void> {
  await q.createTable('inbox_tasks', {
    task_id: { type: DataTypes.STRING(64), primaryKey: true },
    process_instance_id: { type: DataTypes.STRING(64), allowNull: false },
    task_definition_key: { type: DataTypes.STRING(255), allowNull: false },
    name: { type: DataTypes.STRING(255), allowNull: true },
    assignee: { type: DataTypes.STRING(64), allowNull: true },
    owner: { type: DataTypes.STRING(64), allowNull: true },
    delegated: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: false },
    created: { type: DataTypes.DATE(3), allowNull: false },
    due: { type: DataTypes.DATE(3), allowNull: true },
    case_no: { type: DataTypes.STRING(40), allowNull: true },
    case_id: { type: DataTypes.INTEGER, allowNull: true },
    item_code: { type: DataTypes.STRING(64), allowNull: true },
    bundle_code: { type: DataTypes.STRING(64), allowNull: true },
    channel: { type: DataTypes.STRING(16), allowNull: true },
    region_code: { type: DataTypes.STRING(12), allowNull: true },
    sort_due_at: { type: DataTypes.DATE(3), allowNull: false },
    colour_due_at: { type: DataTypes.DATE(3), allowNull: true },
    yellow_at: { type: DataTypes.DATE(3), allowNull: true },
    synced_at: { type: DataTypes.DATE(3), allowNull: false },
  });
  await q.addIndex('inbox_tasks', ['case_id']);
  await q.addIndex('inbox_tasks', ['case_no']);
  await q.addIndex('inbox_tasks', ['process_instance_id']);
  await q.createTable('inbox_task_offers', {
    task_id: { type: DataTypes.STRING(64), primaryKey: true },
    group_id: { type: DataTypes.STRING(96), primaryKey: true },
  });
  // who sees a task, one row each: its holder ("user:<username>") or, while nobody holds it, each role
  // in the case's region ("group:<department>:<role>@<region>"), with what an inbox sorts, filters and
  // counts on, so that a person's inbox is an index range of their keys
  await q.createTable('inbox_entries', {
    holder: { type: DataTypes.STRING(120), primaryKey: true },
    task_id: { type: DataTypes.STRING(64), primaryKey: true },
    sort_due_at: { type: DataTypes.DATE(3), allowNull: false },
    created: { type: DataTypes.DATE(3), allowNull: false },
    case_no: { type: DataTypes.STRING(40), allowNull: true },
    item_code: { type: DataTypes.STRING(64), allowNull: true },
    bundle_code: { type: DataTypes.STRING(64), allowNull: true },
    channel: { type: DataTypes.STRING(16), allowNull: true },
    colour_due_at: { type: DataTypes.DATE(3), allowNull: true },
    yellow_at: { type: DataTypes.DATE(3), allowNull: true },
  });
  // named: MariaDB allows 64 characters
  await q.addIndex('inbox_entries', ['holder', 'sort_due_at', 'created', 'task_id'], { name: 'inbox_entries_by_urgency' });
  await q.addIndex('inbox_entries', ['holder', 'created', 'task_id'], { name: 'inbox_entries_by_arrival' });
  await q.addIndex('inbox_entries', ['holder', 'item_code', 'bundle_code', 'channel', 'colour_due_at', 'yellow_at'], { name: 'inbox_entries_counts' });
  await q.addIndex('inbox_entries', ['holder', 'case_no'], { name: 'inbox_entries_by_case' });
  await q.addIndex('inbox_entries', ['task_id']);
  // the projection follows the cases whose clocks changed (suspended, resumed, accepted) by this column
  await q.addIndex('cases', ['updated_at']);
  // 已办: a person's completed tasks, newest first
  await q.addIndex('opinions', ['user_id', 'id']);
}

export async function down(q: QueryInterface): Promise<void> {
  await q.removeIndex('opinions', ['user_id', 'id']);
  await q.removeIndex('cases', ['updated_at']);
  await q.dropTable('inbox_entries');
  await q.dropTable('inbox_task_offers');
  await q.dropTable('inbox_tasks');
}
