import { expect } from 'chai';
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Response } from 'superagent';
import { createConnection } from 'mysql2/promise';
import { api, applicant, auth, completeMaterials, decide, getCase, ITEM, submit, validForm, waitForStatus, waitForTask } from '../support/api.ts';
import { approvedCase } from '../support/delivery.ts';
import { eventually } from '../support/eventually.ts';
import { REPO_ROOT } from '../../scripts/lib/engine.ts';
import { verifyAuditTrail } from '../../server/audit/index.ts';
import { createSequelize } from '../../server/db/sequelize.ts';
import { recentBackupRuns } from '../../server/storage/index.ts';
import { newStorageBucket, startTestEnvironment, stopTestEnvironment, testEnv } from '../support/environment.ts';

/**
 * 备份与恢复: cases with materials and sealed documents, `npm run backup` of the stopped platform,
 * `npm run restore` into a fresh installation (new data folder and databases, the keys brought
 * apart from the backup), the platform started on it: every case, file, document and signature as
 * before, and the engine's state too (a case waiting for review goes on to its decision).
 * Runs alone (it stops and starts the platform): `npx mocha test/backup/backup-restore.test.ts`,
 * on the embedded profile or with TEST_PROFILE=mariadb, the files in the data folder or (TEST_STORAGE=s3)
 * in the sandbox S3-compatible store.
 */
const binary = (res: Response, cb: (err: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => cb(null, Buffer.concat(chunks)));
};

async function bytes(user: string, url: string): Promise<Buffer> {
  const res = await api()
    .get(url)
    .set(await auth(user))
    .buffer(true)
    .parse(binary as never);
  expect(res.status, url).to.equal(200);
  return res.body as Buffer;
}

interface Snapshot {
  status: string;
  timeline: string[];
  files: Record<string, Buffer>;
  documents: { id: number; title: string; pdf: Buffer; verification: { rsa: string; sm2: string; sha256Matches: boolean } }[];
}

async function snapshot(caseNo: string): Promise<Snapshot> {
  const view = (await getCase('applicant', caseNo)).body;
  const files: Record<string, Buffer> = {};
  for (const m of view.materials as { attachmentId?: string }[])
    if (m.attachmentId) files[m.attachmentId] = await bytes('applicant', `/api/v1/cases/${caseNo}/files/${m.attachmentId}`);
  const delivery = await api()
    .get(`/api/v1/cases/${caseNo}/delivery`)
    .set(await auth('applicant'));
  const documents: Snapshot['documents'] = [];
  for (const d of (delivery.body.documents ?? []) as { id: number; title: string; url: string }[]) {
    const checked = await api()
      .post(`/api/v1/cases/${caseNo}/documents/${d.id}/verification`)
      .set(await auth('applicant'));
    expect(checked.status, JSON.stringify(checked.body)).to.equal(200);
    documents.push({
      id: d.id,
      title: d.title,
      pdf: await bytes('applicant', d.url),
      verification: { rsa: checked.body.rsa.status, sm2: checked.body.sm2.status, sha256Matches: checked.body.sha256Matches },
    });
  }
  return { status: view.status, timeline: (view.timeline as { type: string; at: string }[]).map((t) => `${t.type} ${t.at}`), files, documents };
}

/** The command as an operator runs it, in a process of its own (not blocking this one: the sandbox S3 store answers from here). */
function npmRun(script: 'backup' | 'restore', args: string[], env: Record<string, string>): Promise<{ status: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn('npx', ['tsx', join(REPO_ROOT, 'scripts', `${script}.ts`), ...args], {
      cwd: REPO_ROOT,
      env: { PATH: process.env.PATH!, HOME: process.env.HOME ?? '/tmp', ENGINE_FLAVOUR: process.env.ENGINE_FLAVOUR ?? 'camunda', ...env },
    });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    const timer = setTimeout(() => child.kill(), 300_000);
    child.on('error', reject);
    child.on('close', (status) => {
      clearTimeout(timer);
      resolve({ status, output });
    });
  });
}

