import { DataTypes, Model, type CreationOptional, type InferAttributes, type InferCreationAttributes, type Sequelize } from 'sequelize';

export type DocumentKind = 'decision_approved' | 'decision_refused' | 'e_license' | 'notice';

/** A sealed and signed result document of a case; the PDF is a file in the document store. */
export class ResultDocument extends Model<InferAttributes<ResultDocument>, InferCreationAttributes<ResultDocument>> {
  declare id: CreationOptional<number>;
  declare caseId: number;
  declare kind: DocumentKind;
  /** what it was made from, unique per case: 'decision', 'e_license:<type>', 'notice:<timeline entry id>' */
  declare source: string;
  /** the title printed on the document (Chinese, the legal text) */
  declare title: string;
  /** the title as pages in English list it; null for documents sealed before it was kept */
  declare titleEn: CreationOptional<string | null>;
  declare sha256: string;
  declare storageKey: string;
  declare size: number;
  declare sealId: number;
  declare eLicenseId: number | null;
  declare signedAt: Date;
  /** SM2-with-SM3 (GM/T 0009 default id) over the stored PDF by the seal's SM2 key, DER hex; null: the seal had no SM2 certificate */
  declare sm2Signature: CreationOptional<string | null>;
  declare sm2CertificateSerial: CreationOptional<string | null>;
  declare createdAt: CreationOptional<Date>;

  static initModel(sequelize: Sequelize): void {
    ResultDocument.init(
      {
        id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
        caseId: { type: DataTypes.INTEGER, allowNull: false },
        kind: { type: DataTypes.STRING(32), allowNull: false },
        source: { type: DataTypes.STRING(120), allowNull: false },
        title: { type: DataTypes.STRING(200), allowNull: false },
        titleEn: { type: DataTypes.STRING(200), allowNull: true },
        sha256: { type: DataTypes.STRING(64), allowNull: false },
        storageKey: { type: DataTypes.STRING(200), allowNull: false },
        size: { type: DataTypes.INTEGER, allowNull: false },
        sealId: { type: DataTypes.INTEGER, allowNull: false },
        eLicenseId: { type: DataTypes.INTEGER, allowNull: true },
        signedAt: { type: DataTypes.DATE(3), allowNull: false },
        sm2Signature: { type: DataTypes.STRING(200), allowNull: true },
        sm2CertificateSerial: { type: DataTypes.STRING(80), allowNull: true },
        createdAt: { type: DataTypes.DATE(3), allowNull: false, defaultValue: DataTypes.NOW },
      },
      { sequelize, tableName: 'documents' },
    );
  }
}
