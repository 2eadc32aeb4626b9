import { DataTypes, Model, type CreationOptional, type InferAttributes, type InferCreationAttributes, type Sequelize } from 'sequelize';

/** Why a session ended before its token expired. */
export type SessionEnd = 'logout' | 'idle' | 'password_changed' | 'second_factor_reset' | 'account_changed' | 'password_reset';

/**
 * One signed-in session: a bearer token is good only while the session named by its `jti` is
 * (server/auth/tokens.ts). `lastSeenAt` moves with the session's requests, written at most every
 * 30 s; a staff session ends after SESSION_IDLE_MINUTES without one.
 */
export class Session extends Model<InferAttributes<Session>, InferCreationAttributes<Session>> {
  /** the token's jti */
  declare id: string;
  declare userId: number;
  declare createdAt: Date;
  declare lastSeenAt: Date;
  /** the token's exp */
  declare expiresAt: Date;
  declare endedAt: CreationOptional<Date | null>;
  declare endReason: CreationOptional<SessionEnd | null>;
  /** where the sign-in came from */
  declare clientAddress: string | null;

  static initModel(sequelize: Sequelize): void {
    Session.init(
      {
        id: { type: DataTypes.STRING(36), primaryKey: true },
        userId: { type: DataTypes.INTEGER, allowNull: false },
        createdAt: { type: DataTypes.DATE(3), allowNull: false },
        lastSeenAt: { type: DataTypes.DATE(3), allowNull: false },
        expiresAt: { type: DataTypes.DATE(3), allowNull: false },
        endedAt: { type: DataTypes.DATE(3), allowNull: true },
        endReason: { type: DataTypes.STRING(20), allowNull: true },
        clientAddress: { type: DataTypes.STRING(64), allowNull: true },
      },
      { sequelize, tableName: 'sessions' },
    );
  }
}
