import { Op } from 'sequelize';
import { Deputy } from './deputy.model.ts';
import { deputyRules } from '../../contract/requests/deputies.ts';
import { validationFailed, type FieldProblem, fieldProblem } from '../errors/app-error.ts';
import { type Account, accountById, accountByUsername, accountsByIds, groupsOf, type Principal } from '../auth/index.ts';

export { deputySchema } from '../../contract/requests/deputies.ts';

/**
 * Out-of-office: the caller names a deputy of the same department role for a period (at most 90
 * days). While it lasts the deputy sees the caller's assigned tasks and may take them over.
 */
export async function setDeputy(principal: Principal, body: { deputy: string; startsAt: string; endsAt: string; reason: string }) {
  const deputy = await accountByUsername(body.deputy, { active: true });
  const problems: FieldProblem[] = [];
  if (!deputy) problems.push(fieldProblem('deputy', `代理人“${body.deputy}”不存在`, `no user "${body.deputy}"`));
  else if (deputy.id === principal.id) problems.push(fieldProblem('deputy', '不能指定自己为代理人', 'you cannot be your own deputy'));
  else if (!groupsOf(deputy).some((g) => groupsOf(principal).includes(g)) || deputy.regionCode !== principal.regionCode)
    problems.push(fieldProblem('deputy', `“${deputy.displayName}”与您不在同一部门岗位`, `${deputy.username} does not hold your role`));
  problems.push(...deputyRules(body));
  if (problems.length) throw validationFailed(problems);
  const startsAt = new Date(body.startsAt);
  const endsAt = new Date(body.endsAt);
  await Deputy.destroy({ where: { userId: principal.id } });
  await Deputy.create({ userId: principal.id, deputyUserId: deputy!.id, startsAt, endsAt, reason: body.reason.trim() });
  return deputyOf(principal);
}

export async function clearDeputy(principal: Principal) {
  await Deputy.destroy({ where: { userId: principal.id } });
  return deputyOf(principal);
}

/** The caller's own out-of-office setting, and whom they stand in for now. */
export async function deputyOf(principal: Principal) {
  const own = await Deputy.findOne({ where: { userId: principal.id } });
  const deputy = own ? await accountById(own.deputyUserId) : null;
  const absent = await absentFor(principal);
  return {
    deputy:
      own && deputy
        ? {
            username: deputy.username,
            displayName: deputy.displayName,
            startsAt: own.startsAt.toISOString(),
            endsAt: own.endsAt.toISOString(),
            reason: own.reason,
            active: own.activeAt(),
          }
        : null,
    standingInFor: absent.map((u) => ({ username: u.username, displayName: u.displayName })),
  };
}

/** The people the caller stands in for right now. */
export async function absentFor(principal: Pick<Principal, 'id'>): Promise<Account[]> {
  const now = new Date();
  const rows = await Deputy.findAll({ where: { deputyUserId: principal.id, startsAt: { [Op.lte]: now }, endsAt: { [Op.gt]: now } } });
  return rows.length
    ? accountsByIds(
        rows.map((r) => r.userId),
        { active: true },
      )
    : [];
}
