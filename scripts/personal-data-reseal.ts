/**
 * `npm run personal-data:reseal`: after a key rotation (a new key put first in PERSONAL_DATA_KEYS,
 * the old one kept behind it), seals every personal value still under an older key, or in clear,
 * under the current one and fills missing lookup hashes; then the old key may leave the ring. The
 * same environment as `npm start` (APP_DB_URL, PERSONAL_DATA_KEYS, or the embedded default's data/).
 * The server runs the same pass at each start; this is for doing it at a chosen moment.
 */
import { loadConfigOrExit } from '../server/config/load.ts';
import { openDatabase } from '../server/db/index.ts';
import { resealPersonalData } from '../server/privacy/reseal.ts';

const config = loadConfigOrExit();
try {
  const db = await openDatabase(config);
  const counts = await resealPersonalData(db.sequelize);
  await db.close();
  const total = Object.values(counts).reduce((a, b) => a + b, 0);
  console.log(JSON.stringify({ key: config.personalData.keys[0]!.id, resealed: counts }, null, 2));
  console.error(`个人信息已用当前密钥重新加密 / personal data sealed under the current key: ${total} row(s)`);
} catch (err) {
  console.error('个人信息重新加密失败 / re-sealing personal data failed:', err);
  process.exit(2);
}
