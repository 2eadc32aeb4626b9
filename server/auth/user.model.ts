import { DataTypes, Model, type CreationOptional, type InferAttributes, type InferCreationAttributes, type Sequelize } from 'sequelize';
import { jsonColumn } from '../db/json-column.ts';

export const ROLES = ['analyst', 'clerk', 'reviewer', 'leader', 'admin', 'auditor', 'applicant'] as const;
export type Role = (typeof ROLES)[number];

export class User extends Model<InferAttributes<User>, InferCreationAttributes<User>> {
  declare id: CreationOptional<number>;
  declare username: string;
  declare displayName: string;
  declare passwordHash: string;
  declare roles: Role[];
  declare departmentCode: string | null;
  declare idNo: string | null;
  declare phone: string | null;
  declare active: CreationOptional<boolean>;
  /** when the password was last set; null: never since the account was made (its age counts from createdAt) */
  declare passwordChangedAt: CreationOptional<Date | null>;
  declare createdAt: CreationOptional<Date>;
  declare updatedAt: CreationOptional<Date>;

  static initModel(sequelize: Sequelize): void {
    User.init(
      {
        id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
        username: { type: DataTypes.STRING(64), allowNull: false, unique: true },
        displayName: { type: DataTypes.STRING(100), allowNull: false },
        passwordHash: { type: DataTypes.STRING(255), allowNull: false },
        roles: jsonColumn('roles'),
        departmentCode: { type: DataTypes.STRING(32), allowNull: true },
        idNo: { type: DataTypes.STRING(32), allowNull: true },
        phone: { type: DataTypes.STRING(20), allowNull: true },
        active: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: true },
        passwordChangedAt: { type: DataTypes.DATE(3), allowNull: true },
        createdAt: DataTypes.DATE(3),
        updatedAt: DataTypes.DATE(3),
      },
      { sequelize, tableName: 'users', timestamps: true },
    );
  }
}
