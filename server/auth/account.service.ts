import { Op, type Sequelize } from 'sequelize';
import { AppError } from '../errors/app-error.ts';
import type { User } from './user.model.ts';
import { PasswordHistory } from './password-history.model.ts';
import { hashPassword, verifyPassword } from './passwords.ts';
import { PASSWORD_HISTORY, passwordProblems, reusedPasswordProblem } from './password-policy.ts';
import type { TokenService } from './tokens.ts';

/** Whether the password is one of the user's last five: the current one and the four before it. */
async function isRecentPassword(user: User, password: string): Promise<boolean> {
  const earlier = await PasswordHistory.findAll({
    where: { userId: user.id },
    order: [
      ['replacedAt', 'DESC'],
      ['id', 'DESC'],
    ],
    limit: PASSWORD_HISTORY - 1,
  });
  for (const hash of [user.passwordHash, ...earlier.map((e) => e.passwordHash)]) {
    if (await verifyPassword(hash, password)) return true;
  }
  return false;
}

/**
 * Sets a new password under the policy (server/auth/password-policy.ts): a 422 naming every rule
 * broken, nothing changed. The old hash joins the history (the four latest are kept), the age
 * starts again, and every other session of the user ends (a password change also locks out whoever
 * else had signed in with the old one); `keepSession` is the one that made the change, if any.
 */
export async function changePassword(sequelize: Sequelize, tokens: TokenService, user: User, newPassword: string, keepSession?: string): Promise<void> {
  const problems = passwordProblems(newPassword, user.username);
  if (await isRecentPassword(user, newPassword)) problems.push(reusedPasswordProblem());
  if (problems.length) throw new AppError(422, 'password_policy', problems);
  const passwordHash = await hashPassword(newPassword);
  const now = new Date(tokens.now());
  await sequelize.transaction(async (transaction) => {
    await PasswordHistory.create({ userId: user.id, passwordHash: user.passwordHash, replacedAt: now }, { transaction });
    const keep = await PasswordHistory.findAll({
      attributes: ['id'],
      where: { userId: user.id },
      order: [
        ['replacedAt', 'DESC'],
        ['id', 'DESC'],
      ],
      limit: PASSWORD_HISTORY - 1,
      transaction,
    });
    await PasswordHistory.destroy({ where: { userId: user.id, id: { [Op.notIn]: keep.map((k) => k.id) } }, transaction });
    await user.update({ passwordHash, passwordChangedAt: now, passwordMustChange: false }, { transaction });
  });
  await tokens.endSessionsOf(user.id, 'password_changed', keepSession);
}
