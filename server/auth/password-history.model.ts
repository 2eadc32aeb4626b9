import { DataTypes, Model, type CreationOptional, type InferAttributes, type InferCreationAttributes, type Sequelize } from 'sequelize';

/** A password a user had before (its argon2 hash): a new password may not be one of the last five. */
export class PasswordHistory extends Model<InferAttributes<PasswordHistory>, InferCreationAttributes<PasswordHistory>> {
  declare id: CreationOptional<number>;
  declare userId: number;
  declare passwordHash: string;
  /** when it stopped being the password */
  declare replacedAt: Date;

  static initModel(sequelize: Sequelize): void {
    PasswordHistory.init(
      {
        id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
        userId: { type: DataTypes.INTEGER, allowNull: false },
        passwordHash: { type: DataTypes.STRING(255), allowNull: false },
        replacedAt: { type: DataTypes.DATE(3), allowNull: false },
      },
      { sequelize, tableName: 'password_history' },
    );
  }
}
