import { DataTypes, Model, type CreationOptional, type InferAttributes, type InferCreationAttributes, type Sequelize } from 'sequelize';
import { lookupHashColumn, sealedColumn } from '../privacy/sealed-column.ts';
import { jsonColumn } from '../db/json-column.ts';
import type { OfferStatus } from '../../contract/proactive/policy.ts';

/** 免申即享: an offer of a policy's benefit to one person (migration 0045; ./offers.ts). ID numbers sealed, the recipient's found by its keyed hash. */
export class ProactiveOffer extends Model<InferAttributes<ProactiveOffer>, InferCreationAttributes<ProactiveOffer>> {
  declare id: CreationOptional<number>;
  declare policyCode: string;
  declare occasion: string;
  declare subjectName: string;
  declare subjectIdNo: string;
  declare recipientName: string;
  declare recipientIdNo: string;
  declare recipientHash: CreationOptional<string>;
  /** self, father, mother */
  declare recipientRelation: string;
  declare status: OfferStatus;
  /** the eligibility decision: key, version, rules, inputs (JSON) */
  declare decision: Record<string, unknown>;
  declare caseNo: string | null;
  declare reason: string | null;
  declare expiresAt: Date;
  declare decidedAt: Date | null;
  declare createdAt: CreationOptional<Date>;

  static initModel(sequelize: Sequelize): void {
    ProactiveOffer.init(
      {
        id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
        policyCode: { type: DataTypes.STRING(50), allowNull: false },
        occasion: { type: DataTypes.STRING(80), allowNull: false },
        subjectName: { type: DataTypes.STRING(100), allowNull: false },
        subjectIdNo: sealedColumn('subjectIdNo'),
        recipientName: { type: DataTypes.STRING(100), allowNull: false },
        recipientIdNo: sealedColumn('recipientIdNo', { hashField: 'recipientHash' }),
        recipientHash: lookupHashColumn(),
        recipientRelation: { type: DataTypes.STRING(16), allowNull: false },
        status: { type: DataTypes.STRING(16), allowNull: false },
        decision: jsonColumn('decision'),
        caseNo: { type: DataTypes.STRING(32), allowNull: true },
        reason: { type: DataTypes.STRING(500), allowNull: true },
        expiresAt: { type: DataTypes.DATE(3), allowNull: false },
        decidedAt: { type: DataTypes.DATE(3), allowNull: true },
        createdAt: { type: DataTypes.DATE(3), allowNull: false, defaultValue: DataTypes.NOW },
      },
      { sequelize, tableName: 'proactive_offers' },
    );
  }
}

/** Where a feed the policies read stands: the registries' event cursor, the last birthday swept. */
export class ProactiveFeed extends Model<InferAttributes<ProactiveFeed>, InferCreationAttributes<ProactiveFeed>> {
  declare name: string;
  declare position: string | null;
  declare updatedAt: Date;

  static initModel(sequelize: Sequelize): void {
    ProactiveFeed.init(
      {
        name: { type: DataTypes.STRING(40), primaryKey: true },
        position: { type: DataTypes.STRING(200), allowNull: true },
        updatedAt: { type: DataTypes.DATE(3), allowNull: false },
      },
      { sequelize, tableName: 'proactive_feeds' },
    );
  }
}
