import { DataTypes, type QueryInterface } from 'sequelize';

/**
 * 监管指标 by month: the counters of indicator_counts (migration 0035) summed per month as well,
 * kept by the same additions, so that a dashboard over a year sums some 5,000 monthly rows instead
 * of 160,000 daily ones (server/supervision/indicators.service.ts reads whole months here and the
 * days at a period's ragged ends from the daily table). Filled from the daily rows already there.
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
const KEYS = ['region_code', 'department_code', 'item_code', 'bundle_code', 'channel'];

export async function up(q: QueryInterface): Promise<void> {
  await q.createTable('indicator_months', {
    month: { type: DataTypes.STRING(7), primaryKey: true },
    region_code: { type: DataTypes.STRING(12), primaryKey: true },
    department_code: { type: DataTypes.STRING(32), primaryKey: true },
    item_code: { type: DataTypes.STRING(64), primaryKey: true },
    bundle_code: { type: DataTypes.STRING(64), primaryKey: true },
    channel: { type: DataTypes.STRING(16), primaryKey: true },
    ...Object.fromEntries(COUNTERS.map((c) => [c, { type: DataTypes.BIGINT, allowNull: false, defaultValue: 0 }])),
  });
  await q.addIndex('indicator_months', ['department_code', 'month'], { name: 'indicator_months_department' });
  await q.addIndex('indicator_months', ['region_code', 'month'], { name: 'indicator_months_region' });
  await q.sequelize.query(
    `INSERT INTO indicator_months (month, ${KEYS.join(', ')}, ${COUNTERS.join(', ')})
     SELECT SUBSTR(day, 1, 7), ${KEYS.join(', ')}, ${COUNTERS.map((c) => `SUM(${c})`).join(', ')}
       FROM indicator_counts GROUP BY SUBSTR(day, 1, 7), ${KEYS.join(', ')}`,
  );
}

export async function down(q: QueryInterface): Promise<void> {
  await q.dropTable('indicator_months');
}
