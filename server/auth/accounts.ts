import { Op, type Transaction } from 'sequelize';
import { User, type Role } from './user.model.ts';
import { lookupHash } from '../privacy/sealing.ts';

/** An account as other domains read it: who it is, its roles and department, its verified identity; never its secrets. */
export interface Account {
  id: number;
  username: string;
  displayName: string;
  roles: Role[];
  departmentCode: string | null;
  /** staff: the region they work in (their department is that region's department of the kind) */
  regionCode: string | null;
  /** the verified ID number (实名认证); null when the account has none */
  idNo: string | null;
  phone: string | null;
  active: boolean;
}

/** The account of that id, active or not. */
export async function accountById(id: number, transaction?: Transaction): Promise<Account | null> {
  return User.findByPk(id, { transaction });
}

/**
 * The verified identity the account holds licences and cases under: a person's ID number, a
 * company's account its 统一社会信用代码 (法人); null without one or without the account.
 */
export async function idNoOfAccount(id: number): Promise<string | null> {
  const account = await User.findByPk(id, { attributes: ['idNo', 'accountKind', 'creditCode'] });
  if (account?.accountKind === 'company') return account.creditCode ?? null;
  return account?.idNo ?? null;
}

/**
 * The active applicant accounts of a person or company by their verified identity: a person's ID
 * number (found by its keyed hash), a company's 统一社会信用代码. Whom a case taken at the window
 * in that name belongs to.
 */
export async function applicantAccountsByIdNo(idNo: string, transaction?: Transaction): Promise<Account[]> {
  const accounts = await User.findAll({
    where: { active: true, [Op.or]: [{ idNoHash: lookupHash(idNo) }, { accountKind: 'company', creditCode: idNo.trim().toUpperCase() }] },
    transaction,
  });
  return accounts.filter((a) => a.roles.includes('applicant'));
}

/** The accounts of those ids (only the active ones when asked). */
export async function accountsByIds(ids: number[], { active }: { active?: true } = {}): Promise<Account[]> {
  return User.findAll({ where: { id: { [Op.in]: ids }, ...(active ? { active } : {}) } });
}

/** The account of that user name (only an active one when asked). */
export async function accountByUsername(username: string, { active, transaction }: { active?: true; transaction?: Transaction } = {}): Promise<Account | null> {
  return User.findOne({ where: { username, ...(active ? { active } : {}) }, transaction });
}

/** The active accounts of those user names (unknown or inactive names are left out). */
export async function activeAccountsByUsernames(usernames: string[]): Promise<Account[]> {
  return User.findAll({ where: { username: { [Op.in]: usernames }, active: true } });
}

/** The ids of the accounts of those user names, active or not. */
export async function accountIdsByUsernames(usernames: string[]): Promise<{ id: number; username: string }[]> {
  return User.findAll({ where: { username: { [Op.in]: usernames } }, attributes: ['id', 'username'] });
}

/** Every active account (of one department when asked), by id. */
export async function activeAccounts({ departmentCode, transaction }: { departmentCode?: string; transaction?: Transaction } = {}): Promise<Account[]> {
  return User.findAll({ where: { active: true, ...(departmentCode !== undefined ? { departmentCode } : {}) }, order: [['id', 'ASC']], transaction });
}

/** Every active account (of one department when asked), by department and user name: the staff directory's order. */
export async function activeAccountsByDepartment(departmentCode?: string): Promise<Account[]> {
  return User.findAll({
    where: { active: true, ...(departmentCode ? { departmentCode } : {}) },
    order: [
      ['departmentCode', 'ASC'],
      ['username', 'ASC'],
    ],
  });
}

/** Which of those user names are active accounts (reads the user names only). */
export async function activeUsernames(usernames: string[], transaction?: Transaction): Promise<Set<string>> {
  return new Set(
    (await User.findAll({ attributes: ['username'], where: { username: { [Op.in]: usernames }, active: true }, transaction })).map((u) => u.username),
  );
}
