import { DataTypes, type QueryInterface } from 'sequelize';

/**
 * 监管指标 by staff (server/supervision/staff-facts.ts):
 * - an opinion keeps, as it is recorded, the department and region its author worked in then, when
 *   its task arrived and the step's own due time (stepDays, or the law's for 受理): a person's
 *   figures stay those of the department they worked for, and 按时办理 is judged by the rule of the
 *   day; earlier opinions take their author's present department and region;
 * - staff_counts: per day and person, the tasks completed (in time, their handling time, their
 *   outcomes) and the ratings of the cases they handled, kept by the same projection as
 *   indicator_counts; case_facts.staff_counts holds what each case added, so a change is added once.
 * Counting the tasks completed before this migration takes `npm run indicators:rebuild`.
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

export async function up(q: QueryInterface): Promise<void> {
  await q.addColumn('opinions', 'department_code', { type: DataTypes.STRING(32), allowNull: true });
  await q.addColumn('opinions', 'region_code', { type: DataTypes.STRING(12), allowNull: true });
  await q.addColumn('opinions', 'task_created_at', { type: DataTypes.DATE(3), allowNull: true });
  await q.addColumn('opinions', 'step_due_at', { type: DataTypes.DATE(3), allowNull: true });
  await q.sequelize.query(
    `UPDATE opinions SET department_code = (SELECT u.department_code FROM users u WHERE u.id = opinions.user_id),
                         region_code = (SELECT u.region_code FROM users u WHERE u.id = opinions.user_id)`,
  );
  // a person's completed tasks, newest first (the cases behind their figures)
  await q.addIndex('opinions', ['user_id', 'created_at'], { name: 'opinions_user_created' });
  await q.addColumn('case_facts', 'staff_counts', { type: DataTypes.TEXT, allowNull: true });
  await q.createTable('staff_counts', {
    day: { type: DataTypes.STRING(10), primaryKey: true },
    user_id: { type: DataTypes.INTEGER, primaryKey: true },
    department_code: { type: DataTypes.STRING(32), primaryKey: true },
    region_code: { type: DataTypes.STRING(12), primaryKey: true },
    ...Object.fromEntries(MEASURES.map((m) => [m, { type: DataTypes.BIGINT, allowNull: false, defaultValue: 0 }])),
  });
  await q.addIndex('staff_counts', ['department_code', 'day'], { name: 'staff_counts_department' });
  await q.addIndex('staff_counts', ['day'], { name: 'staff_counts_day' });
}

export async function down(q: QueryInterface): Promise<void> {
  await q.dropTable('staff_counts');
  await q.removeColumn('case_facts', 'staff_counts');
  await q.removeIndex('opinions', 'opinions_user_created');
  for (const c of ['step_due_at', 'task_created_at', 'region_code', 'department_code']) await q.removeColumn('opinions', c);
}
