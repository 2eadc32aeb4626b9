import { DataTypes, Model, type CreationOptional, type InferAttributes, type InferCreationAttributes, type Sequelize } from 'sequelize';
import { jsonColumn } from '../db/json-column.ts';

/** One entry of a case's human history; idempotencyKey makes a repeated effect a no-op. */
export class TimelineEvent extends Model<InferAttributes<TimelineEvent>, InferCreationAttributes<TimelineEvent>> {
  declare id: CreationOptional<number>;
  declare caseId: number;
  declare type: string;
  declare actor: string;
  declare detail: Record<string, unknown>;
  declare idempotencyKey: string | null;
  declare createdAt: CreationOptional<Date>;

  static initModel(sequelize: Sequelize): void {
    TimelineEvent.init(
      {
        id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
        caseId: { type: DataTypes.INTEGER, allowNull: false },
        type: { type: DataTypes.STRING(48), allowNull: false },
        actor: { type: DataTypes.STRING(64), allowNull: false },
        detail: jsonColumn('detail'),
        idempotencyKey: { type: DataTypes.STRING(128), allowNull: true, unique: true },
        createdAt: { type: DataTypes.DATE(3), allowNull: false, defaultValue: DataTypes.NOW },
      },
      { sequelize, tableName: 'timeline_events' },
    );
  }
}
