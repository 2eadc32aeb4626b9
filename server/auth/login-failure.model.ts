import { DataTypes, Model, type InferAttributes, type InferCreationAttributes, type Sequelize } from 'sequelize';

/**
 * Failed sign-ins of one user name, whether or not an account has it (so that the lock says
 * nothing about which names exist): `failures` counted since `windowStartedAt`; `lockedUntil` set
 * once they reach LOGIN_LOCK_ATTEMPTS within LOGIN_LOCK_WINDOW_MINUTES (server/auth/lockout.ts).
 */
export class LoginFailure extends Model<InferAttributes<LoginFailure>, InferCreationAttributes<LoginFailure>> {
  declare username: string;
  declare failures: number;
  declare windowStartedAt: Date;
  declare lockedUntil: Date | null;
  declare lastClientAddress: string | null;

  static initModel(sequelize: Sequelize): void {
    LoginFailure.init(
      {
        username: { type: DataTypes.STRING(64), primaryKey: true },
        failures: { type: DataTypes.INTEGER, allowNull: false },
        windowStartedAt: { type: DataTypes.DATE(3), allowNull: false },
        lockedUntil: { type: DataTypes.DATE(3), allowNull: true },
        lastClientAddress: { type: DataTypes.STRING(64), allowNull: true },
      },
      { sequelize, tableName: 'login_failures' },
    );
  }
}
