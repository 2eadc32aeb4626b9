import { DataTypes, Model, type InferAttributes, type InferCreationAttributes, type Sequelize } from 'sequelize';
import type { CaseFact } from './case-facts.ts';

/** A row of case_facts (migration 0035): a case's facts as last projected. */
export class CaseFactRow extends Model<InferAttributes<CaseFactRow>, InferCreationAttributes<CaseFactRow>> implements CaseFact {
  declare caseId: number;
  declare caseNo: string;
  declare parentCaseId: number | null;
  declare kind: 'item' | 'bundle';
  declare itemCode: string;
  declare bundleCode: string;
  declare departmentCode: string;
  declare regionCode: string;
  declare channel: string;
  declare status: string;
  declare submittedAt: Date;
  declare submittedDay: string;
  declare acceptedAt: Date | null;
  declare finishedAt: Date | null;
  declare finishedDay: string | null;
  declare promisedDueAt: Date | null;
  declare statutoryDueAt: Date | null;
  declare outcome: string | null;
  declare corrections: number;
  declare tolerated: boolean;
  declare committed: boolean;
  declare assisted: boolean;
  declare visits: number;
  declare overdue: boolean | null;
  declare withinPromised: boolean | null;
  declare usedDays: number | null;
  declare promisedDays: number;
  declare materialsGiven: number;
  declare materialsExempted: number;
  declare ratingLevel: number | null;
  declare ratedAt: Date | null;
  declare ratedDay: string | null;
  declare rectification: 'open' | 'rectified' | null;
  declare rectifiedOnTime: boolean | null;
  declare staffCounts: string | null;
  declare projectedAt: Date;

  static initModel(sequelize: Sequelize): void {
    const text = (n: number, allowNull = false) => ({ type: DataTypes.STRING(n), allowNull });
    const time = (allowNull = true) => ({ type: DataTypes.DATE(3), allowNull });
    const flag = (allowNull = false) => ({ type: DataTypes.BOOLEAN, allowNull });
    const count = (allowNull = false) => ({ type: DataTypes.INTEGER, allowNull });
    CaseFactRow.init(
      {
        caseId: { type: DataTypes.INTEGER, primaryKey: true },
        caseNo: text(40),
        parentCaseId: count(true),
        kind: text(8),
        itemCode: text(64),
        bundleCode: text(64),
        departmentCode: text(32),
        regionCode: text(12),
        channel: text(16),
        status: text(24),
        submittedAt: time(false),
        submittedDay: text(10),
        acceptedAt: time(),
        finishedAt: time(),
        finishedDay: text(10, true),
        promisedDueAt: time(),
        statutoryDueAt: time(),
        outcome: text(24, true),
        corrections: count(),
        tolerated: flag(),
        committed: flag(),
        assisted: flag(),
        visits: count(),
        overdue: flag(true),
        withinPromised: flag(true),
        usedDays: count(true),
        promisedDays: count(),
        materialsGiven: count(),
        materialsExempted: count(),
        ratingLevel: count(true),
        ratedAt: time(),
        ratedDay: text(10, true),
        rectification: text(16, true),
        rectifiedOnTime: flag(true),
        staffCounts: { type: DataTypes.TEXT, allowNull: true },
        projectedAt: time(false),
      },
      { sequelize, tableName: 'case_facts' },
    );
  }
}
