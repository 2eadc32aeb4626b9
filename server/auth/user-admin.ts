import { randomInt } from 'node:crypto';
import { Op, ValidationError, type Sequelize } from 'sequelize';
import { recordAudit } from '../audit/index.ts';
import { allRegions, departmentCodes, hasRegionDepartment, regionByCode } from '../organization/index.ts';
import { AppError, conflict, validationFailed, type FieldProblem } from '../errors/app-error.ts';
import { assertValid } from '../validation/ajv.ts';
import { ADMINISTRATOR_ROLES, User, type Role } from './user.model.ts';
import { accountChangeSchema, accountRules, handOverRules, newAccountSchema, type HandOver } from '../../contract/requests/accounts.ts';
import { hashPassword } from './passwords.ts';
import type { Principal } from './principal.ts';
import type { TokenService } from './tokens.ts';
import type { OpenTasks } from './open-tasks.ts';
import { EngineError } from '../engine/client.ts';

/**
 * 账号管理 (the security administrator's, 三员分立): creating accounts, changing a person's name,
 * roles, department and whether they may sign in, and resetting a password. A password an
 * administrator sets is shown once and must be changed at the first sign-in; the holders of each
 * administrator role are never left at none; nobody changes their own account here. Every change is
 * in the audit trail, with what it was and what it became.
 */

/** The request bodies, shared with the page (contract/requests/accounts.ts). */
export { newAccountSchema as newUserSchema, accountChangeSchema as userChangeSchema } from '../../contract/requests/accounts.ts';

interface NewUser {
  username: string;
  displayName: string;
  roles: Role[];
  departmentCode?: string | null;
  regionCode?: string | null;
}
type UserChange = Partial<Pick<User, 'displayName' | 'roles' | 'departmentCode' | 'regionCode' | 'active'>> & { handOver?: HandOver[] };

/** A password for a person to change at once: 14 characters of four classes, no look-alikes. */
export function temporaryPassword(): string {
  const classes = ['ABCDEFGHJKLMNPQRSTUVWXYZ', 'abcdefghjkmnpqrstuvwxyz', '23456789', '-_.'];
  const chars = classes.map((c) => c[randomInt(c.length)]!);
  const all = classes.join('');
  while (chars.length < 14) chars.push(all[randomInt(all.length)]!);
  for (let i = chars.length - 1; i > 0; i--) {
    const j = randomInt(i + 1);
    [chars[i], chars[j]] = [chars[j]!, chars[i]!];
  }
  return chars.join('');
}

/**
 * The rules the schema cannot say (contract/requests/accounts.ts), that the department exists and
 * (四级) that the region has a department of that kind in use: staff work in one.
 */
export async function checkAccount(
  account: { roles: Role[]; departmentCode?: string | null; regionCode?: string | null },
  earlier: FieldProblem[] = [],
): Promise<void> {
  const problems: FieldProblem[] = [...accountRules(account), ...earlier];
  if (account.departmentCode && !problems.some((p) => p.field === 'departmentCode') && !(await departmentCodes()).has(account.departmentCode)) {
    problems.push({
      field: 'departmentCode',
      message: { 'zh-CN': `部门：没有编码为“${account.departmentCode}”的部门`, en: `Department: no department "${account.departmentCode}"` },
    });
  }
  if (account.departmentCode && account.regionCode && !problems.length && !(await hasRegionDepartment(account.regionCode, account.departmentCode))) {
    const region = await regionByCode(account.regionCode);
    problems.push({
      field: 'regionCode',
      message: region
        ? { 'zh-CN': `所在区划：${region.nameZh}没有在用的该类部门`, en: `Region: ${region.nameEn} has no such department in use` }
        : { 'zh-CN': `所在区划：没有区划“${account.regionCode}”`, en: `Region: no region "${account.regionCode}"` },
    });
  }
  if (problems.length) throw validationFailed(problems);
}

/** Staff with no region named work in the platform's own (the root of the tree). */
export async function regionOrRoot(account: { departmentCode?: string | null; regionCode?: string | null }): Promise<string | null> {
  if (account.regionCode || !account.departmentCode) return account.regionCode ?? null;
  return (await allRegions()).find((r) => !r.parentCode)?.code ?? null;
}

/** Refuses a change that would leave an administrator role with no active holder. */
async function keepAnAdministrator(user: User, after: { roles: Role[]; active: boolean }): Promise<void> {
  for (const role of ADMINISTRATOR_ROLES) {
    const loses = user.active && user.roles.includes(role) && (!after.active || !after.roles.includes(role));
    if (!loses) continue;
    const others = (await User.findAll({ where: { active: true, id: { [Op.ne]: user.id } } })).filter((u) => u.roles.includes(role));
    if (!others.length) throw conflict('last_administrator');
  }
}

const detailOf = (u: Pick<User, 'displayName' | 'roles' | 'departmentCode' | 'regionCode' | 'active'>) => ({
  displayName: u.displayName,
  roles: u.roles,
  departmentCode: u.departmentCode,
  regionCode: u.regionCode ?? null,
  active: u.active,
});

export class UserAdministration {
  constructor(
    private readonly sequelize: Sequelize,
    /** ends the sessions of a person whose rights change (none for the command line, which only creates) */
    private readonly tokens?: TokenService,
    /** the tasks a person holds, handed over before their rights change (none for the command line) */
    private readonly openTasks?: OpenTasks,
  ) {}

