/**
 * `npm run admin:create -- <username> <name> [role] [department]`: the first administrator of an
 * installation (production seeds no account), by default a security administrator (安全管理员) of
 * the department "data", who then creates the other accounts on 账号安全. Same environment as
 * `npm start` (APP_DB_URL and the keys, or the embedded default's data/). Prints the temporary
 * password once: it must be changed at the first sign-in, and the second factor is set up then.
 * Recorded in the audit trail as done by "cli". Refuses what the page refuses (三员分立, a taken name).
 */
import { loadConfigOrExit } from '../server/config/load.ts';
import { openDatabase } from '../server/db/index.ts';
import { useAuditKey } from '../server/audit/index.ts';
import { syncDepartments } from '../server/organization/index.ts';
import { UserAdministration } from '../server/auth/user-admin.ts';
import { AppError } from '../server/errors/app-error.ts';

const [username, displayName, role = 'security_admin', departmentCode = 'data'] = process.argv.slice(2);
if (!username || !displayName) {
  console.error('用法 / usage: npm run admin:create -- <username> <name> [role: security_admin | admin | auditor …] [department code]');
  process.exit(2);
}
const config = loadConfigOrExit();
const db = await openDatabase(config);
useAuditKey(config.auditKey);
await syncDepartments();
try {
  const created = await new UserAdministration(db.sequelize).create('cli', { username, displayName, roles: [role], departmentCode });
  console.log(JSON.stringify({ username: created.username, role, departmentCode }));
  console.log(`临时密码 / temporary password (shown once, changed at the first sign-in): ${created.temporaryPassword}`);
} catch (err) {
  if (!(err instanceof AppError)) throw err;
  console.error(`未创建 / not created: ${[err.code, ...err.details.map((d) => d.message['zh-CN'])].join('；')}`);
  process.exitCode = 1;
} finally {
  await db.close();
}
