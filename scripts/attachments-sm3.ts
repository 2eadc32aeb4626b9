/**
 * `npm run attachments:sm3`: gives the attachments stored before SM3 was recorded (migration 0048)
 * their SM3, from their files, where the file still matches its SHA-256 (server/attachments/
 * backfill-sm3.ts). Until then those files are checked by their SHA-256. The same environment as
 * `npm start` (APP_DB_URL, DATA_DIR). Run once after the upgrade; safe to run again or on several
 * machines at once. Exits 2 when a file is missing or altered (listed): the platform reports them
 * too, at the acceptance of a case that uses them.
 */
import { loadConfigOrExit } from '../server/config/load.ts';
import { openDatabase } from '../server/db/index.ts';
import { backfillAttachmentSm3 } from '../server/attachments/backfill-sm3.ts';
import { storageOf } from '../server/storage/index.ts';

const config = loadConfigOrExit();
try {
  const db = await openDatabase(config);
  const outcome = await backfillAttachmentSm3(storageOf(config));
  await db.close();
  console.log(JSON.stringify(outcome, null, 2));
  console.error(`已补算 SM3 的附件 / attachments given their SM3: ${outcome.filled}`);
  if (outcome.refused.length) {
    console.error(`文件缺失或已被改动、未补算的附件 / attachments missing or altered, left without SM3: ${outcome.refused.length}`);
    process.exit(2);
  }
} catch (err) {
  console.error('补算附件 SM3 失败 / filling the attachments’ SM3 failed:', err);
  process.exit(2);
}
