/**
 * `npm run seals:reseal`: seals every seal's certificate password still in the form before SM4
 * (AES-256-GCM) again with SM4-CBC + HMAC-SM3 under SEAL_KEY (server/seals/seal-secrets.ts). The
 * server does the same at each start; this is for doing it at a chosen moment (or checking that
 * nothing is left). The same environment as `npm start` (APP_DB_URL, SEAL_KEY, or the embedded
 * default's data/). Exits 2 when a password does not open under SEAL_KEY (those seals are named).
 */
import { loadConfigOrExit } from '../server/config/load.ts';
import { openDatabase } from '../server/db/index.ts';
import { resealSealSecrets } from '../server/seals/reseal-secrets.ts';

const config = loadConfigOrExit();
try {
  const db = await openDatabase(config);
  const outcome = await resealSealSecrets(config.sealKey);
  await db.close();
  console.log(JSON.stringify(outcome, null, 2));
  console.error(`印章证书密码已用 SM4 重新加密 / seal certificate passwords sealed with SM4: ${outcome.resealed.length}`);
  if (outcome.failed.length) {
    console.error(`无法用 SEAL_KEY 解开的印章（请替换）/ seals whose password does not open under SEAL_KEY (replace them): ${outcome.failed.join(', ')}`);
    process.exit(2);
  }
} catch (err) {
  console.error('印章证书密码重新加密失败 / re-sealing the seal passwords failed:', err);
  process.exit(2);
}
