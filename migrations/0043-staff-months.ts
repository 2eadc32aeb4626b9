import { DataTypes, type QueryInterface } from 'sequelize';

/**
 * 按人员 at a city's scale (server/supervision/staff.service.ts; measured by `npm run bench -- dashboard`):
 * - staff_months: the staff counters summed per month as well (as indicator_months is for the case
 *   counters), so a year of 2,000 people sums some 24,000 monthly rows, not 730,000 daily ones;
 *   filled from the daily rows already there;
 * - opinions.on_time: whether the task was completed by the step's due time (null: no time limit),
 *   kept when the opinion is recorded, with the indexes that page a person's tasks of one kind —
 *   late, refused, 补正 — newest first without reading the others.
 */
const MEASURES = [
  'tasks_done',
  'tasks_timed',
  'tasks_on_time',
  'tasks_measured',
  'handling_minutes',
  'approvals',
  'rejections',
  'corrections_asked',
  'rated_cases',
  'rated_satisfied',
  'rated_bad',
];
const KEYS = ['user_id', 'department_code', 'region_code'];

export async function up(q: QueryInterface): Promise<void> {
  await q.createTable('staff_months', {
    month: { type: DataTypes.STRING(7), primaryKey: true },
    user_id: { type: DataTypes.INTEGER, primaryKey: true },
    department_code: { type: DataTypes.STRING(32), primaryKey: true },
    region_code: { type: DataTypes.STRING(12), primaryKey: true },
    ...Object.fromEntries(MEASURES.map((m) => [m, { type: DataTypes.BIGINT, allowNull: false, defaultValue: 0 }])),
  });
  await q.addIndex('staff_months', ['department_code', 'month'], { name: 'staff_months_department' });
  await q.addIndex('staff_months', ['user_id', 'month'], { name: 'staff_months_user' });
  await q.addIndex('staff_counts', ['user_id', 'day'], { name: 'staff_counts_user' });
  await q.sequelize.query(
    `INSERT INTO staff_months (month, ${KEYS.join(', ')}, ${MEASURES.join(', ')})
     SELECT SUBSTR(day, 1, 7), ${KEYS.join(', ')}, ${MEASURES.map((m) => `SUM(${m})`).join(', ')}
       FROM staff_counts GROUP BY SUBSTR(day, 1, 7), ${KEYS.join(', ')}`,
  );
  await q.addColumn('opinions', 'on_time', { type: DataTypes.BOOLEAN, allowNull: true });
  await q.sequelize.query(`UPDATE opinions SET on_time = CASE WHEN created_at <= step_due_at THEN 1 ELSE 0 END WHERE step_due_at IS NOT NULL`);
  await q.addIndex('opinions', ['user_id', 'on_time', 'created_at'], { name: 'opinions_user_on_time' });
  await q.addIndex('opinions', ['user_id', 'outcome', 'created_at'], { name: 'opinions_user_outcome' });
}

export async function down(q: QueryInterface): Promise<void> {
  await q.removeIndex('opinions', 'opinions_user_outcome');
  await q.removeIndex('opinions', 'opinions_user_on_time');
  await q.removeColumn('opinions', 'on_time');
  await q.removeIndex('staff_counts', 'staff_counts_user');
  await q.dropTable('staff_months');
}
