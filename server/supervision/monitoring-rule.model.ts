import { DataTypes, Model, type InferAttributes, type InferCreationAttributes, type Sequelize } from 'sequelize';

/** 监测预警规则: one per indicator watched (migration 0041; ./monitoring-rules.ts runs them). */
export class MonitoringRule extends Model<InferAttributes<MonitoringRule>, InferCreationAttributes<MonitoringRule>> {
  declare indicatorCode: string;
  /** a rate's as a share (0–1), an average's or a count's as the figure */
  declare threshold: number;
  declare days: number;
  declare minCases: number;
  declare enabled: boolean;
  declare updatedBy: string | null;
  declare updatedAt: Date;

  static initModel(sequelize: Sequelize): void {
    MonitoringRule.init(
      {
        indicatorCode: { type: DataTypes.STRING(32), primaryKey: true },
        threshold: { type: DataTypes.DOUBLE, allowNull: false },
        days: { type: DataTypes.INTEGER, allowNull: false },
        minCases: { type: DataTypes.INTEGER, allowNull: false },
        enabled: { type: DataTypes.BOOLEAN, allowNull: false },
        updatedBy: { type: DataTypes.STRING(64), allowNull: true },
        updatedAt: { type: DataTypes.DATE(3), allowNull: false },
      },
      { sequelize, tableName: 'monitoring_rules' },
    );
  }
}
