// test-plan: every-profile — the backup runs' times are written per database (MariaDB keeps a Date replacement to the second)
import { expect } from 'chai';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { QueryTypes } from 'sequelize';
import { api, auth } from '../support/api.ts';
import { eventually } from '../support/eventually.ts';
import { testEnv } from '../support/environment.ts';
import { startSecondApp } from '../support/second-app.ts';
import { listNodes, newNodeId, recordNode } from '../../server/scheduling/nodes.ts';
import { installationOf } from '../../scripts/backup/installation.ts';
import { backupAndRecord, recordRun } from '../../scripts/backup/record-run.ts';

/**
 * 运维监控 › 系统状态 (GET /api/v1/operations/system): the node that answers listed and fresh, a
 * node that stopped checking in marked unreachable, a node's heartbeat and its row gone on stop,
 * the schedulers' leases with their holder (this node's id), the engine reached with its version,
 * the backups `npm run backup` records (a refused one through the command's own code path) and the
 * warning while the last successful one is older than 26 hours or missing; only administrators.
 */
interface Status {
  nodeId: string;
  nodes: { nodeId: string; hostName: string; pid: number; version: string; lastSeenAt: string; self: boolean; reachable: boolean }[];
  schedulers: { name: string; label: string | null; holder: string | null; held: boolean; holderKnown: boolean; expiresAt: string }[];
  engines: { url: string; role: string; reachable: boolean; version: string | null; flavour: string | null; answerMs: number | null; error: string | null }[];
  backups: {
    runs: {
      id: number;
      outcome: string;
      location: string;
      files: number;
      totalBytes: number;
      profile: string | null;
      databases: string | null;
      error: string | null;
    }[];
    lastSucceededAt: string | null;
    stale: boolean;
    warning: string | null;
  };
}

const status = async (language = 'zh-CN', agent = api()) => {
  const res = await agent
    .get('/api/v1/operations/system')
    .set(await auth('admin'))
    .set('Accept-Language', language);
  expect(res.status, JSON.stringify(res.body)).to.equal(200);
  return res.body as Status;
};

const HOUR = 3_600_000;