  /** 新建账号: the account and a password shown once, to be changed at the first sign-in. */
  async create(actor: Principal | 'cli', body: unknown): Promise<{ username: string; temporaryPassword: string }> {
    assertValid<NewUser>(newAccountSchema, body);
    const account = { ...(body as NewUser) };
    account.regionCode = await regionOrRoot(account);
    await checkAccount(account);
    if (await User.findOne({ attributes: ['id'], where: { username: account.username } })) {
      throw new AppError(409, 'username_taken', [{ field: 'username', message: { 'zh-CN': '用户名：已被使用', en: 'User name: taken' } }]);
    }
    const password = temporaryPassword();
    const passwordHash = await hashPassword(password);
    await this.sequelize.transaction(async (transaction) => {
      await User.create(
        {
          username: account.username,
          displayName: account.displayName.trim(),
          roles: account.roles,
          departmentCode: account.departmentCode ?? null,
          regionCode: account.regionCode ?? null,
          idNo: null,
          phone: null,
          passwordHash,
          passwordMustChange: true,
        },
        { transaction },
      ).catch(rethrowValidation);
      await recordAudit(
        {
          actor: actorName(actor),
          action: 'account.created',
          target: `user:${account.username}`,
          detail: detailOf({ ...account, departmentCode: account.departmentCode ?? null, regionCode: account.regionCode ?? null, active: true }),
        },
        transaction,
      );
    });
    return { username: account.username, temporaryPassword: password };
  }

  /** 修改账号: name, roles, department, active; the person's sessions end when their rights change. */
  async update(actor: Principal, username: string, body: unknown) {
    assertValid<UserChange>(accountChangeSchema, body);
    const change = body as UserChange;
    const user = await User.findOne({ where: { username } });
    if (!user) throw new AppError(404, 'user_not_found');
    const rightsChange = change.roles !== undefined || change.departmentCode !== undefined || change.regionCode !== undefined || change.active !== undefined;
    if (user.id === actor.id && rightsChange) throw conflict('own_account');
    const after = {
      displayName: change.displayName?.trim() ?? user.displayName,
      roles: change.roles ?? user.roles,
      departmentCode: change.departmentCode !== undefined ? change.departmentCode : user.departmentCode,
      regionCode: change.regionCode !== undefined ? change.regionCode : user.regionCode,
      active: change.active ?? user.active,
    };
    after.regionCode = await regionOrRoot(after);
    await checkAccount(after, handOverRules(change.handOver));
    await keepAnAdministrator(user, after);
    const before = detailOf(user);
    // 移交待办: a person whose department, region or roles change, or who is deactivated, hands their claimed tasks on first
    const moved = whatMoves(before, after);
    let moves: Awaited<ReturnType<OpenTasks['plan']>> = [];
    let tasksUnread = false;
    try {
      moves = moved.length && user.active && this.openTasks ? await this.openTasks.plan(user, change.handOver) : [];
    } catch (err) {
      // a deactivation (a person leaving, an account feared compromised) never waits for the engine:
      // their tasks stay claimed by an inactive account, which the audit entry says, for the inbox's
      // 转办 / 取消签收 by their leader once the engine answers
      if (!(err instanceof EngineError && err.status === 0 && after.active === false)) throw err;
      tasksUnread = true;
    }
    if (moves.length) await this.openTasks!.apply(this.sequelize, actor.username, user, moves, `人员调整：${moved.join('、')}`);
    await this.sequelize.transaction(async (transaction) => {
      await user.update(after, { transaction }).catch(rethrowValidation);
      await recordAudit(
        {
          actor: actor.username,
          action: 'account.updated',
          target: `user:${username}`,
          detail: { before, after, ...(moves.length ? { tasksHandedOver: moves.length } : {}), ...(tasksUnread ? { tasksUnread: 'engine unavailable' } : {}) },
        },
        transaction,
      );
    });
    if (rightsChange) await this.tokens?.endSessionsOf(user.id, 'account_changed');
    return { username, ...detailOf(user) };
  }

  /** 重置密码: a new password shown once, changed at the next sign-in; the person's sessions end. */
  async resetPassword(actor: Principal, username: string): Promise<{ username: string; temporaryPassword: string }> {
    const user = await User.findOne({ where: { username } });
    if (!user) throw new AppError(404, 'user_not_found');
    if (user.id === actor.id) throw conflict('own_account');
    const password = temporaryPassword();
    const passwordHash = await hashPassword(password);
    await this.sequelize.transaction(async (transaction) => {
      await user.update({ passwordHash, passwordMustChange: true }, { transaction });
      await recordAudit({ actor: actor.username, action: 'account.password_reset', target: `user:${username}`, detail: {} }, transaction);
    });
    await this.tokens?.endSessionsOf(user.id, 'password_reset');
    return { username, temporaryPassword: password };
  }
}

const actorName = (actor: Principal | 'cli') => (actor === 'cli' ? 'cli' : actor.username);

type Rights = Pick<User, 'roles' | 'departmentCode' | 'regionCode' | 'active'>;
/** What of a person's rights a change changes, said for the case's timeline: none when it keeps them all. */
function whatMoves(before: Rights, after: Rights): string[] {
  const moved: string[] = [];
  if (!after.active) moved.push('停用账号');
  if (after.departmentCode !== before.departmentCode) moved.push('调整部门');
  if ((after.regionCode ?? null) !== (before.regionCode ?? null)) moved.push('调整区划');
  const same = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((r) => b.includes(r));
  if (!same(after.roles, before.roles)) moved.push('调整角色');
  return moved;
}

/** The model's own check (三员分立) as the 422 the request's checks give. */
function rethrowValidation(err: unknown): never {
  if (err instanceof ValidationError) {
    throw validationFailed(err.errors.map((e) => ({ field: 'roles', message: { 'zh-CN': e.message, en: e.message } })));
  }
  throw err;
}
