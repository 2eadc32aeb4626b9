import { DataTypes, Model, type CreationOptional, type InferAttributes, type InferCreationAttributes, type Sequelize } from 'sequelize';
import type { AcceptanceDecisionKind, Outcome } from '../../contract/topics.ts';

/** 审批意见: what a reviewer, leader or window clerk decided on one task, once per task. */
export class Opinion extends Model<InferAttributes<Opinion>, InferCreationAttributes<Opinion>> {
  declare id: CreationOptional<number>;
  declare caseId: number;
  declare taskId: string;
  declare activityId: string;
  declare activityName: string | null;
  declare userId: number;
  declare outcome: Outcome | AcceptanceDecisionKind;
  declare comment: string;
  /** the multi-instance step round this opinion decided (或签's approval, 会签's rejection), unique */
  declare decisiveKey: CreationOptional<string | null>;
  /** where the author worked when they decided (监管指标 by staff keep it: migration 0040) */
  declare departmentCode: CreationOptional<string | null>;
  declare regionCode: CreationOptional<string | null>;
  /** when the task arrived, and the step's own due time then (null: the step has no time limit) */
  declare taskCreatedAt: CreationOptional<Date | null>;
  declare stepDueAt: CreationOptional<Date | null>;
  /** completed by the step's due time (null: the step has no time limit) */
  declare onTime: CreationOptional<boolean | null>;
  declare createdAt: CreationOptional<Date>;

  static initModel(sequelize: Sequelize): void {
    Opinion.init(
      {
        id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
        caseId: { type: DataTypes.INTEGER, allowNull: false },
        taskId: { type: DataTypes.STRING(64), allowNull: false, unique: true },
        activityId: { type: DataTypes.STRING(128), allowNull: false },
        activityName: { type: DataTypes.STRING(200), allowNull: true },
        userId: { type: DataTypes.INTEGER, allowNull: false },
        outcome: { type: DataTypes.STRING(16), allowNull: false },
        comment: { type: DataTypes.TEXT, allowNull: false },
        decisiveKey: { type: DataTypes.STRING(64), allowNull: true, unique: true },
        departmentCode: { type: DataTypes.STRING(32), allowNull: true },
        regionCode: { type: DataTypes.STRING(12), allowNull: true },
        taskCreatedAt: { type: DataTypes.DATE(3), allowNull: true },
        stepDueAt: { type: DataTypes.DATE(3), allowNull: true },
        onTime: { type: DataTypes.BOOLEAN, allowNull: true },
        createdAt: { type: DataTypes.DATE(3), allowNull: false, defaultValue: DataTypes.NOW },
      },
      { sequelize, tableName: 'opinions' },
    );
  }
}
