import { DataTypes, Model, type CreationOptional, type InferAttributes, type InferCreationAttributes, type Sequelize } from 'sequelize';
import { jsonColumn } from '../db/json-column.ts';
import type { HelpEntryKind, HelpStatus } from '../../contract/requests/online-help.ts';

const json = (field: string) => ({ ...jsonColumn(field), allowNull: true });

/** 线上帮办: one applicant's request for help on an online application (migration 0057; ./requests.ts). */
export class HelpRequest extends Model<InferAttributes<HelpRequest>, InferCreationAttributes<HelpRequest>> {
  declare id: CreationOptional<number>;
  declare applicantId: number;
  declare applicantName: string;
  declare itemCode: string | null;
  declare bundleCode: string | null;
  declare subjectName: string;
  declare caseNo: string | null;
  declare regionCode: string | null;
  declare status: HelpStatus;
  declare helperId: CreationOptional<number | null>;
  declare helperName: CreationOptional<string | null>;
  declare joinedAt: CreationOptional<Date | null>;
  declare consent: CreationOptional<boolean>;
  /** the applicant's form as last sent, personal fields masked */
  declare form: CreationOptional<Record<string, unknown> | null>;
  declare formAt: CreationOptional<Date | null>;
  declare closedAt: CreationOptional<Date | null>;
  declare closedBy: CreationOptional<number | null>;
  declare closedByName: CreationOptional<string | null>;
  declare resolved: CreationOptional<boolean | null>;
  declare resolutionNote: CreationOptional<string | null>;
  declare rating: CreationOptional<number | null>;
  declare ratingComment: CreationOptional<string | null>;
  declare ratedAt: CreationOptional<Date | null>;
  declare createdAt: CreationOptional<Date>;
  /** while open: one per applicant and application (./requests.ts openKey); null once closed */
  declare openKey: CreationOptional<string | null>;

  static initModel(sequelize: Sequelize): void {
    HelpRequest.init(
      {
        id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
        applicantId: { type: DataTypes.INTEGER, allowNull: false },
        applicantName: { type: DataTypes.STRING(100), allowNull: false },
        itemCode: { type: DataTypes.STRING(64), allowNull: true },
        bundleCode: { type: DataTypes.STRING(32), allowNull: true },
        subjectName: { type: DataTypes.STRING(200), allowNull: false },
        caseNo: { type: DataTypes.STRING(32), allowNull: true },
        regionCode: { type: DataTypes.STRING(12), allowNull: true },
        status: { type: DataTypes.STRING(16), allowNull: false },
        helperId: { type: DataTypes.INTEGER, allowNull: true },
        helperName: { type: DataTypes.STRING(100), allowNull: true },
        joinedAt: { type: DataTypes.DATE(3), allowNull: true },
        consent: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: false },
        form: json('form'),
        formAt: { type: DataTypes.DATE(3), allowNull: true },
        closedAt: { type: DataTypes.DATE(3), allowNull: true },
        closedBy: { type: DataTypes.INTEGER, allowNull: true },
        closedByName: { type: DataTypes.STRING(100), allowNull: true },
        resolved: { type: DataTypes.BOOLEAN, allowNull: true },
        openKey: { type: DataTypes.STRING(120), allowNull: true },
        resolutionNote: { type: DataTypes.STRING(500), allowNull: true },
        rating: { type: DataTypes.INTEGER, allowNull: true },
        ratingComment: { type: DataTypes.STRING(500), allowNull: true },
        ratedAt: { type: DataTypes.DATE(3), allowNull: true },
        createdAt: { type: DataTypes.DATE(3), allowNull: false, defaultValue: DataTypes.NOW },
      },
      { sequelize, tableName: 'online_help_requests' },
    );
  }
}

/** One entry of a request's conversation: a message, or an act (joined, consent, a filled field, closed, rated). */
export class HelpEntry extends Model<InferAttributes<HelpEntry>, InferCreationAttributes<HelpEntry>> {
  declare id: CreationOptional<number>;
  declare requestId: number;
  declare kind: HelpEntryKind;
  declare authorId: number;
  declare authorName: string;
  declare authorSide: 'applicant' | 'helper';
  declare text: string | null;
  declare field: string | null;
  declare value: string | number | boolean | null;
  declare createdAt: CreationOptional<Date>;

  static initModel(sequelize: Sequelize): void {
    HelpEntry.init(
      {
        id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
        requestId: { type: DataTypes.INTEGER, allowNull: false },
        kind: { type: DataTypes.STRING(20), allowNull: false },
        authorId: { type: DataTypes.INTEGER, allowNull: false },
        authorName: { type: DataTypes.STRING(100), allowNull: false },
        authorSide: { type: DataTypes.STRING(10), allowNull: false },
        text: { type: DataTypes.TEXT, allowNull: true },
        field: { type: DataTypes.STRING(100), allowNull: true },
        value: json('value'),
        createdAt: { type: DataTypes.DATE(3), allowNull: false, defaultValue: DataTypes.NOW },
      },
      { sequelize, tableName: 'online_help_entries' },
    );
  }
}
