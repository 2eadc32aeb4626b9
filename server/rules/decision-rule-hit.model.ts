import { DataTypes, Model, type InferAttributes, type InferCreationAttributes, type Sequelize } from 'sequelize';

/** 规则命中统计: one counter per rule of a decision's version (migration 0044; ./rule-hits.ts). */
export class DecisionRuleHit extends Model<InferAttributes<DecisionRuleHit>, InferCreationAttributes<DecisionRuleHit>> {
  declare decisionKey: string;
  declare decisionVersion: number;
  /** the rule's id; '' no rule matched; '?' the rules could not be named */
  declare ruleId: string;
  declare hits: number;

  static initModel(sequelize: Sequelize): void {
    DecisionRuleHit.init(
      {
        decisionKey: { type: DataTypes.STRING(64), primaryKey: true },
        decisionVersion: { type: DataTypes.INTEGER, primaryKey: true },
        ruleId: { type: DataTypes.STRING(64), primaryKey: true },
        hits: { type: DataTypes.BIGINT, allowNull: false, defaultValue: 0 },
      },
      { sequelize, tableName: 'decision_rule_hits' },
    );
  }
}
