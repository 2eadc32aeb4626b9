import { DataTypes, type QueryInterface } from 'sequelize';

/**
 * 监测预警规则 (server/supervision/monitoring-rules.ts): one rule per indicator the 数据局 watches, with
 * its threshold, the days it looks back, the fewest cases a figure needs, and whether it is on; who
 * changed it last. Starts with the rule the platform had as a constant: 超期办结率 above 10% over 30
 * days, with at least 5 cases closed.
 */
export async function up(q: QueryInterface): Promise<void> {
  await q.createTable('monitoring_rules', {
    indicator_code: { type: DataTypes.STRING(32), primaryKey: true },
    threshold: { type: DataTypes.DOUBLE, allowNull: false },
    days: { type: DataTypes.INTEGER, allowNull: false },
    min_cases: { type: DataTypes.INTEGER, allowNull: false },
    enabled: { type: DataTypes.BOOLEAN, allowNull: false },
    updated_by: { type: DataTypes.STRING(64), allowNull: true },
    updated_at: { type: DataTypes.DATE(3), allowNull: false },
  });
  await q.bulkInsert('monitoring_rules', [
    { indicator_code: 'overdue_rate', threshold: 0.1, days: 30, min_cases: 5, enabled: true, updated_by: null, updated_at: new Date() },
  ]);
}

export async function down(q: QueryInterface): Promise<void> {
  await q.dropTable('monitoring_rules');
}
