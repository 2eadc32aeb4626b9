import { DataTypes, Model, type CreationOptional, type InferAttributes, type InferCreationAttributes, type Sequelize } from 'sequelize';
import type { OtpAlgorithm } from './totp.ts';

/**
 * A user's second factor (TOTP, RFC 6238, or GM/T 0021's SM3 one-time code: `algorithm`, kept from
 * the enrolment whatever SECOND_FACTOR_ALGORITHM says later): the secret sealed under SECOND_FACTOR_KEY
 * (./second-factor-crypto.ts). `confirmedAt` null: an enrolment begun and not yet confirmed with
 * a first code (the secret is not yet a factor). `lastStep`: the time step of the last code
 * accepted, so a code is good once. `passedChallenge`: the sign-in challenge whose code was right
 * while the password had expired (the same challenge then sets the new password without a second
 * code).
 */
export class SecondFactor extends Model<InferAttributes<SecondFactor>, InferCreationAttributes<SecondFactor>> {
  declare userId: number;
  declare secret: string;
  declare algorithm: CreationOptional<OtpAlgorithm>;
  declare confirmedAt: Date | null;
  declare lastStep: number | null;
  declare passedChallenge: CreationOptional<string | null>;
  declare createdAt: CreationOptional<Date>;
  declare updatedAt: CreationOptional<Date>;

  static initModel(sequelize: Sequelize): void {
    SecondFactor.init(
      {
        userId: { type: DataTypes.INTEGER, primaryKey: true },
        secret: { type: DataTypes.STRING(255), allowNull: false },
        algorithm: { type: DataTypes.STRING(8), allowNull: false, defaultValue: 'SHA1' },
        confirmedAt: { type: DataTypes.DATE(3), allowNull: true },
        // BIGINT comes back as a string on MariaDB
        lastStep: {
          type: DataTypes.BIGINT,
          allowNull: true,
          get(this: SecondFactor) {
            const raw = this.getDataValue('lastStep') as number | string | null;
            return raw === null ? null : Number(raw);
          },
        },
        passedChallenge: { type: DataTypes.STRING(36), allowNull: true },
        createdAt: DataTypes.DATE(3),
        updatedAt: DataTypes.DATE(3),
      },
      { sequelize, tableName: 'second_factors', timestamps: true },
    );
  }
}

/** One recovery code of a user, kept as its HMAC (never the code); `usedAt` set when it signed in once. */
export class RecoveryCode extends Model<InferAttributes<RecoveryCode>, InferCreationAttributes<RecoveryCode>> {
  declare id: CreationOptional<number>;
  declare userId: number;
  declare codeHash: string;
  declare usedAt: CreationOptional<Date | null>;
  declare createdAt: Date;

  static initModel(sequelize: Sequelize): void {
    RecoveryCode.init(
      {
        id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
        userId: { type: DataTypes.INTEGER, allowNull: false },
        codeHash: { type: DataTypes.STRING(64), allowNull: false },
        usedAt: { type: DataTypes.DATE(3), allowNull: true },
        createdAt: { type: DataTypes.DATE(3), allowNull: false },
      },
      { sequelize, tableName: 'recovery_codes', timestamps: false },
    );
  }
}
