import { DataTypes, type QueryInterface } from 'sequelize';

/**
 * 监管指标, the read model of server/supervision (docs/indicators.md):
 * - case_facts: one row per case with what the indicators count of it (its dimensions, its days,
 *   its visits, corrections, deadlines, materials, rating), projected from the case's events;
 * - indicator_counts: the counters per day and dimension (region, department, item, bundle,
 *   channel), one column per counter, kept by adding each projected change of a case's facts, so
 *   that a dashboard sums a few rows per day instead of counting cases;
 * - supervision_cursors: how far the projection has read the event tables.
 * The counters are a snapshot of contract/indicators.ts MEASURE_DAY as of this migration: a new
 * counter is a new migration.
 */
const COUNTERS = [
  'applications',
  'online_applications',
  'accepted',
  'not_accepted',
  'corrected',
  'tolerated',
  'committed',
  'assisted',
  'finished',
  'once',
  'visits',
  'overdue',
  'within_promised',
  'used_days',
  'promised_days',
  'materials_given',
  'materials_exempted',
  'assisted_finished',
  'assisted_solved',
  'item_cases',
  'item_finished',
  'item_overdue',
  'ratings',
  'satisfied',
  'bad',
  'bad_rectified',
  'bad_rectified_on_time',
  'assisted_ratings',
  'assisted_satisfied',
];

export async function up(q: QueryInterface): Promise<void> {
  await q.createTable('case_facts', {
    case_id: { type: DataTypes.INTEGER, primaryKey: true },
    case_no: { type: DataTypes.STRING(40), allowNull: false },
    parent_case_id: { type: DataTypes.INTEGER, allowNull: true },
    kind: { type: DataTypes.STRING(8), allowNull: false },
    item_code: { type: DataTypes.STRING(64), allowNull: false },
    bundle_code: { type: DataTypes.STRING(64), allowNull: false, defaultValue: '' },
    department_code: { type: DataTypes.STRING(32), allowNull: false },
    region_code: { type: DataTypes.STRING(12), allowNull: false, defaultValue: '' },
    channel: { type: DataTypes.STRING(16), allowNull: false },
    status: { type: DataTypes.STRING(24), allowNull: false },
    submitted_at: { type: DataTypes.DATE(3), allowNull: false },
    submitted_day: { type: DataTypes.STRING(10), allowNull: false },
    accepted_at: { type: DataTypes.DATE(3), allowNull: true },
    finished_at: { type: DataTypes.DATE(3), allowNull: true },
    finished_day: { type: DataTypes.STRING(10), allowNull: true },
    promised_due_at: { type: DataTypes.DATE(3), allowNull: true },
    statutory_due_at: { type: DataTypes.DATE(3), allowNull: true },
    outcome: { type: DataTypes.STRING(24), allowNull: true },
    corrections: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
    tolerated: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: false },
    committed: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: false },
    assisted: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: false },
    visits: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
    overdue: { type: DataTypes.BOOLEAN, allowNull: true },
    within_promised: { type: DataTypes.BOOLEAN, allowNull: true },
    used_days: { type: DataTypes.INTEGER, allowNull: true },
    promised_days: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
    materials_given: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
    materials_exempted: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
    rating_level: { type: DataTypes.INTEGER, allowNull: true },
    rated_at: { type: DataTypes.DATE(3), allowNull: true },
    rated_day: { type: DataTypes.STRING(10), allowNull: true },
    rectification: { type: DataTypes.STRING(16), allowNull: true },
    rectified_on_time: { type: DataTypes.BOOLEAN, allowNull: true },
    projected_at: { type: DataTypes.DATE(3), allowNull: false },
  });
  // drill-down: the cases behind a figure, by the day it counts them on and a dimension
  await q.addIndex('case_facts', ['department_code', 'submitted_day'], { name: 'case_facts_department_submitted' });
  await q.addIndex('case_facts', ['department_code', 'finished_day'], { name: 'case_facts_department_finished' });
  await q.addIndex('case_facts', ['submitted_day'], { name: 'case_facts_submitted' });
  await q.addIndex('case_facts', ['finished_day'], { name: 'case_facts_finished' });
  await q.addIndex('case_facts', ['rated_day'], { name: 'case_facts_rated' });
  await q.addIndex('case_facts', ['region_code', 'submitted_day'], { name: 'case_facts_region_submitted' });
  await q.addIndex('case_facts', ['item_code', 'submitted_day'], { name: 'case_facts_item_submitted' });
  // 超期: the open cases past their statutory due time
  await q.addIndex('case_facts', ['finished_at', 'statutory_due_at'], { name: 'case_facts_open_due' });

  const counters = Object.fromEntries(COUNTERS.map((c) => [c, { type: DataTypes.BIGINT, allowNull: false, defaultValue: 0 }]));
  await q.createTable('indicator_counts', {
    day: { type: DataTypes.STRING(10), primaryKey: true },
    region_code: { type: DataTypes.STRING(12), primaryKey: true },
    department_code: { type: DataTypes.STRING(32), primaryKey: true },
    item_code: { type: DataTypes.STRING(64), primaryKey: true },
    bundle_code: { type: DataTypes.STRING(64), primaryKey: true },
    channel: { type: DataTypes.STRING(16), primaryKey: true },
    ...counters,
  });
  await q.addIndex('indicator_counts', ['department_code', 'day'], { name: 'indicator_counts_department' });
  await q.addIndex('indicator_counts', ['region_code', 'day'], { name: 'indicator_counts_region' });
  await q.addIndex('indicator_counts', ['item_code', 'day'], { name: 'indicator_counts_item' });
  await q.addIndex('indicator_counts', ['bundle_code', 'day'], { name: 'indicator_counts_bundle' });

  await q.createTable('supervision_cursors', {
    name: { type: DataTypes.STRING(32), primaryKey: true },
    last_id: { type: DataTypes.BIGINT, allowNull: false, defaultValue: 0 },
    last_at: { type: DataTypes.DATE(3), allowNull: true },
  });
}

export async function down(q: QueryInterface): Promise<void> {
  await q.dropTable('supervision_cursors');
  await q.dropTable('indicator_counts');
  await q.dropTable('case_facts');
}
