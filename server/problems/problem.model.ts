import { DataTypes, Model, type CreationOptional, type InferAttributes, type InferCreationAttributes, type Sequelize } from 'sequelize';
import type { ProblemSource, ProblemStatus, VisitMethod } from '../../contract/requests/problems.ts';
import { jsonColumn } from '../db/json-column.ts';

/** 问题闭环: a problem, from its raising to its closing (migrations/0037-problems.ts). */
export class Problem extends Model<InferAttributes<Problem>, InferCreationAttributes<Problem>> {
  declare id: CreationOptional<number>;
  declare source: ProblemSource;
  declare departmentCode: string;
  declare regionCode: string | null;
  declare caseNo: string | null;
  declare itemCode: string | null;
  /** a 差评's rating (case_ratings.id) */
  declare ratingId: number | null;
  /** a monitoring rule's code */
  declare rule: string | null;
  /** set while not closed, unique: one problem per rule and department at a time */
  declare openKey: string | null;
  declare title: string;
  declare description: string;
  /** the account that raised it (the applicant of a 差评); null: a monitoring rule */
  declare raisedBy: number | null;
  declare dueDays: number;
  /** the end of the dueDays-th working day after it was raised (null only until the first start after migration 0037) */
  declare dueAt: Date | null;
  declare status: ProblemStatus;
  /** times the 数据局 sent it back */
  declare rounds: CreationOptional<number>;
  declare rectification: CreationOptional<string | null>;
  declare visitAt: CreationOptional<Date | null>;
  declare visitMethod: CreationOptional<VisitMethod | null>;
  declare visitFeedback: CreationOptional<string | null>;
  declare rectifiedBy: CreationOptional<number | null>;
  declare rectifiedAt: CreationOptional<Date | null>;
  declare reviewedBy: CreationOptional<number | null>;
  declare reviewedAt: CreationOptional<Date | null>;
  declare reviewNote: CreationOptional<string | null>;
  declare closedAt: CreationOptional<Date | null>;
  declare escalatedAt: CreationOptional<Date | null>;
  declare createdAt: CreationOptional<Date>;
  declare updatedAt: CreationOptional<Date>;

  static initModel(sequelize: Sequelize): void {
    // a fresh object for each attribute: init writes the column's name into it
    const date = () => ({ type: DataTypes.DATE(3), allowNull: true });
    Problem.init(
      {
        id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
        source: { type: DataTypes.STRING(16), allowNull: false },
        departmentCode: { type: DataTypes.STRING(32), allowNull: false },
        regionCode: { type: DataTypes.STRING(12), allowNull: true },
        caseNo: { type: DataTypes.STRING(32), allowNull: true },
        itemCode: { type: DataTypes.STRING(64), allowNull: true },
        ratingId: { type: DataTypes.INTEGER, allowNull: true },
        rule: { type: DataTypes.STRING(32), allowNull: true },
        openKey: { type: DataTypes.STRING(128), allowNull: true },
        title: { type: DataTypes.STRING(200), allowNull: false },
        description: { type: DataTypes.TEXT, allowNull: false },
        raisedBy: { type: DataTypes.INTEGER, allowNull: true },
        dueDays: { type: DataTypes.INTEGER, allowNull: false },
        dueAt: date(),
        status: { type: DataTypes.STRING(16), allowNull: false },
        rounds: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
        rectification: { type: DataTypes.TEXT, allowNull: true },
        visitAt: date(),
        visitMethod: { type: DataTypes.STRING(16), allowNull: true },
        visitFeedback: { type: DataTypes.STRING(1000), allowNull: true },
        rectifiedBy: { type: DataTypes.INTEGER, allowNull: true },
        rectifiedAt: date(),
        reviewedBy: { type: DataTypes.INTEGER, allowNull: true },
        reviewedAt: date(),
        reviewNote: { type: DataTypes.STRING(1000), allowNull: true },
        closedAt: date(),
        escalatedAt: date(),
        createdAt: { type: DataTypes.DATE(3), allowNull: false, defaultValue: DataTypes.NOW },
        updatedAt: { type: DataTypes.DATE(3), allowNull: false, defaultValue: DataTypes.NOW },
      },
      { sequelize, tableName: 'problems' },
    );
  }
}

export type ProblemAction = 'raised' | 'rectified' | 'sent_back' | 'closed' | 'escalated' | 'migrated';

/** One step of a problem's history: who did what, when, with what note (a rectification's 回访 in its detail). */
export class ProblemEvent extends Model<InferAttributes<ProblemEvent>, InferCreationAttributes<ProblemEvent>> {
  declare id: CreationOptional<number>;
  declare problemId: number;
  declare action: ProblemAction;
  declare actorId: number | null;
  declare note: string | null;
  declare detail: Record<string, unknown>;
  declare at: CreationOptional<Date>;

  static initModel(sequelize: Sequelize): void {
    ProblemEvent.init(
      {
        id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
        problemId: { type: DataTypes.INTEGER, allowNull: false },
        action: { type: DataTypes.STRING(16), allowNull: false },
        actorId: { type: DataTypes.INTEGER, allowNull: true },
        note: { type: DataTypes.TEXT, allowNull: true },
        detail: jsonColumn('detail'),
        at: { type: DataTypes.DATE(3), allowNull: false, defaultValue: DataTypes.NOW },
      },
      { sequelize, tableName: 'problem_events' },
    );
  }
}
