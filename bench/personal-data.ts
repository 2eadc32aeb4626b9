/**
 * `npm run bench -- personal-data`: what sealing personal data at rest (server/privacy: SM4-CBC +
 * HMAC-SM3) costs, on the embedded default (SQLite in a temporary folder; APP_DB_URL=mysql://… for
 * MySQL/MariaDB, an empty database). No engine is needed. Side by side in one run, alternating:
 *   - reading a page of 50 cases as the inbox and the case view do (ID number, phone, form opened)
 *     when the rows are sealed, against the same rows left in clear (as before sealing: the columns
 *     read as they are);
 *   - writing a case through the model, and the share of it that sealing (ID number, phone, form,
 *     the lookup hash) takes;
 *   - finding an applicant's earlier cases by the keyed hash (prefill), against the old clear column.
 * Prints one JSON line per measure with the ratio sealed ÷ clear.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Op, QueryTypes } from 'sequelize';
import { loadConfig } from '../server/config/load.ts';
import { openDatabase } from '../server/db/index.ts';
import { Case } from '../server/cases/case.model.ts';
import { lookupHash, seal } from '../server/privacy/sealing.ts';
import { User } from '../server/auth/user.model.ts';
import { seedDemoAccounts } from '../server/auth/demo-accounts.ts';
import { syncDepartments } from '../server/organization/departments.ts';
import { percentile, round } from './stats.ts';

const ROWS = Number(process.env.BENCH_PERSONAL_ROWS ?? 2000);
const ROUNDS = Number(process.env.BENCH_PERSONAL_ROUNDS ?? 300);
const emit = (line: Record<string, unknown>) => console.log(JSON.stringify(line));

const dataDir = mkdtempSync(join(tmpdir(), 'bench-personal-'));
const config = loadConfig({ DATA_DIR: dataDir, LOG_LEVEL: 'warn', ...(process.env.APP_DB_URL ? { APP_DB_URL: process.env.APP_DB_URL } : {}) });
const db = await openDatabase(config);
await syncDepartments();
await seedDemoAccounts();
const submittedBy = (await User.findOne({ where: { username: 'applicant' } }))!.id;
const form = {
  businessName: '张三小吃店',
  operatorName: '张三',
  operatorIdNo: '430102199003071234',
  operatorPhone: '13800138000',
  organizationForm: 'individual',
  businessScope: '小吃服务；预包装食品销售',
  premisesAddress: '长沙市芙蓉区五一大道100号',
  employees: 3,
};
const row = (i: number, kind: string) => ({
  caseNo: `${kind}-${String(i).padStart(8, '0')}`,
  itemCode: 'SCJG-GT-001',
  itemVersion: 1,
  departmentCode: 'samr',
  channel: 'web' as const,
  status: 'submitted' as const,
  applicantName: '张三',
  applicantIdType: 'resident_id',
  applicantIdNo: `43010219900307${String(1000 + (i % 9000)).slice(-4)}`,
  applicantPhone: '13800138000',
  form,
  agent: null,
  processInstanceId: null,
  submittedBy,
  idempotencyKey: null,
  finishedAt: null,
});

// the sealed rows through the model; the clear ones as they were written before sealing began
await Case.bulkCreate(Array.from({ length: ROWS }, (_, i) => row(i, 'S')));
const clear = Array.from({ length: ROWS }, (_, i) => row(i, 'C'));
for (let i = 0; i < clear.length; i += 200) {
  await db.sequelize.getQueryInterface().bulkInsert(
    'cases',
    clear.slice(i, i + 200).map((r) => ({
      case_no: r.caseNo,
      kind: 'item',
      item_code: r.itemCode,
      item_version: 1,
      department_code: r.departmentCode,
      channel: r.channel,
      status: r.status,
      applicant_name: r.applicantName,
      applicant_id_type: r.applicantIdType,
      applicant_id_no: r.applicantIdNo,
      applicant_phone: r.applicantPhone,
      form: JSON.stringify(r.form),
      submitted_by: submittedBy,
      suspended_working_days: 0,
      created_at: new Date(),
      updated_at: new Date(),
    })),
  );
}

async function readPage(prefix: string): Promise<number> {
  const offset = Math.floor(Math.random() * (ROWS - 50));
  const start = performance.now();
  const rows = await Case.findAll({ where: { caseNo: { [Op.like]: `${prefix}-%` } }, order: [['id', 'ASC']], limit: 50, offset });
  let length = 0;
  for (const c of rows) length += c.applicantIdNo.length + c.applicantPhone.length + Object.keys(c.form).length;
  if (!length) throw new Error('nothing read');
  return performance.now() - start;
}

let written = 0;
/** A case written through the model: its ID number, phone and form sealed, the hash computed. */
async function write(): Promise<number> {
  const r = row(ROWS + written++, 'W');
  const start = performance.now();
  await Case.create(r);
  return performance.now() - start;
}

