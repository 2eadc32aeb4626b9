import { DataTypes, Model, type CreationOptional, type InferAttributes, type InferCreationAttributes, type Sequelize } from 'sequelize';
import { lookupHashColumn, sealedColumn, sealedJsonColumn } from '../privacy/sealed-column.ts';

/** Who acts in a company's sign-in: the person, as what, under which authorisation (as the provider asserted it at the last sign-in). */
export interface Acting {
  name: string;
  idNo: string;
  realNameLevel: string;
  actingAs: 'legal_representative' | 'agent';
  legalRepresentative: string;
  authorization: { id: string; scope: string[]; validFrom: string; validUntil: string } | null;
}

/**
 * 统一身份认证: a provider's subject (issuer + sub) and the account it signs in as. Made at the
 * first sign-in (found by ID number, or a new applicant's or company's account); the acting person
 * and authorisation of a company's sign-in are renewed at every sign-in.
 */
export class IdentityLink extends Model<InferAttributes<IdentityLink>, InferCreationAttributes<IdentityLink>> {
  declare id: CreationOptional<number>;
  declare issuer: string;
  declare subject: string;
  declare userId: number;
  declare subjectType: 'natural_person' | 'legal_person';
  declare acting: Acting | null;
  /** the agent's authorisation's last day (YYYY-MM-DD), in clear for a later check; null: none (a legal representative, a person) */
  declare authorizationValidUntil: string | null;
  declare createdAt: Date;
  declare lastSignInAt: Date;

  static initModel(sequelize: Sequelize): void {
    IdentityLink.init(
      {
        id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
        issuer: { type: DataTypes.STRING(255), allowNull: false },
        subject: { type: DataTypes.STRING(255), allowNull: false },
        userId: { type: DataTypes.INTEGER, allowNull: false },
        subjectType: { type: DataTypes.STRING(16), allowNull: false },
        acting: sealedJsonColumn('acting', { allowNull: true }),
        authorizationValidUntil: { type: DataTypes.STRING(10), allowNull: true },
        createdAt: { type: DataTypes.DATE(3), allowNull: false },
        lastSignInAt: { type: DataTypes.DATE(3), allowNull: false },
      },
      { sequelize, tableName: 'identity_links', timestamps: false },
    );
  }
}

/**
 * A phone's verification code at registration: the code as a keyed hash, its expiry, the wrong
 * attempts, when it was verified and the proof of that handed to the registrant (a keyed hash,
 * good once: `consumedAt`).
 */
export class PhoneVerification extends Model<InferAttributes<PhoneVerification>, InferCreationAttributes<PhoneVerification>> {
  declare id: CreationOptional<number>;
  declare purpose: 'registration';
  declare phone: string;
  declare phoneHash: CreationOptional<string | null>;
  declare codeHash: string;
  declare clientAddress: string | null;
  declare attempts: CreationOptional<number>;
  declare createdAt: Date;
  declare expiresAt: Date;
  declare verifiedAt: CreationOptional<Date | null>;
  declare verificationHash: CreationOptional<string | null>;
  declare consumedAt: CreationOptional<Date | null>;

  static initModel(sequelize: Sequelize): void {
    PhoneVerification.init(
      {
        id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
        purpose: { type: DataTypes.STRING(32), allowNull: false },
        phone: sealedColumn('phone', { hashField: 'phoneHash' }),
        phoneHash: lookupHashColumn(),
        codeHash: { type: DataTypes.STRING(64), allowNull: false },
        clientAddress: { type: DataTypes.STRING(64), allowNull: true },
        attempts: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
        createdAt: { type: DataTypes.DATE(3), allowNull: false },
        expiresAt: { type: DataTypes.DATE(3), allowNull: false },
        verifiedAt: { type: DataTypes.DATE(3), allowNull: true },
        verificationHash: { type: DataTypes.STRING(64), allowNull: true },
        consumedAt: { type: DataTypes.DATE(3), allowNull: true },
      },
      { sequelize, tableName: 'phone_verifications', timestamps: false },
    );
  }
}
