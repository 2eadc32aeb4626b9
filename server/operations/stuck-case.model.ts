import { DataTypes, Model, type InferAttributes, type InferCreationAttributes, type Sequelize } from 'sequelize';
import { jsonColumn } from '../db/json-column.ts';
import type { Localized } from '../i18n/locale.ts';

/** What the stuck-case detector found a case to be: a candidate after one look, listed (confirmed) after two of the same kind in a row. */
export class StuckCaseRow extends Model<InferAttributes<StuckCaseRow>, InferCreationAttributes<StuckCaseRow>> {
  declare caseId: number;
  declare caseNo: string;
  declare kind: string;
  declare diagnosis: Localized;
  declare processInstanceIds: string[];
  declare firstFoundAt: Date;
  declare confirmed: boolean;
  declare lookedAt: Date;

  static initModel(sequelize: Sequelize): void {
    StuckCaseRow.init(
      {
        caseId: { type: DataTypes.INTEGER, primaryKey: true },
        caseNo: { type: DataTypes.STRING(32), allowNull: false },
        kind: { type: DataTypes.STRING(24), allowNull: false },
        diagnosis: { ...jsonColumn('diagnosis'), allowNull: false },
        processInstanceIds: { ...jsonColumn('processInstanceIds'), allowNull: false },
        firstFoundAt: { type: DataTypes.DATE(3), allowNull: false },
        confirmed: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: false },
        lookedAt: { type: DataTypes.DATE(3), allowNull: false },
      },
      { sequelize, tableName: 'stuck_cases', timestamps: false },
    );
  }
}
