import { DataTypes, Model, type CreationOptional, type InferAttributes, type InferCreationAttributes, type Sequelize } from 'sequelize';
import { jsonColumn } from '../db/json-column.ts';
import { separationProblem, type Role } from '../../contract/roles.ts';
import { lookupHashColumn, sealedColumn } from '../privacy/sealed-column.ts';

export { ROLES, ADMINISTRATOR_ROLES, separationProblem, type Role } from '../../contract/roles.ts';

/** Whose account: a natural person's (staff, applicants), or a company's (a person signed in for it through the unified identity). */
export type AccountKind = 'person' | 'company';

export class User extends Model<InferAttributes<User>, InferCreationAttributes<User>> {
  declare id: CreationOptional<number>;
  declare username: string;
  declare displayName: string;
  declare passwordHash: string;
  declare roles: Role[];
  declare departmentCode: string | null;
  /** the region whose department of that kind the member of staff works in (server/organization); null for applicants */
  declare regionCode: CreationOptional<string | null>;
  declare idNo: string | null;
  declare phone: string | null;
  /** the keyed lookup hash of idNo (server/privacy) */
  declare idNoHash: CreationOptional<string | null>;
  /** the keyed lookup hash of phone: one registered account per phone */
  declare phoneHash: CreationOptional<string | null>;
  declare accountKind: CreationOptional<AccountKind>;
  /** a company's account: its 统一社会信用代码 and name (the person acting for it is on its identity link) */
  declare creditCode: CreationOptional<string | null>;
  declare companyName: CreationOptional<string | null>;
  declare active: CreationOptional<boolean>;
  /** when the password was last set; null: never since the account was made (its age counts from createdAt) */
  declare passwordChangedAt: CreationOptional<Date | null>;
  /** set by an administrator (a new account, a reset): the next sign-in must set a new password */
  declare passwordMustChange: CreationOptional<boolean>;
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
        regionCode: { type: DataTypes.STRING(12), allowNull: true },
        idNo: sealedColumn('idNo', { allowNull: true, hashField: 'idNoHash' }),
        idNoHash: lookupHashColumn(),
        phone: sealedColumn('phone', { allowNull: true, hashField: 'phoneHash' }),
        phoneHash: lookupHashColumn(),
        accountKind: { type: DataTypes.STRING(16), allowNull: false, defaultValue: 'person' },
        creditCode: { type: DataTypes.STRING(18), allowNull: true },
        companyName: { type: DataTypes.STRING(200), allowNull: true },
        active: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: true },
        passwordChangedAt: { type: DataTypes.DATE(3), allowNull: true },
        passwordMustChange: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: false },
        createdAt: DataTypes.DATE(3),
        updatedAt: DataTypes.DATE(3),
      },
      {
        sequelize,
        tableName: 'users',
        timestamps: true,
        validate: {
          // 三员分立 holds whoever writes the account: the seed, an administration page, a script
          separatedDuties(this: User) {
            const problem = separationProblem(this.roles ?? []);
            if (problem) throw new Error(problem['zh-CN']);
          },
        },
      },
    );
  }
}
