import { DataTypes, type QueryInterface } from 'sequelize';

/**
 * 办件数据汇聚 (server/reporting, docs/province-exchange.md):
 * - province_outbox: each case event the provincial exchange takes, written in the transaction of
 *   the event itself (the timeline entry, the rating); the sender delivers them in order per case
 *   and marks them acknowledged, or dead after too many attempts or a refusal. `event_id` is
 *   derived from the source row, so a second queueing of the same entry (the backfill) is refused
 *   by the unique index. `personal` holds the applicant's name and ID number of an 申办 event,
 *   sealed (server/privacy), and nothing else;
 * - province_reconciliations: the daily count reconciliation, one row per Beijing day checked.
 */
export async function up(q: QueryInterface): Promise<void> {
  await q.createTable('province_outbox', {
    id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
    event_id: { type: DataTypes.STRING(64), allowNull: false },
    case_id: { type: DataTypes.INTEGER, allowNull: false },
    case_no: { type: DataTypes.STRING(32), allowNull: false },
    event_type: { type: DataTypes.STRING(16), allowNull: false },
    occurred_at: { type: DataTypes.DATE(3), allowNull: false },
    /** the Beijing day of occurred_at (YYYY-MM-DD): what the reconciliation counts by */
    day: { type: DataTypes.STRING(10), allowNull: false },
    payload: { type: DataTypes.TEXT, allowNull: false },
    personal: { type: DataTypes.TEXT, allowNull: true },
    origin: { type: DataTypes.STRING(8), allowNull: false, defaultValue: 'live' },
    state: { type: DataTypes.STRING(8), allowNull: false, defaultValue: 'pending' },
    attempts: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
    next_attempt_at: { type: DataTypes.DATE(3), allowNull: false },
    last_error: { type: DataTypes.STRING(500), allowNull: true },
    acknowledgement: { type: DataTypes.STRING(12), allowNull: true },
    acknowledged_at: { type: DataTypes.DATE(3), allowNull: true },
    created_at: { type: DataTypes.DATE(3), allowNull: false },
  });
  await q.addIndex('province_outbox', ['event_id'], { name: 'province_outbox_event_id', unique: true });
  await q.addIndex('province_outbox', ['state', 'id'], { name: 'province_outbox_by_state' });
  await q.addIndex('province_outbox', ['case_id', 'id'], { name: 'province_outbox_by_case' });
  await q.addIndex('province_outbox', ['day', 'event_type'], { name: 'province_outbox_by_day' });
  await q.addIndex('province_outbox', ['acknowledged_at'], { name: 'province_outbox_by_ack' });
  await q.createTable('province_reconciliations', {
    id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
    day: { type: DataTypes.STRING(10), allowNull: false },
    platform_counts: { type: DataTypes.TEXT, allowNull: false },
    exchange_counts: { type: DataTypes.TEXT, allowNull: false },
    matched: { type: DataTypes.BOOLEAN, allowNull: false },
    checked_by: { type: DataTypes.STRING(64), allowNull: false },
    checked_at: { type: DataTypes.DATE(3), allowNull: false },
  });
  await q.addIndex('province_reconciliations', ['day', 'checked_at'], { name: 'province_reconciliations_by_day' });
}

export async function down(q: QueryInterface): Promise<void> {
  await q.dropTable('province_reconciliations');
  await q.dropTable('province_outbox');
}
