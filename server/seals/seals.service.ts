import type { AppContext } from '../context.ts';
import type { Principal } from '../auth/index.ts';
import { allDepartments } from '../organization/index.ts';
import { Seal, SealUse } from './seal.model.ts';
import { AppError, conflict, validationFailed, type FieldProblem } from '../errors/app-error.ts';
import { codedProblem } from './seal-problems.ts';
import { parseSealUsers, unknownSealUsers } from './seal-users.ts';
import { logSealAction, SEAL_ACTIONS } from './seal-audit.ts';
import { sealView, type SealView } from './seal-view.ts';
import { pageQuery } from '../validation/page-query.ts';
import { caseNosByIds } from '../cases/index.ts';

const REASON_MAX = 150;
const notFound = () => new AppError(404, 'seal_not_found');

/** Everything of the seal but its blobs and password; 404 for a malformed or unknown id. */
async function sealById(id: string, withImage = false): Promise<Seal> {
  const seal = /^\d{1,9}$/.test(id)
    ? await Seal.findByPk(Number(id), { attributes: { exclude: withImage ? ['certificateP12', 'p12Password'] : ['image', 'certificateP12', 'p12Password'] } })
    : null;
  if (!seal) throw notFound();
  return seal;
}

async function departmentNames(): Promise<Map<string, string>> {
  return new Map((await allDepartments()).map((d) => [d.code, d.nameZh]));
}

/** The seals, newest first, filtered by department and by whether they are active. */
export async function listSeals(query: Record<string, unknown>): Promise<{ seals: SealView[] }> {
  const problems: FieldProblem[] = [];
  const where: Record<string, unknown> = {};
  if (typeof query.departmentCode === 'string' && query.departmentCode) where.departmentCode = query.departmentCode;
  if (query.active !== undefined) {
    if (query.active === 'true' || query.active === 'false') where.active = query.active === 'true';
    else problems.push(codedProblem('query.active', 'not_boolean', 'active：须为 true 或 false', 'active: must be true or false'));
  }
  if (problems.length) throw validationFailed(problems);
  const seals = await Seal.findAll({ where, attributes: { exclude: ['image', 'certificateP12', 'p12Password'] }, order: [['id', 'DESC']] });
  const names = await departmentNames();
  return { seals: seals.map((s) => sealView(s, names.get(s.departmentCode) ?? null)) };
}

export async function getSeal(id: string): Promise<SealView> {
  const seal = await sealById(id);
  return sealView(seal, (await departmentNames()).get(seal.departmentCode) ?? null);
}

export async function sealImage(id: string): Promise<Buffer> {
  return Buffer.from((await sealById(id, true)).image);
}

/**
 * 停用: the seal signs nothing more (the seal worker takes the department's other active seal, or
 * raises an incident when there is none). Logged with the administrator and the reason given.
 */
export async function deactivateSeal(ctx: AppContext, principal: Principal, id: string, body: unknown): Promise<SealView> {
  const seal = await sealById(id);
  const raw = (body as { reason?: unknown } | undefined)?.reason;
  if (raw !== undefined && (typeof raw !== 'string' || raw.length > REASON_MAX)) {
    throw validationFailed([
      codedProblem('reason', 'too_long', `停用原因：须为不超过${REASON_MAX}字的文字`, `reason: text of at most ${REASON_MAX} characters`),
    ]);
  }
  const reason = typeof raw === 'string' ? raw.trim() : '';
  await ctx.sequelize.transaction(async (transaction) => {
    // compare-and-set: of two administrators deactivating at once, one is told it is inactive already
    const [changed] = await Seal.update({ active: false }, { where: { id: seal.id, active: true }, transaction });
    if (changed === 0) throw conflict('seal_inactive');
    await logSealAction(seal.id, reason ? `${SEAL_ACTIONS.disabled}：${reason}` : SEAL_ACTIONS.disabled, principal.username, transaction);
  });
  return getSeal(id);
}

/** 授权变更: who may use the seal from now on; the log says who was added and who removed. */
export async function changeSealUsers(ctx: AppContext, principal: Principal, id: string, body: unknown): Promise<SealView> {
  const seal = await sealById(id);
  const parsed = parseSealUsers((body as { users?: unknown } | undefined)?.users);
  const problems = parsed.problems.length ? parsed.problems : await unknownSealUsers(parsed.users);
  if (problems.length) throw validationFailed(problems);
  if (!seal.active) throw conflict('seal_inactive');
  const added = parsed.users.filter((u) => !seal.users.includes(u));
  const removed = seal.users.filter((u) => !parsed.users.includes(u));
  if (added.length || removed.length) {
    await ctx.sequelize.transaction(async (transaction) => {
      await seal.update({ users: parsed.users }, { transaction });
      const change = [added.length ? `增加 ${added.join('、')}` : '', removed.length ? `取消 ${removed.join('、')}` : ''].filter(Boolean).join('；');
      await logSealAction(seal.id, `${SEAL_ACTIONS.usersChanged}：${change}`, principal.username, transaction);
    });
  }
  return getSeal(id);
}

export interface SealUseView {
  id: number;
  at: string;
  purpose: string;
  usedBy: string;
  caseNo: string | null;
  documentId: number | null;
}

/** The seal's use log, newest first: documents sealed and management actions alike. */
export async function sealUses(id: string, query: Record<string, unknown>): Promise<{ total: number; limit: number; offset: number; uses: SealUseView[] }> {
  const seal = await sealById(id);
  const { limit, offset } = pageQuery(query);
  const { count, rows } = await SealUse.findAndCountAll({
    where: { sealId: seal.id },
    order: [
      ['createdAt', 'DESC'],
      ['id', 'DESC'],
    ],
    limit,
    offset,
  });
  const caseIds = [...new Set(rows.flatMap((u) => (u.caseId ? [u.caseId] : [])))];
  const cases = caseIds.length ? await caseNosByIds(caseIds) : new Map<number, string>();
  return {
    total: count,
    limit,
    offset,
    uses: rows.map((u) => ({
      id: u.id,
      at: u.createdAt.toISOString(),
      purpose: u.purpose,
      usedBy: u.usedBy,
      caseNo: u.caseId ? (cases.get(u.caseId) ?? null) : null,
      documentId: u.documentId,
    })),
  };
}
