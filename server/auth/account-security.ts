import { Op, type WhereOptions } from 'sequelize';
import type { RouteTable } from '../http/route-table.ts';
import { SECURITY_ADMINS } from '../http/access.ts';
import { pageQuery } from '../validation/page-query.ts';
import { validationFailed, type FieldProblem } from '../errors/app-error.ts';
import { User } from './user.model.ts';
import { LoginFailure } from './login-failure.model.ts';
import type { SecondFactors } from './second-factor.service.ts';
import type { UserAdministration } from './user-admin.ts';

const SEARCH_MAX = 64;

/**
 * 账号安全 (the security administrator's page): every account with what matters to its security:
 * active, roles, when its password was set, whether its user name is locked (and until when, after
 * how many failures, from which address), whether it has a second factor and whether its roles
 * require one. Filtered by a part of the user name or name, or to locked accounts only.
 */
export async function accountSecurity(secondFactors: SecondFactors, query: Record<string, unknown>, now: number) {
  const problems: FieldProblem[] = [];
  const search = query.q;
  if (search !== undefined && (typeof search !== 'string' || search.length > SEARCH_MAX)) {
    problems.push({ field: 'query.q', message: { 'zh-CN': `q：至多 ${SEARCH_MAX} 个字符`, en: `q: at most ${SEARCH_MAX} characters` } });
  }
  const lockedOnly = query.locked === 'true';
  if (query.locked !== undefined && query.locked !== 'true' && query.locked !== 'false') {
    problems.push({ field: 'query.locked', message: { 'zh-CN': 'locked：须为 true 或 false', en: 'locked: true or false' } });
  }
  const { limit, offset } = pageQuery(query, problems);
  if (problems.length) throw validationFailed(problems);

  const locks = await LoginFailure.findAll({ where: { lockedUntil: { [Op.gt]: new Date(now) } } });
  const lockOf = new Map(locks.map((l) => [l.username, l]));
  const where: WhereOptions<User>[] = [];
  // LIKE's wildcards are dropped rather than escaped: SQLite and MariaDB escape differently
  const text = typeof search === 'string' ? search.replace(/[\\%_]/g, '').trim() : '';
  if (text) {
    const like = `%${text}%`;
    where.push({ [Op.or]: [{ username: { [Op.like]: like } }, { displayName: { [Op.like]: like } }] });
  }
  if (lockedOnly) where.push({ username: { [Op.in]: [...lockOf.keys()] } });
  const { count, rows } = await User.findAndCountAll({ where: { [Op.and]: where }, order: [['username', 'ASC']], limit, offset });
  const accounts = await Promise.all(
    rows.map(async (user) => {
      const lock = lockOf.get(user.username);
      const factor = await secondFactors.enrolled(user.id);
      return {
        username: user.username,
        displayName: user.displayName,
        roles: user.roles,
        departmentCode: user.departmentCode,
        regionCode: user.regionCode ?? null,
        active: user.active,
        passwordChangedAt: (user.passwordChangedAt ?? user.createdAt).toISOString(),
        lock: lock ? { until: lock.lockedUntil!.toISOString(), failures: lock.failures, lastClientAddress: lock.lastClientAddress } : null,
        secondFactor: { enrolled: factor !== null, required: await secondFactors.isRequired(user), since: factor?.confirmedAt?.toISOString() ?? null },
      };
    }),
  );
  return { total: count, limit, offset, accounts };
}

export function accountSecurityRoutes(routes: RouteTable, secondFactors: SecondFactors, users: UserAdministration, now: () => number): void {
  routes.get('/admin/accounts', SECURITY_ADMINS, async (req, res) => {
    res.json(await accountSecurity(secondFactors, req.query as Record<string, unknown>, now()));
  });
  routes.post('/admin/users', SECURITY_ADMINS, async (req, res) => {
    const created = await users.create(req.principal!, req.body);
    req.log?.info({ user: req.principal!.username, target: created.username }, 'account created');
    res.status(201).json(created);
  });
  routes.patch('/admin/users/:username', SECURITY_ADMINS, async (req, res) => {
    const changed = await users.update(req.principal!, String(req.params.username), req.body);
    req.log?.info({ user: req.principal!.username, target: changed.username }, 'account changed');
    res.json(changed);
  });
  routes.post('/admin/users/:username/password-reset', SECURITY_ADMINS, async (req, res) => {
    const reset = await users.resetPassword(req.principal!, String(req.params.username));
    req.log?.info({ user: req.principal!.username, target: reset.username }, 'password reset');
    res.json(reset);
  });
}
