import { DataTypes, Model, type CreationOptional, type InferAttributes, type InferCreationAttributes, type Sequelize } from 'sequelize';
import { lookupHashColumn, sealedColumn, sealedJsonColumn } from '../privacy/sealed-column.ts';

/** 电子证照: a license in the registry, held by a person (身份证号) or an organisation (统一社会信用代码). */
export class ELicense extends Model<InferAttributes<ELicense>, InferCreationAttributes<ELicense>> {
  declare id: CreationOptional<number>;
  /** the catalog's e-license type, e.g. resident-id, business-license */
  declare type: string;
  declare number: string;
  declare name: string;
  declare holderIdNo: string;
  /** the keyed lookup hash of holderIdNo (server/privacy) */
  declare holderIdNoHash: CreationOptional<string | null>;
  declare holderName: string;
  /** what the license states (e.g. creditCode, businessName), for prefilling forms */
  declare data: Record<string, unknown>;
  declare validFrom: Date;
  declare validUntil: Date | null;
  declare revokedAt: CreationOptional<Date | null>;
  declare revokedReason: CreationOptional<string | null>;
  /** the administrator who revoked it */
  declare revokedBy: CreationOptional<string | null>;
  declare issuedByCaseId: CreationOptional<number | null>;
  declare createdAt: CreationOptional<Date>;

  /** In force at `at`: issued, not expired, not revoked. */
  validAt(at: Date = new Date()): boolean {
    return this.validFrom <= at && (!this.validUntil || this.validUntil > at) && (!this.revokedAt || this.revokedAt > at);
  }

  static initModel(sequelize: Sequelize): void {
    ELicense.init(
      {
        id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
        type: { type: DataTypes.STRING(64), allowNull: false },
        number: { type: DataTypes.STRING(64), allowNull: false },
        name: { type: DataTypes.STRING(100), allowNull: false },
        holderIdNo: sealedColumn('holderIdNo', { hashField: 'holderIdNoHash' }),
        holderIdNoHash: lookupHashColumn(),
        holderName: { type: DataTypes.STRING(100), allowNull: false },
        data: sealedJsonColumn('data'),
        validFrom: { type: DataTypes.DATE(3), allowNull: false },
        validUntil: { type: DataTypes.DATE(3), allowNull: true },
        revokedAt: { type: DataTypes.DATE(3), allowNull: true },
        revokedReason: { type: DataTypes.STRING(200), allowNull: true },
        revokedBy: { type: DataTypes.STRING(64), allowNull: true },
        issuedByCaseId: { type: DataTypes.INTEGER, allowNull: true },
        createdAt: { type: DataTypes.DATE(3), allowNull: false, defaultValue: DataTypes.NOW },
      },
      { sequelize, tableName: 'e_licenses' },
    );
  }
}

/** A material of a case given as an e-license instead of a file. */
export class CaseLicense extends Model<InferAttributes<CaseLicense>, InferCreationAttributes<CaseLicense>> {
  declare id: CreationOptional<number>;
  declare caseId: number;
  declare materialCode: string;
  declare eLicenseId: number;
  declare createdAt: CreationOptional<Date>;

  static initModel(sequelize: Sequelize): void {
    CaseLicense.init(
      {
        id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
        caseId: { type: DataTypes.INTEGER, allowNull: false },
        materialCode: { type: DataTypes.STRING(64), allowNull: false },
        eLicenseId: { type: DataTypes.INTEGER, allowNull: false },
        createdAt: { type: DataTypes.DATE(3), allowNull: false, defaultValue: DataTypes.NOW },
      },
      { sequelize, tableName: 'case_licenses' },
    );
  }
}
