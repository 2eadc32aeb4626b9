import { DataTypes, Model, type CreationOptional, type InferAttributes, type InferCreationAttributes, type Sequelize } from 'sequelize';
import { jsonColumn } from '../db/json-column.ts';
import { lookupHashColumn, sealedColumn } from '../privacy/sealed-column.ts';

export const ROLES = ['analyst', 'clerk', 'reviewer', 'leader', 'admin', 'security_admin', 'auditor', 'applicant'] as const;
export type Role = (typeof ROLES)[number];

/**
 * 三员分立 (等保三级): the system administrator (admin: catalog, calendar, seals, e-licenses, cases),
 * the security administrator (security_admin: accounts' locks and second factors) and the audit
 * administrator (auditor: the audit trail) are three people. No account holds two of these roles,
 * and the security and audit administrators hold nothing else: none can do another's work.
 */
export const ADMINISTRATOR_ROLES = ['admin', 'security_admin', 'auditor'] as const satisfies readonly Role[];
const ALONE: readonly Role[] = ['security_admin', 'auditor'];

/** What is wrong with a set of roles under 三员分立; undefined when nothing is. */
export function separationProblem(roles: readonly Role[]): { 'zh-CN': string; en: string } | undefined {
  const administrators = roles.filter((r) => (ADMINISTRATOR_ROLES as readonly Role[]).includes(r));
  if (administrators.length > 1) {
    return {
      'zh-CN': `三员分立：系统管理员、安全管理员和审计管理员须由不同账号担任（${administrators.join('、')}）`,
      en: `Separation of duties: the system, security and audit administrators are different accounts (${administrators.join(', ')})`,
    };
  }
  const alone = roles.find((r) => ALONE.includes(r));
  if (alone && roles.length > 1) {
    return {
      'zh-CN': `三员分立：${alone === 'auditor' ? '审计管理员' : '安全管理员'}账号不能兼任其他角色`,
      en: `Separation of duties: the ${alone === 'auditor' ? 'audit' : 'security'} administrator holds no other role`,
    };
  }
  return undefined;
}

export class User extends Model<InferAttributes<User>, InferCreationAttributes<User>> {
  declare id: CreationOptional<number>;
  declare username: string;
  declare displayName: string;
  declare passwordHash: string;
  declare roles: Role[];
  declare departmentCode: string | null;
  declare idNo: string | null;
  declare phone: string | null;
  /** the keyed lookup hash of idNo (server/privacy) */
  declare idNoHash: CreationOptional<string | null>;
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
        idNo: sealedColumn('idNo', { allowNull: true, hashField: 'idNoHash' }),
        idNoHash: lookupHashColumn(),
        phone: sealedColumn('phone', { allowNull: true }),
        active: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: true },
        passwordChangedAt: { type: DataTypes.DATE(3), allowNull: true },
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