describe('备份与恢复: npm run backup, npm run restore into a fresh installation, every case, document and signature intact', function () {
  this.timeout(900_000);
  const work = mkdtempSync(join(tmpdir(), 'approval-backup-test-'));
  const backupDir = join(work, 'backup');
  const before: Record<string, Snapshot> = {};
  let waiting: string;
  let oldDataDir: string;
  let keys: Record<string, string>;
  const mariadb = (process.env.TEST_PROFILE ?? 'embedded') === 'mariadb';

  const refusedDirs: string[] = [];
  // the restored installation's folder is the running platform's: its stop removes it
  after(() => {
    for (const dir of [work, oldDataDir, ...refusedDirs]) if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('takes a backup (MariaDB: of the running platform; embedded: refused until it is stopped): both databases and every stored file, checksummed, no key in it', async () => {
    const approved = await approvedCase();
    await waitForStatus('applicant', approved, 'delivered');
    const res = await submit('applicant', { itemCode: ITEM, applicant: applicant(), form: validForm(), materials: await completeMaterials('applicant') });
    expect(res.status, JSON.stringify(res.body)).to.equal(201);
    waiting = res.body.caseNo;
    await waitForTask('reviewer', waiting, 'review');
    for (const caseNo of [approved, waiting]) before[caseNo] = await snapshot(caseNo);
    expect(before[approved]!.documents.length, 'the approved case has its sealed documents').to.be.greaterThan(0);
    for (const d of before[approved]!.documents) expect(d.verification).to.include({ rsa: 'valid', sha256Matches: true });
    expect(Object.keys(before[waiting]!.files).length, 'the waiting case has its materials').to.be.greaterThan(1);
    expect(before[waiting]!.timeline.length).to.be.greaterThan(0);

    const env = testEnv();
    keys = { ...env.childEnv };
    oldDataDir = env.config.dataDir;
    if (!mariadb) {
      // embedded: refused while the platform runs (the engine holds its H2 file)
      const running = await npmRun('backup', [join(work, 'refused')], keys);
      expect(running.status, running.output).to.equal(2);
      expect(running.output).to.contain('stop the platform');
    }
    // MariaDB: taken while the platform runs (one snapshot of both databases); embedded: once it is stopped
    if (!mariadb) await stopTestEnvironment({ keepData: true });
    const started = Date.now();
    const backup = await npmRun('backup', [backupDir], keys);
    expect(backup.status, backup.output).to.equal(0);
    console.log(`      backup took ${Date.now() - started} ms`);
    if (mariadb) await stopTestEnvironment({ keepData: true });
    const manifest = JSON.parse(readFileSync(join(backupDir, 'manifest.json'), 'utf8'));
    expect(manifest.profile).to.equal(mariadb ? 'mariadb' : 'embedded');
    expect(manifest.keys.included).to.equal(false);
    const stored = manifest.files.filter((f: { path: string }) => f.path.startsWith('files/'));
    for (const snap of Object.values(before))
      for (const pdf of snap.documents.map((d) => d.pdf))
        expect(
          stored.some((f: { size: number }) => f.size === pdf.length),
          'each document is in the backup',
        ).to.equal(true);
    for (const f of manifest.files) expect(f.sm3).to.match(/^[0-9a-f]{64}$/);
    // each run recorded in the app database for 运维监控 › 系统状态: this one, and (embedded) the refusal before it
    const appDb = createSequelize(env.config.appDbUrl);
    try {
      const { runs, lastSucceeded } = await recentBackupRuns(appDb);
      expect(lastSucceeded).to.include({ location: backupDir, outcome: 'succeeded', profile: manifest.profile, files: manifest.files.length });
      expect(lastSucceeded!.totalBytes).to.equal(manifest.files.reduce((sum: number, f: { size: number }) => sum + f.size, 0));
      expect(lastSucceeded!.storedObjects).to.equal(manifest.storage.objects);
      if (!mariadb) expect(runs[1]).to.include({ location: join(work, 'refused'), outcome: 'failed' });
      if (!mariadb) expect(runs[1]!.error).to.contain('stop the platform');
    } finally {
      await appDb.close();
    }
    // no key of the installation is anywhere in the backup
    const everything = Buffer.concat(manifest.files.map((f: { path: string }) => readFileSync(join(backupDir, f.path))));
    for (const name of ['SEAL_KEY', 'AUDIT_KEY', 'SECOND_FACTOR_KEY', 'PERSONAL_DATA_INDEX_KEY'])
      expect(everything.includes(Buffer.from(keys[name]!)), name).to.equal(false);
    for (const entry of keys.PERSONAL_DATA_KEYS!.split(',')) expect(everything.includes(Buffer.from(entry.split(':')[1]!))).to.equal(false);
  });

  const freshInstallation = async (name: string) => {
    const dataDir = mkdtempSync(join(tmpdir(), `approval-test-${name}-`));
    if (name !== 'restored') refusedDirs.push(dataDir);
    // a fresh store too: a new bucket of the sandbox S3 under TEST_STORAGE=s3, else the new data folder
    const env: Record<string, string> = { ...keys, DATA_DIR: dataDir, APP_DB_URL: `sqlite:${join(dataDir, 'app.sqlite')}`, ...(await newStorageBucket()) };
    if (mariadb) {
      const suffix = `_${name}`;
      const appUrl = new URL(keys.APP_DB_URL!);
      const engineUrl = new URL(keys.ENGINE_DB_URL!.replace(/^jdbc:/, ''));
      appUrl.pathname = `${appUrl.pathname}${suffix}`;
      engineUrl.pathname = `${engineUrl.pathname}${suffix}`;
      const connection = await createConnection({
        host: appUrl.hostname,
        port: Number(appUrl.port),
        user: keys.ENGINE_DB_USER,
        password: keys.ENGINE_DB_PASSWORD,
      });
      for (const db of [appUrl.pathname, engineUrl.pathname]) await connection.query(`DROP DATABASE IF EXISTS \`${db.slice(1)}\``);
      await connection.end();
      Object.assign(env, { APP_DB_URL: appUrl.toString(), ENGINE_DB_URL: `jdbc:${engineUrl.toString()}` });
      return { dataDir, env, suffix };
    }
    return { dataDir, env, suffix: undefined };
  };

  it('refuses a backup that does not match its manifest, and keys other than those the data was written with', async () => {
    if (!mariadb) {
      // a new embedded data folder and no keys: refused before anything is made (new keys would open nothing)
      const bare = await freshInstallation('bare');
      const withoutKeys = { ...bare.env };
      delete withoutKeys.SEAL_KEY;
      const noKeys = await npmRun('restore', [backupDir], withoutKeys);
      expect(noKeys.status, noKeys.output).to.equal(2);
      expect(noKeys.output).to.contain('secrets.json');
      expect(readdirSync(bare.dataDir), 'nothing made').to.deep.equal([]);
    }
    const target = await freshInstallation('refused');
    const documentFile = JSON.parse(readFileSync(join(backupDir, 'manifest.json'), 'utf8')).files.find((f: { path: string }) =>
      f.path.startsWith('files/documents/'),
    ).path;
    const original = readFileSync(join(backupDir, documentFile));
    const changed = Buffer.from(original);
    changed[changed.length >> 1] ^= 0x01;
    writeFileSync(join(backupDir, documentFile), changed);
    const damaged = await npmRun('restore', [backupDir], target.env);
    writeFileSync(join(backupDir, documentFile), original);
    expect(damaged.status, damaged.output).to.equal(2);
    expect(damaged.output).to.contain(`checksum mismatch: ${documentFile}`);

    const otherAuditKey = await npmRun('restore', [backupDir], { ...target.env, AUDIT_KEY: 'x'.repeat(43) });
    expect(otherAuditKey.status, otherAuditKey.output).to.equal(2);
    expect(otherAuditKey.output).to.contain('not the key the data was written with: AUDIT_KEY');
    // a refused restore leaves the new installation as it was: no secrets.json of new keys in it
    if (!mariadb) expect(readdirSync(target.dataDir)).to.deep.equal([]);
  });

  it('restores into a fresh installation and refuses to restore over it again', async () => {
    const target = await freshInstallation('restored');
    const started = Date.now();
    const restored = await npmRun('restore', [backupDir], target.env);
    expect(restored.status, restored.output).to.equal(0);
    console.log(`      restore took ${Date.now() - started} ms`);
    const again = await npmRun('restore', [backupDir], target.env);
    expect(again.status, again.output).to.equal(2);
    expect(again.output).to.contain('the target installation is not empty');

    await startTestEnvironment({ dataDir: target.dataDir, secretsFrom: target.env, databaseSuffix: target.suffix });
    expect(testEnv().config.dataDir).to.equal(target.dataDir);
  });

  it('finds every case, file, document and signature of the backup on the restored platform, and the audit trail verifies', async () => {
    for (const [caseNo, then] of Object.entries(before)) {
      const now = await snapshot(caseNo);
      expect(now.status, caseNo).to.equal(then.status);
      expect(now.timeline, caseNo).to.deep.equal(then.timeline);
      expect(Object.keys(now.files).sort()).to.deep.equal(Object.keys(then.files).sort());
      for (const [id, file] of Object.entries(then.files)) expect(now.files[id]!.equals(file), `file ${id} of ${caseNo}`).to.equal(true);
      expect(now.documents.map((d) => d.id)).to.deep.equal(then.documents.map((d) => d.id));
      for (const [i, d] of then.documents.entries()) {
        expect(now.documents[i]!.pdf.equals(d.pdf), `document ${d.title}`).to.equal(true);
        expect(now.documents[i]!.verification, `验章 of ${d.title}`).to.deep.equal(d.verification);
      }
    }
    const trail = await verifyAuditTrail();
    expect(trail.ok, JSON.stringify(trail.problems?.slice(0, 3))).to.equal(true);
  });

  it('goes on where the backup left off: the waiting case is reviewed, decided and sealed on the restored engine', async () => {
    await decide('reviewer', waiting, 'review', 'approve');
    await decide('leader', waiting, 'decision', 'approve');
    await waitForStatus('applicant', waiting, 'delivered', 60_000);
    const documents = await eventually(`the documents of ${waiting}`, async () => {
      const delivery = await api()
        .get(`/api/v1/cases/${waiting}/delivery`)
        .set(await auth('applicant'));
      return delivery.body.documents?.length > 0 && delivery.body.documents;
    });
    const checked = await api()
      .post(`/api/v1/cases/${waiting}/documents/${documents[0].id}/verification`)
      .set(await auth('applicant'));
    expect(checked.body.rsa.status).to.equal('valid');
  });
});
