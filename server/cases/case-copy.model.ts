import { DataTypes, Model, type CreationOptional, type InferAttributes, type InferCreationAttributes, type Sequelize } from 'sequelize';

/** 抄送: a case copied to a person who may read it, not act on it. */
export class CaseCopy extends Model<InferAttributes<CaseCopy>, InferCreationAttributes<CaseCopy>> {
  declare id: CreationOptional<number>;
  declare caseId: number;
  declare userId: number;
  declare fromUserId: number;
  declare taskName: string | null;
  declare note: string | null;
  declare readAt: CreationOptional<Date | null>;
  declare createdAt: CreationOptional<Date>;

  static initModel(sequelize: Sequelize): void {
    CaseCopy.init(
      {
        id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
        caseId: { type: DataTypes.INTEGER, allowNull: false },
        userId: { type: DataTypes.INTEGER, allowNull: false },
        fromUserId: { type: DataTypes.INTEGER, allowNull: false },
        taskName: { type: DataTypes.STRING(200), allowNull: true },
        note: { type: DataTypes.STRING(500), allowNull: true },
        readAt: { type: DataTypes.DATE(3), allowNull: true },
        createdAt: { type: DataTypes.DATE(3), allowNull: false, defaultValue: DataTypes.NOW },
      },
      { sequelize, tableName: 'case_copies' },
    );
  }
}
