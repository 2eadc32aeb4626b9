import { DataTypes, Model, type CreationOptional, type InferAttributes, type InferCreationAttributes, type Sequelize } from 'sequelize';
import type { OpeningPeriod, SlotCapacity, WindowKind } from '../../contract/requests/organization.ts';
import { jsonColumn } from '../db/json-column.ts';

/** 政务服务大厅 (or a 便民服务站): where a region receives applicants. */
export class ServiceHall extends Model<InferAttributes<ServiceHall>, InferCreationAttributes<ServiceHall>> {
  declare id: CreationOptional<number>;
  declare regionCode: string;
  declare nameZh: string;
  declare nameEn: string;
  declare address: string;
  declare phone: string | null;
  declare hours: string | null;
  declare latitude: number | null;
  declare longitude: number | null;
  declare openingPeriods: OpeningPeriod[];
  declare slotCapacity: SlotCapacity;
  declare active: CreationOptional<boolean>;
  declare createdAt: CreationOptional<Date>;
  declare updatedAt: CreationOptional<Date>;

  static initModel(sequelize: Sequelize): void {
    ServiceHall.init(
      {
        id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
        regionCode: { type: DataTypes.STRING(12), allowNull: false },
        nameZh: { type: DataTypes.STRING(100), allowNull: false },
        nameEn: { type: DataTypes.STRING(100), allowNull: false },
        address: { type: DataTypes.STRING(200), allowNull: false },
        phone: { type: DataTypes.STRING(32), allowNull: true },
        hours: { type: DataTypes.STRING(100), allowNull: true },
        latitude: { type: DataTypes.DOUBLE, allowNull: true },
        longitude: { type: DataTypes.DOUBLE, allowNull: true },
        openingPeriods: jsonColumn('openingPeriods'),
        slotCapacity: jsonColumn('slotCapacity'),
        active: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: true },
        createdAt: { type: DataTypes.DATE(3), allowNull: false, defaultValue: DataTypes.NOW },
        updatedAt: { type: DataTypes.DATE(3), allowNull: false, defaultValue: DataTypes.NOW },
      },
      { sequelize, tableName: 'service_halls' },
    );
  }
}

/** A window of a hall: 综合窗口, a department's 专窗, or 绿色通道. */
export class HallWindow extends Model<InferAttributes<HallWindow>, InferCreationAttributes<HallWindow>> {
  declare id: CreationOptional<number>;
  declare hallId: number;
  declare number: string;
  declare kind: WindowKind;
  declare departmentCode: string | null;
  declare active: CreationOptional<boolean>;
  declare createdAt: CreationOptional<Date>;
  declare updatedAt: CreationOptional<Date>;

  static initModel(sequelize: Sequelize): void {
    HallWindow.init(
      {
        id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
        hallId: { type: DataTypes.INTEGER, allowNull: false },
        number: { type: DataTypes.STRING(16), allowNull: false },
        kind: { type: DataTypes.STRING(16), allowNull: false },
        departmentCode: { type: DataTypes.STRING(32), allowNull: true },
        active: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: true },
        createdAt: { type: DataTypes.DATE(3), allowNull: false, defaultValue: DataTypes.NOW },
        updatedAt: { type: DataTypes.DATE(3), allowNull: false, defaultValue: DataTypes.NOW },
      },
      { sequelize, tableName: 'hall_windows' },
    );
  }
}
