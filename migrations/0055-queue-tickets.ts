import { DataTypes, type QueryInterface } from 'sequelize';

/**
 * 智能排队叫号 (server/queue): a ticket per person and visit, numbered per hall, window kind and
 * Shanghai day (A001 综合窗口, B001 专窗, G001 绿色通道), from taking it to the end of the visit, with
 * its waiting time and the visit's 好差评. The person's name and phone are sealed (server/privacy).
 */
export async function up(q: QueryInterface): Promise<void> {
  await q.createTable('queue_tickets', {
    id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
    hall_id: { type: DataTypes.INTEGER, allowNull: false },
    /** the Shanghai day it was taken on, YYYY-MM-DD */
    service_day: { type: DataTypes.STRING(10), allowNull: false },
    window_kind: { type: DataTypes.STRING(16), allowNull: false },
    /** A, B or G */
    prefix: { type: DataTypes.STRING(1), allowNull: false },
    seq: { type: DataTypes.INTEGER, allowNull: false },
    /** prefix and seq as said aloud: A001 */
    number: { type: DataTypes.STRING(16), allowNull: false },
    department_code: { type: DataTypes.STRING(32), allowNull: true },
    item_code: { type: DataTypes.STRING(64), allowNull: true },
    source: { type: DataTypes.STRING(16), allowNull: false },
    booking_id: { type: DataTypes.INTEGER, allowNull: true },
    person_name: { type: DataTypes.STRING(255), allowNull: true },
    phone: { type: DataTypes.STRING(255), allowNull: true },
    priority: { type: DataTypes.STRING(16), allowNull: true },
    status: { type: DataTypes.STRING(16), allowNull: false },
    window_id: { type: DataTypes.INTEGER, allowNull: true },
    window_number: { type: DataTypes.STRING(16), allowNull: true },
    called_by: { type: DataTypes.INTEGER, allowNull: true },
    call_count: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
    taken_at: { type: DataTypes.DATE(3), allowNull: false },
    called_at: { type: DataTypes.DATE(3), allowNull: true },
    served_at: { type: DataTypes.DATE(3), allowNull: true },
    finished_at: { type: DataTypes.DATE(3), allowNull: true },
    /** from taking the ticket to its first call */
    wait_seconds: { type: DataTypes.INTEGER, allowNull: true },
    case_no: { type: DataTypes.STRING(32), allowNull: true },
    /** the slip's short link: the ticket's own public page (its place in the queue, then the visit's rating) */
    token: { type: DataTypes.STRING(32), allowNull: false },
    rating_level: { type: DataTypes.INTEGER, allowNull: true },
    rating_reasons: { type: DataTypes.TEXT, allowNull: true },
    rating_comment: { type: DataTypes.STRING(500), allowNull: true },
    rated_at: { type: DataTypes.DATE(3), allowNull: true },
    created_at: { type: DataTypes.DATE(3), allowNull: false },
    updated_at: { type: DataTypes.DATE(3), allowNull: false },
  });
  // two kiosks taking a number at once: the second insert fails here and takes the next number
  await q.addIndex('queue_tickets', ['hall_id', 'service_day', 'prefix', 'seq'], { name: 'queue_tickets_number', unique: true });
  await q.addIndex('queue_tickets', ['hall_id', 'service_day', 'status'], { name: 'queue_tickets_day_status' });
  // 等候时长 over a period (server/queue/waiting-times.ts)
  await q.addIndex('queue_tickets', ['service_day', 'hall_id'], { name: 'queue_tickets_day_hall' });
  await q.addIndex('queue_tickets', ['token'], { name: 'queue_tickets_token', unique: true });
  await q.addIndex('queue_tickets', ['booking_id'], { name: 'queue_tickets_booking' });
}

export async function down(q: QueryInterface): Promise<void> {
  await q.dropTable('queue_tickets');
}
