import type { AppContext } from '../context.ts';
import { recordAudit } from '../audit/index.ts';
import { AppError, conflict } from '../errors/app-error.ts';
import { SECURITY_ADMINS } from '../http/access.ts';
import type { RouteTable } from '../http/route-table.ts';
import { lookupHash } from '../privacy/sealing.ts';
import { assertValid } from '../validation/ajv.ts';
import { maskPersonal } from '../../contract/catalog/personal.ts';
import { identityBindingSchema } from '../../contract/requests/accounts.ts';
import { IdentityLink } from './identity.model.ts';
import { User } from './user.model.ts';

/**
 * 统一身份认证 for staff (the security administrator's, 三员分立): a staff account signs in through
 * the provider only once it is bound to the person's ID number here; the provider's natural person
 * with that number is then linked to it at their first unified sign-in. Unbinding removes the
 * number and every link, and ends the person's sessions. Both are audited (the number masked).
 */
export function identityAdminRoutes(routes: RouteTable, ctx: AppContext): void {
  const staffAccount = async (username: string) => {
    const user = await User.findOne({ where: { username } });
    if (!user) throw new AppError(404, 'user_not_found');
    if (user.roles.includes('applicant') || user.accountKind !== 'person') throw conflict('identity_not_staff');
    return user;
  };

  routes.put('/admin/users/:username/identity', SECURITY_ADMINS, async (req, res) => {
    assertValid<{ idNo: string }>(identityBindingSchema, req.body);
    const idNo = (req.body as { idNo: string }).idNo;
    const user = await staffAccount(String(req.params.username));
    const holder = await User.findOne({ attributes: ['id'], where: { idNoHash: lookupHash(idNo), accountKind: 'person' } });
    if (holder && holder.id !== user.id) throw conflict('identity_taken');
    await ctx.sequelize.transaction(async (transaction) => {
      await user.update({ idNo }, { transaction });
      await recordAudit(
        {
          actor: req.principal!.username,
          action: 'account.identity_bound',
          target: `user:${user.username}`,
          detail: { idNo: maskPersonal('id-number', idNo) },
        },
        transaction,
      );
    });
    res.json({ username: user.username, idNo: maskPersonal('id-number', idNo) });
  });

  routes.delete('/admin/users/:username/identity', SECURITY_ADMINS, async (req, res) => {
    const user = await staffAccount(String(req.params.username));
    let links = 0;
    await ctx.sequelize.transaction(async (transaction) => {
      links = await IdentityLink.destroy({ where: { userId: user.id }, transaction });
      await user.update({ idNo: null }, { transaction });
      await recordAudit(
        { actor: req.principal!.username, action: 'account.identity_unbound', target: `user:${user.username}`, detail: { linksRemoved: links } },
        transaction,
      );
    });
    await ctx.tokens.endSessionsOf(user.id, 'account_changed');
    res.json({ username: user.username, linksRemoved: links });
  });
}