/** What sealing adds to that write: the three seals and the hash alone. */
function sealOnly(): number {
  const r = row(written, 'W');
  const start = performance.now();
  seal(r.applicantIdNo);
  seal(r.applicantPhone);
  seal(JSON.stringify(r.form));
  lookupHash(r.applicantIdNo);
  return performance.now() - start;
}

async function find(sealed: boolean): Promise<number> {
  const idNo = row(Math.floor(Math.random() * ROWS), 'X').applicantIdNo;
  const start = performance.now();
  if (sealed) {
    const rows = await Case.findAll({ where: { applicantIdNoHash: lookupHash(idNo) }, limit: 50 });
    for (const c of rows) void c.form;
  } else {
    const rows = await db.sequelize.query<{ form: string }>('SELECT * FROM cases WHERE applicant_id_no = ? LIMIT 50', {
      replacements: [idNo],
      type: QueryTypes.SELECT,
    });
    for (const c of rows) JSON.parse(c.form);
  }
  return performance.now() - start;
}

async function sideBySide(name: string, sealedRun: () => Promise<number>, clearRun: () => Promise<number>) {
  const sealed: number[] = [];
  const plain: number[] = [];
  for (let i = 0; i < 20; i++) await Promise.all([sealedRun(), clearRun()].map((p) => p.catch(() => 0)));
  for (let i = 0; i < ROUNDS; i++) {
    // alternate which goes first, so neither always meets a warm cache
    if (i % 2) {
      sealed.push(await sealedRun());
      plain.push(await clearRun());
    } else {
      plain.push(await clearRun());
      sealed.push(await sealedRun());
    }
  }
  const p = (values: number[], q: number) => round(percentile(values, q), 3);
  emit({
    bench: `personal-data.${name}`,
    rounds: ROUNDS,
    sealedMs: { p50: p(sealed, 50), p95: p(sealed, 95) },
    clearMs: { p50: p(plain, 50), p95: p(plain, 95) },
    ratioP50: round(percentile(sealed, 50) / percentile(plain, 50), 2),
    extraP95Ms: round(percentile(sealed, 95) - percentile(plain, 95), 3),
  });
}

try {
  await sideBySide(
    'read-50-cases',
    () => readPage('S'),
    () => readPage('C'),
  );
  // the write: the seals' share of a case's insert, measured side by side
  const writes: number[] = [];
  const seals: number[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    writes.push(await write());
    seals.push(sealOnly());
  }
  emit({
    bench: 'personal-data.write-case',
    rounds: ROUNDS,
    writeMs: { p50: round(percentile(writes, 50), 3), p95: round(percentile(writes, 95), 3) },
    sealsMs: { p50: round(percentile(seals, 50), 3), p95: round(percentile(seals, 95), 3) },
    shareP50: round(percentile(seals, 50) / percentile(writes, 50), 3),
  });
  await sideBySide(
    'find-by-id-number',
    () => find(true),
    () => find(false),
  );
} finally {
  await db.close();
  rmSync(dataDir, { recursive: true, force: true });
}
