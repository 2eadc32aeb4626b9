import { DataTypes, Model, type CreationOptional, type InferAttributes, type InferCreationAttributes, type Sequelize } from 'sequelize';
import { jsonColumn } from '../db/json-column.ts';

/** 好差评: the applicant's rating of a closed case, 1 (非常不满意) … 5 (非常满意). */
export class CaseRating extends Model<InferAttributes<CaseRating>, InferCreationAttributes<CaseRating>> {
  declare id: CreationOptional<number>;
  declare caseId: number;
  declare caseNo: string;
  declare departmentCode: string;
  declare level: number;
  declare reasons: string[];
  declare comment: string | null;
  declare ratedBy: number;
  declare createdAt: CreationOptional<Date>;

  static initModel(sequelize: Sequelize): void {
    CaseRating.init(
      {
        id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
        caseId: { type: DataTypes.INTEGER, allowNull: false },
        caseNo: { type: DataTypes.STRING(32), allowNull: false },
        departmentCode: { type: DataTypes.STRING(32), allowNull: false },
        level: { type: DataTypes.INTEGER, allowNull: false },
        reasons: jsonColumn('reasons'),
        comment: { type: DataTypes.STRING(500), allowNull: true },
        ratedBy: { type: DataTypes.INTEGER, allowNull: false },
        createdAt: { type: DataTypes.DATE(3), allowNull: false, defaultValue: DataTypes.NOW },
      },
      { sequelize, tableName: 'case_ratings' },
    );
  }
}
