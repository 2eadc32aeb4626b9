import { DataTypes, type QueryInterface } from 'sequelize';

/**
 * 在线预约 (server/appointments): a person's booking of a half-hour slot at a hall for an item or a
 * 一件事, and a counter per slot and window line that a booking takes a place of with one
 * conditional UPDATE (booked < capacity): the last place goes to exactly one of two people at once.
 */
export async function up(q: QueryInterface): Promise<void> {
  await q.createTable('appointment_slots', {
    id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
    hall_id: { type: DataTypes.INTEGER, allowNull: false },
    /** the Shanghai day, YYYY-MM-DD */
    day: { type: DataTypes.STRING(10), allowNull: false },
    /** the slot's start, HH:MM (a half hour of the hall's opening periods) */
    slot: { type: DataTypes.STRING(5), allowNull: false },
    window_kind: { type: DataTypes.STRING(16), allowNull: false },
    /** a 专窗's department; '' for the other kinds (a unique index treats NULLs as distinct) */
    department_code: { type: DataTypes.STRING(32), allowNull: false, defaultValue: '' },
    booked: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
    created_at: { type: DataTypes.DATE(3), allowNull: false },
    updated_at: { type: DataTypes.DATE(3), allowNull: false },
  });
  await q.addIndex('appointment_slots', ['hall_id', 'day', 'slot', 'window_kind', 'department_code'], { name: 'appointment_slots_line', unique: true });

  await q.createTable('appointments', {
    id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
    /** the booking code the person is given (unambiguous characters) */
    code: { type: DataTypes.STRING(16), allowNull: false },
    user_id: { type: DataTypes.INTEGER, allowNull: false },
    person_name: { type: DataTypes.STRING(255), allowNull: false },
    /** sealed (server/privacy) */
    phone: { type: DataTypes.STRING(255), allowNull: true },
    hall_id: { type: DataTypes.INTEGER, allowNull: false },
    target_kind: { type: DataTypes.STRING(8), allowNull: false },
    target_code: { type: DataTypes.STRING(64), allowNull: false },
    window_kind: { type: DataTypes.STRING(16), allowNull: false },
    department_code: { type: DataTypes.STRING(32), allowNull: true },
    priority: { type: DataTypes.STRING(16), allowNull: true },
    day: { type: DataTypes.STRING(10), allowNull: false },
    slot: { type: DataTypes.STRING(5), allowNull: false },
    starts_at: { type: DataTypes.DATE(3), allowNull: false },
    ends_at: { type: DataTypes.DATE(3), allowNull: false },
    status: { type: DataTypes.STRING(16), allowNull: false },
    /** user:target:day while the booking is live, NULL once cancelled or a no-show: one live booking per person, item and day */
    live_key: { type: DataTypes.STRING(120), allowNull: true },
    ticket_id: { type: DataTypes.INTEGER, allowNull: true },
    ticket_number: { type: DataTypes.STRING(16), allowNull: true },
    checked_in_at: { type: DataTypes.DATE(3), allowNull: true },
    cancelled_at: { type: DataTypes.DATE(3), allowNull: true },
    no_show_at: { type: DataTypes.DATE(3), allowNull: true },
    /** the application prepared for the visit: answers, form, materials (sealed JSON) */
    prepared: { type: DataTypes.TEXT, allowNull: true },
    prepared_at: { type: DataTypes.DATE(3), allowNull: true },
    created_at: { type: DataTypes.DATE(3), allowNull: false },
    updated_at: { type: DataTypes.DATE(3), allowNull: false },
  });
  await q.addIndex('appointments', ['code'], { name: 'appointments_code', unique: true });
  await q.addIndex('appointments', ['live_key'], { name: 'appointments_live', unique: true });
  await q.addIndex('appointments', ['user_id', 'status'], { name: 'appointments_user' });
  await q.addIndex('appointments', ['hall_id', 'day'], { name: 'appointments_hall_day' });
  await q.addIndex('appointments', ['status', 'ends_at'], { name: 'appointments_due' });
}

export async function down(q: QueryInterface): Promise<void> {
  await q.dropTable('appointments');
  await q.dropTable('appointment_slots');
}
