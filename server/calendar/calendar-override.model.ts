import { DataTypes, Model, type CreationOptional, type InferAttributes, type InferCreationAttributes, type Sequelize } from 'sequelize';
import type { DayKind } from './working-calendar.ts';

export class CalendarOverride extends Model<InferAttributes<CalendarOverride>, InferCreationAttributes<CalendarOverride>> {
  declare id: CreationOptional<number>;
  declare regionCode: string;
  declare day: string;
  declare kind: DayKind;
  declare name: string;
  declare createdBy: number;
  declare createdAt: CreationOptional<Date>;

  static initModel(sequelize: Sequelize): void {
    CalendarOverride.init(
      {
        id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
        regionCode: { type: DataTypes.STRING(6), allowNull: false },
        day: { type: DataTypes.STRING(10), allowNull: false },
        kind: { type: DataTypes.STRING(8), allowNull: false },
        name: { type: DataTypes.STRING(100), allowNull: false },
        createdBy: { type: DataTypes.INTEGER, allowNull: false },
        createdAt: { type: DataTypes.DATE(3), allowNull: false, defaultValue: DataTypes.NOW },
      },
      { sequelize, tableName: 'calendar_overrides' },
    );
  }
}
