import { DataTypes, Model, type CreationOptional, type InferAttributes, type InferCreationAttributes, type Sequelize } from 'sequelize';

export class Department extends Model<InferAttributes<Department>, InferCreationAttributes<Department>> {
  declare code: string;
  declare nameZh: string;
  declare nameEn: string;
  declare createdAt: CreationOptional<Date>;

  static initModel(sequelize: Sequelize): void {
    Department.init(
      {
        code: { type: DataTypes.STRING(32), primaryKey: true },
        nameZh: { type: DataTypes.STRING(100), allowNull: false },
        nameEn: { type: DataTypes.STRING(100), allowNull: false },
        createdAt: { type: DataTypes.DATE(3), allowNull: false, defaultValue: DataTypes.NOW },
      },
      { sequelize, tableName: 'departments' },
    );
  }
}
