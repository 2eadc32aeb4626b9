import { DataTypes, Model, type CreationOptional, type InferAttributes, type InferCreationAttributes, type Sequelize } from 'sequelize';
import { jsonColumn } from '../db/json-column.ts';

/** 电子印章: a department's seal image bound to a signing certificate, and who may use it. */
export class Seal extends Model<InferAttributes<Seal>, InferCreationAttributes<Seal>> {
  declare id: CreationOptional<number>;
  declare departmentCode: string;
  declare name: string;
  declare image: Buffer;
  declare certificateP12: Buffer;
  /** encrypted with the server's seal key */
  declare p12Password: string;
  declare certificateSubject: string;
  declare certificateSerial: string;
  declare validFrom: Date;
  declare validUntil: Date;
  /** the SM2 seal certificate (PEM), its key (PEM PKCS#8 encrypted with sm2KeyPassword) and serial; null: RSA PAdES only */
  declare sm2Certificate: CreationOptional<string | null>;
  declare sm2PrivateKey: CreationOptional<string | null>;
  /** encrypted with the server's seal key, bound to the department and the SM2 certificate's serial */
  declare sm2KeyPassword: CreationOptional<string | null>;
  declare sm2CertificateSerial: CreationOptional<string | null>;
  /** usernames and "<department>:<role>" groups allowed to use it */
  declare users: string[];
  declare active: CreationOptional<boolean>;
  declare createdBy: string;
  declare createdAt: CreationOptional<Date>;
  declare updatedAt: CreationOptional<Date>;

  static initModel(sequelize: Sequelize): void {
    Seal.init(
      {
        id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
        departmentCode: { type: DataTypes.STRING(32), allowNull: false },
        name: { type: DataTypes.STRING(100), allowNull: false },
        image: { type: DataTypes.BLOB, allowNull: false },
        certificateP12: { type: DataTypes.BLOB, allowNull: false },
        p12Password: { type: DataTypes.STRING(400), allowNull: false },
        certificateSubject: { type: DataTypes.STRING(400), allowNull: false },
        certificateSerial: { type: DataTypes.STRING(80), allowNull: false },
        validFrom: { type: DataTypes.DATE(3), allowNull: false },
        validUntil: { type: DataTypes.DATE(3), allowNull: false },
        sm2Certificate: { type: DataTypes.TEXT, allowNull: true },
        sm2PrivateKey: { type: DataTypes.TEXT, allowNull: true },
        sm2KeyPassword: { type: DataTypes.STRING(400), allowNull: true },
        sm2CertificateSerial: { type: DataTypes.STRING(80), allowNull: true },
        users: jsonColumn('users'),
        active: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: true },
        createdBy: { type: DataTypes.STRING(64), allowNull: false },
        createdAt: { type: DataTypes.DATE(3), allowNull: false, defaultValue: DataTypes.NOW },
        updatedAt: { type: DataTypes.DATE(3), allowNull: false, defaultValue: DataTypes.NOW },
      },
      { sequelize, tableName: 'seals', timestamps: true },
    );
  }
}

/** Every use of a seal: which document of which case, for what, by whom (a person or a worker). */
export class SealUse extends Model<InferAttributes<SealUse>, InferCreationAttributes<SealUse>> {
  declare id: CreationOptional<number>;
  declare sealId: number;
  declare caseId: number | null;
  declare documentId: number | null;
  declare purpose: string;
  declare usedBy: string;
  declare createdAt: CreationOptional<Date>;

  static initModel(sequelize: Sequelize): void {
    SealUse.init(
      {
        id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
        sealId: { type: DataTypes.INTEGER, allowNull: false },
        caseId: { type: DataTypes.INTEGER, allowNull: true },
        documentId: { type: DataTypes.INTEGER, allowNull: true },
        purpose: { type: DataTypes.STRING(200), allowNull: false },
        usedBy: { type: DataTypes.STRING(64), allowNull: false },
        createdAt: { type: DataTypes.DATE(3), allowNull: false, defaultValue: DataTypes.NOW },
      },
      { sequelize, tableName: 'seal_uses' },
    );
  }
}
