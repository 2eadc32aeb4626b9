import type { Transaction } from 'sequelize';
import { departmentCodes } from '../organization/index.ts';
import type { FieldProblem } from '../errors/app-error.ts';
import { codedProblem } from './seal-problems.ts';
import { activeUsernames, ROLES, type Role } from '../auth/index.ts';

/** Who may use a seal besides people and department roles: the seal worker signing results. */
export const SYSTEM_SEAL_USERS: readonly string[] = ['system:seal'];

const MAX_USERS = 200;
const MAX_NAME = 64;

/**
 * Reads "who may use it" as sent: a list, a JSON array in a form field, or a list separated by
 * commas (also the Chinese ，、), semicolons or spaces. Duplicates are dropped.
 */
export function parseSealUsers(raw: unknown): { users: string[]; problems: FieldProblem[] } {
  let list: unknown = raw;
  if (typeof raw === 'string') {
    const text = raw.trim();
    if (text.startsWith('[')) {
      try {
        list = JSON.parse(text);
      } catch {
        return { users: [], problems: [codedProblem('users', 'seal_users_malformed', '可使用人：JSON 数组格式不正确', 'users: not a valid JSON array')] };
      }
    } else list = text.split(/[\s,，、;；]+/);
  }
  if (raw === undefined || raw === null) list = [];
  if (!Array.isArray(list) || list.some((u) => typeof u !== 'string')) {
    return {
      users: [],
      problems: [
        codedProblem(
          'users',
          'seal_users_malformed',
          '可使用人：须为用户名或“部门:岗位”组成的列表',
          'users: give a list of usernames or "<department>:<role>" groups',
        ),
      ],
    };
  }
  const users = [...new Set((list as string[]).map((u) => u.trim()).filter(Boolean))];
  const problems: FieldProblem[] = [];
  if (users.length === 0)
    problems.push(
      codedProblem(
        'users',
        'seal_users_missing',
        '可使用人：请至少指定一个可使用该印章的用户或岗位',
        'users: name at least one user or group who may use the seal',
      ),
    );
  if (users.length > MAX_USERS) problems.push(codedProblem('users', 'seal_users_too_many', `可使用人：最多${MAX_USERS}个`, `users: at most ${MAX_USERS}`));
  const long = users.filter((u) => u.length > MAX_NAME);
  if (long.length)
    problems.push(
      codedProblem(
        'users',
        'seal_users_malformed',
        `可使用人：名称过长（最多${MAX_NAME}个字符）：${long[0]!.slice(0, 20)}…`,
        `users: a name is longer than ${MAX_NAME} characters`,
      ),
    );
  return { users, problems };
}

/**
 * The users and groups named that the platform does not know: active accounts by username,
 * "<department>:<role>" with a known department and role, and the system users.
 */
export async function unknownSealUsers(users: string[], transaction?: Transaction): Promise<FieldProblem[]> {
  const groups = users.filter((u) => u.includes(':') && !SYSTEM_SEAL_USERS.includes(u));
  const names = users.filter((u) => !u.includes(':'));
  const departments = await departmentCodes(transaction);
  const accounts = names.length ? await activeUsernames(names, transaction) : new Set<string>();
  const unknown = [
    ...groups.filter((g) => {
      const [department, role, ...rest] = g.split(':');
      return rest.length > 0 || !departments.has(department!) || !ROLES.includes(role as Role);
    }),
    ...names.filter((n) => !accounts.has(n)),
  ];
  if (!unknown.length) return [];
  return [
    codedProblem(
      'users',
      'seal_users_unknown',
      `可使用人中有不存在或已停用的用户、岗位：${unknown.join('、')}`,
      `unknown or inactive users or groups: ${unknown.join(', ')}`,
    ),
  ];
}
