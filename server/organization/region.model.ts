import { DataTypes, Model, type CreationOptional, type InferAttributes, type InferCreationAttributes, type Sequelize } from 'sequelize';
import type { RegionLevel } from '../../contract/regions.ts';

/** 行政区划: one region of the tree (市 → 区县 → 乡镇街道 → 村社区), by its code. */
export class Region extends Model<InferAttributes<Region>, InferCreationAttributes<Region>> {
  declare code: string;
  declare nameZh: string;
  declare nameEn: string;
  declare level: RegionLevel;
  declare parentCode: string | null;
  declare active: CreationOptional<boolean>;
  declare createdAt: CreationOptional<Date>;
  declare updatedAt: CreationOptional<Date>;

  static initModel(sequelize: Sequelize): void {
    Region.init(
      {
        code: { type: DataTypes.STRING(12), primaryKey: true },
        nameZh: { type: DataTypes.STRING(100), allowNull: false },
        nameEn: { type: DataTypes.STRING(100), allowNull: false },
        level: { type: DataTypes.STRING(16), allowNull: false },
        parentCode: { type: DataTypes.STRING(12), allowNull: true },
        active: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: true },
        createdAt: { type: DataTypes.DATE(3), allowNull: false, defaultValue: DataTypes.NOW },
        updatedAt: { type: DataTypes.DATE(3), allowNull: false, defaultValue: DataTypes.NOW },
      },
      { sequelize, tableName: 'regions' },
    );
  }
}

/** A department of a region (岳麓区市场监督管理局): the kind of department it is, its 统一社会信用代码, address and phone. */
export class RegionDepartment extends Model<InferAttributes<RegionDepartment>, InferCreationAttributes<RegionDepartment>> {
  declare id: CreationOptional<number>;
  declare regionCode: string;
  declare departmentCode: string;
  declare nameZh: string;
  declare nameEn: string;
  declare parentId: number | null;
  declare creditCode: string | null;
  declare address: string | null;
  declare phone: string | null;
  declare active: CreationOptional<boolean>;
  declare createdAt: CreationOptional<Date>;
  declare updatedAt: CreationOptional<Date>;

  static initModel(sequelize: Sequelize): void {
    RegionDepartment.init(
      {
        id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
        regionCode: { type: DataTypes.STRING(12), allowNull: false },
        departmentCode: { type: DataTypes.STRING(32), allowNull: false },
        nameZh: { type: DataTypes.STRING(100), allowNull: false },
        nameEn: { type: DataTypes.STRING(100), allowNull: false },
        parentId: { type: DataTypes.INTEGER, allowNull: true },
        creditCode: { type: DataTypes.STRING(18), allowNull: true },
        address: { type: DataTypes.STRING(200), allowNull: true },
        phone: { type: DataTypes.STRING(32), allowNull: true },
        active: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: true },
        createdAt: { type: DataTypes.DATE(3), allowNull: false, defaultValue: DataTypes.NOW },
        updatedAt: { type: DataTypes.DATE(3), allowNull: false, defaultValue: DataTypes.NOW },
      },
      { sequelize, tableName: 'region_departments' },
    );
  }
}
