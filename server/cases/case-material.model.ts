import { DataTypes, Model, type CreationOptional, type InferAttributes, type InferCreationAttributes, type Sequelize } from 'sequelize';

export class CaseMaterial extends Model<InferAttributes<CaseMaterial>, InferCreationAttributes<CaseMaterial>> {
  declare id: CreationOptional<number>;
  declare caseId: number;
  declare materialCode: string;
  declare attachmentId: string;
  declare createdAt: CreationOptional<Date>;

  static initModel(sequelize: Sequelize): void {
    CaseMaterial.init(
      {
        id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
        caseId: { type: DataTypes.INTEGER, allowNull: false },
        materialCode: { type: DataTypes.STRING(64), allowNull: false },
        attachmentId: { type: DataTypes.STRING(36), allowNull: false },
        createdAt: { type: DataTypes.DATE(3), allowNull: false, defaultValue: DataTypes.NOW },
      },
      { sequelize, tableName: 'case_materials' },
    );
  }
}
