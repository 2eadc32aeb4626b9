import express, { type RequestHandler } from 'express';
import multer, { MulterError } from 'multer';
import { Op, type Sequelize, type WhereOptions } from 'sequelize';
import type { RouteTable } from '../http/route-table.ts';
import { SECURITY_ADMINS } from '../http/access.ts';
import { pageQuery } from '../validation/page-query.ts';
import { AppError, badRequest, malformedUpload, validationFailed, type FieldProblem } from '../errors/app-error.ts';
import { ERROR_MESSAGES } from '../errors/messages.ts';
import { negotiateLocale } from '../i18n/locale.ts';
import { regionsWithin } from '../organization/index.ts';
import { inLocale } from '../../contract/problems.ts';
import { maskPersonal } from '../../contract/catalog/personal.ts';
import { REGION_CODE_PATTERN } from '../../contract/regions.ts';
import { STAFF_IMPORT_MAX_BYTES } from '../../contract/requests/staff-import.ts';
import { User } from './user.model.ts';
import { LoginFailure } from './login-failure.model.ts';
import type { SecondFactors } from './second-factor.service.ts';
import type { UserAdministration } from './user-admin.ts';
import { HoldsOpenTasks, type OpenTasks } from './open-tasks.ts';
import { checkStaffRows, importStaff, passwordFile, readStaffFile } from './staff-import.ts';

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
  const region = query.region;
  if (region !== undefined && (typeof region !== 'string' || !new RegExp(REGION_CODE_PATTERN).test(region))) {
    problems.push({ field: 'query.region', message: { 'zh-CN': 'region：须为区划代码', en: 'region: a region code' } });
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
  // 四级: the people of the region and of every region under it
  if (typeof region === 'string') where.push({ regionCode: { [Op.in]: (await regionsWithin(region)).map((r) => r.code) } });
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
        // 统一身份认证: the ID number a staff account is bound to, masked; null: not bound (or no staff account)
        identity: user.accountKind === 'person' && !user.roles.includes('applicant') && user.idNo ? { idNo: maskPersonal('id-number', user.idNo) } : null,
      };
    }),
  );
  return { total: count, limit, offset, accounts };
}

/** What the routes of accounts use beside the page's list: the tasks people hold, the database (the import). */
export interface AccountRoutesUse {
  openTasks: OpenTasks;
  sequelize: Sequelize;
}

/** A staff file as multipart (the field `file`) or as the body itself (text/csv), at most STAFF_IMPORT_MAX_BYTES. */
function staffFile(): RequestHandler[] {
  const parse = multer({ storage: multer.memoryStorage(), limits: { fileSize: STAFF_IMPORT_MAX_BYTES, files: 1, fields: 0, parts: 1 } }).single('file');
  const multipart: RequestHandler = (req, res, next) => {
    if (!req.is('multipart/form-data')) return next();
    parse(req, res, (err?: unknown) => next(err && !(err instanceof MulterError) ? malformedUpload('file') : err));
  };
  const text: RequestHandler = express.raw({ type: ['text/csv', 'text/plain', 'application/csv'], limit: STAFF_IMPORT_MAX_BYTES });
  return [multipart, text];
}

function fileOf(req: express.Request): Buffer {
  const bytes = req.file?.buffer ?? (Buffer.isBuffer(req.body) ? req.body : undefined);
  if (!bytes || bytes.length === 0) {
    throw badRequest('file_missing', { 'zh-CN': '没有收到导入文件（CSV）', en: 'No file (CSV) received' });
  }
  return bytes;
}

export function accountSecurityRoutes(
  routes: RouteTable,
  secondFactors: SecondFactors,
  users: UserAdministration,
  now: () => number,
  use: AccountRoutesUse,
): void {
  routes.get('/admin/accounts', SECURITY_ADMINS, async (req, res) => {
    res.json(await accountSecurity(secondFactors, req.query as Record<string, unknown>, now()));
  });
  routes.post('/admin/users', SECURITY_ADMINS, async (req, res) => {
    const created = await users.create(req.principal!, req.body);
    req.log?.info({ user: req.principal!.username, target: created.username }, 'account created');
    res.status(201).json(created);
  });
  routes.patch('/admin/users/:username', SECURITY_ADMINS, async (req, res) => {
    try {
      const changed = await users.update(req.principal!, String(req.params.username), req.body);
      req.log?.info({ user: req.principal!.username, target: changed.username }, 'account changed');
      res.json(changed);
    } catch (err) {
      if (!(err instanceof HoldsOpenTasks)) throw err;
      // the tasks to hand over, with who may take each, beside the error's code and words
      const locale = negotiateLocale(req.headers['accept-language']);
      res.status(409).json({ error: { code: err.code, message: ERROR_MESSAGES[err.code][locale], tasks: err.tasks } });
    }
  });
  /** 移交待办: the tasks the person has claimed, each with the colleagues who may take it over. */
  routes.get('/admin/users/:username/open-tasks', SECURITY_ADMINS, async (req, res) => {
    const user = await User.findOne({ where: { username: String(req.params.username) } });
    if (!user) throw new AppError(404, 'user_not_found');
    res.json({ username: user.username, tasks: await use.openTasks.heldBy(user) });
  });
  /**
   * 批量导入人员: ?dryRun=true answers every row with its problems and writes nothing; otherwise every
   * row must be good, the accounts are made in one transaction and the answer is the file of their
   * temporary passwords (text/csv, once: never logged, never kept in clear).
   */
  routes.post('/admin/users/import', SECURITY_ADMINS, ...staffFile(), async (req, res) => {
    const dryRun = req.query.dryRun;
    if (dryRun !== undefined && dryRun !== 'true' && dryRun !== 'false') {
      throw validationFailed([{ field: 'query.dryRun', message: { 'zh-CN': 'dryRun：须为 true 或 false', en: 'dryRun: true or false' } }]);
    }
    const bytes = fileOf(req);
    if (dryRun === 'true') {
      const locale = negotiateLocale(req.headers['accept-language']);
      const rows = await checkStaffRows(readStaffFile(bytes));
      const bad = rows.filter((r) => r.problems.length).length;
      res.json({
        total: rows.length,
        valid: rows.length - bad,
        invalid: bad,
        rows: rows.map((r) => ({ row: r.row, ...r.account, problems: r.problems.map((p) => inLocale(p, locale)) })),
      });
      return;
    }
    const created = await importStaff(use.sequelize, req.principal!.username, bytes);
    req.log?.info({ user: req.principal!.username, accounts: created.length }, 'staff imported');
    res
      .status(201)
      .set('Content-Type', 'text/csv; charset=utf-8')
      .set('Content-Disposition', `attachment; filename="temporary-passwords.csv"`)
      .set('Cache-Control', 'no-store')
      .set('X-Imported-Accounts', String(created.length))
      .send(passwordFile(created));
  });
  routes.post('/admin/users/:username/password-reset', SECURITY_ADMINS, async (req, res) => {
    const reset = await users.resetPassword(req.principal!, String(req.params.username));
    req.log?.info({ user: req.principal!.username, target: reset.username }, 'password reset');
    res.json(reset);
  });
}
