/**
 * `npm run audit:verify`: verifies the audit trail of the configured app database (the same
 * environment as `npm start`: APP_DB_URL, AUDIT_KEY, or the embedded default's data/): every row's
 * HMAC-SM3 and link, the gaps, the chain's head. Prints the report as JSON; exits 1 when the trail
 * does not verify, 2 when it could not be read.
 */
import { loadConfigOrExit } from '../server/config/load.ts';
import { openDatabase } from '../server/db/index.ts';
import { useAuditKey, verifyAuditTrail } from '../server/audit/index.ts';

const config = loadConfigOrExit();
try {
  const db = await openDatabase(config);
  useAuditKey(config.auditKey);
  const report = await verifyAuditTrail();
  await db.close();
  console.log(JSON.stringify(report, null, 2));
  console.error(
    report.ok
      ? `审计日志校验通过 / the audit trail verifies: ${report.rows} rows`
      : `审计日志校验失败 / the audit trail does not verify: ${report.problems.length} problem(s)`,
  );
  process.exit(report.ok ? 0 : 1);
} catch (err) {
  console.error('审计日志无法读取 / the audit trail could not be read:', err);
  process.exit(2);
}