describe('运维监控 › 系统状态: nodes, schedulers, engines and backups (server/operations/system-status.ts)', function () {
  this.timeout(120_000);
  const sequelize = () => testEnv().server.ctx.sequelize;
  const staleNode = `stale-host:4242:${newNodeId().split(':').at(-1)}`;
  const dirs: string[] = [];

  before(async () => {
    // this file's own view of the backups: none recorded before it
    await sequelize().query('DELETE FROM backup_runs', { type: QueryTypes.DELETE });
  });
  after(async () => {
    await sequelize().query('DELETE FROM platform_nodes WHERE node_id = :staleNode', { replacements: { staleNode }, type: QueryTypes.DELETE });
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  it('lists the node that answers, fresh, and marks a node not seen for two minutes unreachable', async () => {
    const { nodeId } = testEnv().server.ctx;
    const now = await status();
    expect(now.nodeId).to.equal(nodeId);
    const self = now.nodes.find((n) => n.nodeId === nodeId);
    expect(self, JSON.stringify(now.nodes)).to.include({ self: true, reachable: true, pid: process.pid });
    expect(self!.version).to.match(/^\d+\.\d+\.\d+/);
    expect(Date.now() - Date.parse(self!.lastSeenAt)).to.be.below(60_000);

    const twoMinutesAgo = new Date(Date.now() - 2 * 60_000);
    await sequelize().query(
      'INSERT INTO platform_nodes (node_id, host_name, pid, version, started_at, last_seen_at) VALUES (:staleNode, :host, 4242, :version, :at, :at)',
      { replacements: { staleNode, host: 'stale-host', version: self!.version, at: twoMinutesAgo }, type: QueryTypes.INSERT },
    );
    const later = await status('en');
    expect(later.nodes.find((n) => n.nodeId === staleNode)).to.include({ self: false, reachable: false, hostName: 'stale-host' });
    expect(later.nodes.find((n) => n.nodeId === nodeId)).to.include({ reachable: true });
  });

  it('a node writes its heartbeat while it runs and removes its row when it stops; a row not seen for a day is forgotten', async () => {
    const dead = `dead-host:4343:${newNodeId().split(':').at(-1)}`;
    const dayAgo = new Date(Date.now() - 25 * HOUR);
    await sequelize().query(
      "INSERT INTO platform_nodes (node_id, host_name, pid, version, started_at, last_seen_at) VALUES (:dead, 'dead-host', 4343, '0.1.0', :dayAgo, :dayAgo)",
      { replacements: { dead, dayAgo }, type: QueryTypes.INSERT },
    );
    const id = newNodeId();
    const stop = await recordNode(sequelize(), id, testEnv().logger, 100);
    expect(
      (await listNodes(sequelize())).some((n) => n.nodeId === dead),
      'a day old: deleted by the heartbeat',
    ).to.equal(false);
    try {
      const first = (await listNodes(sequelize())).find((n) => n.nodeId === id);
      expect(first, 'recorded at start').to.not.equal(undefined);
      await eventually('a later heartbeat', async () => {
        const now = (await listNodes(sequelize())).find((n) => n.nodeId === id);
        return now && now.lastSeenAt > first!.lastSeenAt;
      });
    } finally {
      await stop();
    }
    expect(
      (await listNodes(sequelize())).some((n) => n.nodeId === id),
      'gone once stopped',
    ).to.equal(false);
  });

  it("lists each scheduler's lease with the node holding it, in words in both languages", async () => {
    const { nodeId } = testEnv().server.ctx;
    // the outbox's sender runs every 200 ms in the tests: its lease is this node's
    const zh = await eventually('the province reporting lease', async () => (await status()).schedulers.find((s) => s.name === 'province reporting'));
    expect(zh).to.include({ label: '省级汇聚报送', holder: nodeId, held: true, holderKnown: true });
    expect(Date.parse(zh.expiresAt)).to.be.above(Date.now());
    const en = (await status('en')).schedulers.find((s) => s.name === 'province reporting');
    expect(en).to.include({ label: 'Province reporting', holder: nodeId });
  });

  it('asks the engine now: reachable, its version and flavour and answer time; an engine node that does not answer is said so', async () => {
    const { engines } = await status();
    expect(engines).to.have.length(1);
    expect(engines[0]).to.include({ url: testEnv().config.engine.url, role: 'configured', reachable: true, error: null });
    expect(engines[0]!.version).to.match(/^\d+\.\d+/);
    expect(engines[0]!.flavour).to.equal((process.env.ENGINE_FLAVOUR ?? 'camunda') === 'operaton' ? 'operaton' : 'camunda');
    expect(engines[0]!.answerMs).to.be.a('number').and.at.least(0);

    // ENGINE_NODE_URLS: each engine node asked on its own (a port nothing listens on stands for a dead node)
    const second = await startSecondApp({ config: { engineNodeUrls: [testEnv().config.engine.url, 'http://127.0.0.1:9/engine-rest'] } });
    try {
      const both = (await status('en', second.agent())).engines;
      expect(both.map((e) => [e.role, e.reachable])).to.deep.equal([
        ['configured', true],
        ['node', false],
      ]);
      expect(both[1]!.error).to.match(/unreachable/);
    } finally {
      await second.close();
    }
  });

  it('warns while no backup succeeded, records a refused npm run backup, and stops warning after a successful one; an old one warns again', async () => {
    const none = await status();
    expect(none.backups).to.include({ stale: true, lastSucceededAt: null });
    expect(none.backups.warning).to.match(/尚无成功的备份/);

    // npm run backup's own code path, into a folder that is not empty: refused, and the refusal recorded
    const installation = installationOf(testEnv().config, testEnv().childEnv);
    const full = mkdtempSync(join(tmpdir(), 'system-status-backup-'));
    dirs.push(full);
    writeFileSync(join(full, 'something.txt'), 'not a backup');
    let refused: unknown;
    await backupAndRecord(installation, full).catch((err: unknown) => (refused = err));
    expect(String(refused)).to.match(/not empty/);
    const afterRefusal = await status('en');
    expect(afterRefusal.backups.runs[0]).to.include({ outcome: 'failed', location: full, files: 0 });
    expect(afterRefusal.backups.runs[0]!.error).to.match(/not empty/);
    expect(afterRefusal.backups.warning).to.match(/No backup has succeeded yet/);

    // a successful run 27 hours ago (as the command records one): still a warning, naming it
    const run = (finishedAt: Date) => ({
      startedAt: new Date(finishedAt.getTime() - 60_000),
      finishedAt,
      location: '/var/backups/approval/nightly',
      profile: 'mariadb' as const,
      databases: 'app: mariadb, engine: mariadb',
      files: 412,
      storedObjects: 410,
      totalBytes: 3 * 1024 * 1024 * 1024,
      outcome: 'succeeded' as const,
      error: null,
    });
    const old = new Date(Date.now() - 27 * HOUR);
    expect(await recordRun(installation, run(old), () => undefined)).to.equal(true);
    const stale = await status();
    expect(stale.backups).to.include({ stale: true, lastSucceededAt: old.toISOString() });
    expect(stale.backups.warning).to.match(/超过 26 小时/);

    const fresh = new Date(Date.now() - HOUR);
    expect(await recordRun(installation, run(fresh), () => undefined)).to.equal(true);
    const ok = await status();
    expect(ok.backups).to.include({ stale: false, warning: null, lastSucceededAt: fresh.toISOString() });
    // newest first: the refusal (just now), the fresh one, the old one
    expect(ok.backups.runs.map((r) => r.outcome)).to.deep.equal(['failed', 'succeeded', 'succeeded']);
    expect(ok.backups.runs[1]).to.include({ files: 412, totalBytes: 3 * 1024 * 1024 * 1024, profile: 'mariadb', databases: 'app: mariadb, engine: mariadb' });
  });

  it('answers administrators only: 401 without a sign-in, 403 for other staff', async () => {
    expect((await api().get('/api/v1/operations/system')).status).to.equal(401);
    for (const user of ['leader', 'reviewer']) {
      const res = await api()
        .get('/api/v1/operations/system')
        .set(await auth(user));
      expect(res.status, user).to.equal(403);
    }
  });
});
