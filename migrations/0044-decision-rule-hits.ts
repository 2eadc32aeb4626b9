import { DataTypes, type QueryInterface } from 'sequelize';

/**
 * 规则命中统计 (server/rules/rule-hits.ts): how often each rule of each version of a decision table
 * decided a case (秒批, 免申即享). `rule_id` is the rule's id in the DMN, '' where no rule matched
 * and '?' where the rules behind the engine's answer could not be named.
 */
export async function up(q: QueryInterface): Promise<void> {
  await q.createTable('decision_rule_hits', {
    decision_key: { type: DataTypes.STRING(64), primaryKey: true },
    decision_version: { type: DataTypes.INTEGER, primaryKey: true },
    rule_id: { type: DataTypes.STRING(64), primaryKey: true },
    hits: { type: DataTypes.BIGINT, allowNull: false, defaultValue: 0 },
  });
}

export async function down(q: QueryInterface): Promise<void> {
  await q.dropTable('decision_rule_hits');
}
