// test-plan: every-profile — migrations under the database lock and scheduler leases are written per database (MariaDB's GET_LOCK, SQLite's file)
import { expect } from 'chai';
import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { pino, type Logger } from 'pino';
import { QueryTypes, type Sequelize } from 'sequelize';
import { testEnv } from '../support/environment.ts';
import { eventually } from '../support/eventually.ts';
import { createSequelize } from '../../server/db/sequelize.ts';
import { MigrationLockTimeoutError, migrateUp, withMigrationLock } from '../../server/db/migrate.ts';
import { MIGRATIONS } from '../../migrations/index.ts';
import { SchedulerLease } from '../../server/scheduling/lease.ts';
import { repeatEvery } from '../../server/scheduling/repeat.ts';
import { loadConfig } from '../../server/config/load.ts';

interface LogLine {
  msg: string;
  waitedMs?: number;
}

/** a logger that keeps what it is told, to read which node waited */
function capturingLogger(lines: LogLine[]): Logger {
  return pino({ level: 'info' }, { write: (line: string) => void lines.push(JSON.parse(line) as LogLine) });
}

/** Several nodes in one process: each opens its own connections (its own pool) to a database. */
function nodes() {
  const opened: Sequelize[] = [];
  return {
    async open(url: string): Promise<Sequelize> {
      const sequelize = createSequelize(url);
      opened.push(sequelize);
      await sequelize.authenticate();
      return sequelize;
    },
    async closeAll(): Promise<void> {
      await Promise.allSettled(opened.splice(0).map((s) => s.close()));
    },
  };
}

/** a lock held by a third node until `release()`: the start-up tests start their nodes while it is held */
async function holdMigrationLock(sequelize: Sequelize): Promise<{ release(): Promise<void> }> {
  let open!: () => void;
  const gate = new Promise<void>((resolve) => (open = resolve));
  let taken!: () => void;
  const held = new Promise<void>((resolve) => (taken = resolve));
  const holding = withMigrationLock(sequelize, undefined, {}, async () => {
    taken();
    await gate;
  });
  await Promise.race([held, holding]);
  return {
    async release() {
      open();
      await holding;
    },
  };
}

describe('start-up with several nodes', () => {
  describe('migrations under the database lock', () => {
    const node = nodes();
    let url: string;
    let dropDatabase: () => Promise<void>;

    beforeEach(async () => {
      // a fresh, empty app database of the profile's kind
      const { config, server, profile } = testEnv();
      const name = `approval_test_startup_${randomBytes(3).toString('hex')}`;
      if (profile === 'mariadb') {
        await server.ctx.sequelize.query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_bin`);
        const u = new URL(config.appDbUrl);
        u.pathname = `/${name}`;
        url = u.toString();
        dropDatabase = async () => void (await server.ctx.sequelize.query(`DROP DATABASE IF EXISTS \`${name}\``));
      } else {
        const file = join(config.dataDir, `${name}.sqlite`);
        url = `sqlite:${file}`;
        dropDatabase = async () => {
          for (const suffix of ['', '-wal', '-shm']) rmSync(`${file}${suffix}`, { force: true });
        };
      }
    });

    afterEach(async () => {
      await node.closeAll();
      await dropDatabase();
    });

    it('two nodes starting at once both start, and the schema is migrated once: one waits, then finds nothing left to run', async () => {
      const [first, second, third] = [await node.open(url), await node.open(url), await node.open(url)];
      // a third node holds the lock while both start, so that both must wait for it
      const lock = await holdMigrationLock(third);
      const logs: LogLine[][] = [[], []];
      const starts = Promise.allSettled([migrateUp(first, capturingLogger(logs[0])), migrateUp(second, capturingLogger(logs[1]))]);
      await eventually('both nodes say they wait for the migration lock', async () =>
        logs.every((lines) => lines.some((l) => l.msg.startsWith('waiting for the migration lock'))),
      );
      await lock.release();
      const outcomes = await starts;
      const ran = outcomes.map((o) => {
        if (o.status === 'rejected') throw o.reason;
        return o.value;
      });
      const all = MIGRATIONS.map((m) => m.name);
      expect(
        [...ran].sort((a, b) => b.length - a.length),
        'one node ran every migration, the other none',
      ).to.deep.equal([all, []]);
      for (const lines of logs) {
        const taken = lines.find((l) => l.msg === 'migration lock taken after waiting');
        expect(taken?.waitedMs, 'each node logs how long it waited').to.be.a('number');
      }
      const idle = logs[ran.findIndex((r) => r.length === 0)];
      expect(idle.map((l) => l.msg)).to.include('schema up to date: no migration left to run');

      const meta = await first.query<{ name: string }>('SELECT name FROM sequelize_meta ORDER BY name', { type: QueryTypes.SELECT });
      expect(
        meta.map((m) => m.name),
        "umzug's meta table (sequelize_meta) has each migration once",
      ).to.deep.equal(all);
      const leases = await second.query('SELECT name FROM scheduler_leases', { type: QueryTypes.SELECT });
      expect(leases).to.deep.equal([]);
      // a later start finds the lock free and nothing to run
      expect(await migrateUp(third)).to.deep.equal([]);
    });

    it('a node that cannot get the lock in time fails with a message that says why', async () => {
      const [holder, late] = [await node.open(url), await node.open(url)];
      await migrateUp(holder);
      const lock = await holdMigrationLock(holder);
      try {
        let failure: unknown;
        await migrateUp(late, undefined, { lockTimeoutMs: 1500 }).catch((err: unknown) => (failure = err));
        expect(failure).to.be.instanceOf(MigrationLockTimeoutError);
        const message = (failure as Error).message;
        expect(message).to.match(/^gave up after [\d.]+ s waiting for the (migration|write) lock/);
        if (testEnv().profile === 'mariadb') expect(message).to.match(/held by connection \d+/);
      } finally {
        await lock.release();
      }
      expect(await migrateUp(late), 'once the lock is free, nothing is left to run').to.deep.equal([]);
      let refused: unknown;
      await migrateUp(late, undefined, { lockTimeoutMs: 0 }).catch((err: unknown) => (refused = err));
      expect(refused).to.be.instanceOf(RangeError);
    });
  });

  describe('scheduler leases', () => {
    const node = nodes();
    const leaseName = (what: string) => `start-up test ${what} ${randomBytes(4).toString('hex')}`;
    const INTERVAL_MS = 100;

    /** a scheduler on its own node whose rounds are counted, in the order all of them began */
    function contender(sequelize: Sequelize, name: string, label: string, leaseIntervals: number, order: string[]) {
      const logger = testEnv().logger.child({ component: 'start-up-test', node: label });
      const counted = { rounds: 0 };
      const stop = repeatEvery(INTERVAL_MS, name, { sequelize, logger, config: { schedulerLeaseIntervals: leaseIntervals } }, async () => {
        counted.rounds++;
        order.push(label);
      });
      return Object.assign(counted, { stop });
    }

    const holderOf = async (name: string) =>
      (
        await testEnv().server.ctx.sequelize.query<{ holder: string | null }>('SELECT holder FROM scheduler_leases WHERE name = :name', {
          replacements: { name },
          type: QueryTypes.SELECT,
        })
      )[0]?.holder;

    const stops: (() => Promise<void>)[] = [];
    afterEach(async () => {
      await Promise.allSettled(stops.splice(0).map((stop) => stop()));
      await node.closeAll();
      await testEnv().server.ctx.sequelize.query("DELETE FROM scheduler_leases WHERE name LIKE 'start-up test %'");
    });

    it('of two contenders on one lease, exactly one runs rounds; stopping releases it', async () => {
      const url = testEnv().config.appDbUrl;
      const name = leaseName('one of two');
      const order: string[] = [];
      // a lease of a minute: neither may take it from the other during this test
      const a = contender(await node.open(url), name, 'A', 600, order);
      const b = contender(await node.open(url), name, 'B', 600, order);
      stops.push(a.stop, b.stop);
      await eventually('ten rounds ran', async () => order.length >= 10);
      expect(new Set(order).size, `rounds ran on one node only: ${order.join(' ')}`).to.equal(1);
      expect(await holderOf(name)).to.be.a('string');
      await Promise.all([a.stop(), b.stop()]);
      expect(await holderOf(name), 'released on stop').to.equal(null);
    });

    it('a released lease is taken at once, a held one never, an expired one by the next node; its old holder cannot renew it', async () => {
      const url = testEnv().config.appDbUrl;
      const [one, two] = [await node.open(url), await node.open(url)];
      const name = leaseName('direct');
      const a = new SchedulerLease(one, name, 60_000);
      const b = new SchedulerLease(two, name, 60_000);
      expect(await a.acquire(), 'free: taken').to.equal(true);
      expect(await b.acquire(), 'held: not taken').to.equal(false);
      expect(await a.acquire(), 'renewed by its holder').to.equal(true);
      expect(a.held).to.equal(true);
      await a.release();
      expect(a.held).to.equal(false);
      expect(await b.acquire(), 'released: taken at once').to.equal(true);
      expect(await a.acquire()).to.equal(false);
      expect(await holderOf(name)).to.equal(b.holder);

      const shortName = leaseName('expiring');
      const brief = new SchedulerLease(one, shortName, 300);
      const next = new SchedulerLease(two, shortName, 60_000);
      expect(await brief.acquire()).to.equal(true);
      await eventually('the expired lease is taken by the next node', () => next.acquire());
      expect(brief.held, 'its holder counted its own time out no later than the database').to.equal(false);
      expect(await brief.acquire(), 'the old holder cannot renew it').to.equal(false);
      expect(await holderOf(shortName)).to.equal(next.holder);

      expect(() => new SchedulerLease(one, '', 1000)).to.throw(RangeError);
      expect(() => new SchedulerLease(one, 'x', 0)).to.throw(RangeError);
      expect(() =>
        repeatEvery(INTERVAL_MS, 'x', { sequelize: one, logger: testEnv().logger, config: { schedulerLeaseIntervals: 1 } }, async () => undefined),
      ).to.throw(RangeError, /2 or more intervals/);
      expect(() => loadConfig({ ...testEnv().childEnv, SCHEDULER_LEASE_INTERVALS: '1' })).to.throw(/schedulerLeaseIntervals must be >= 2/);
      expect(() => loadConfig({ ...testEnv().childEnv, SCHEDULER_LEASE_INTERVALS: 'three' })).to.throw(/SCHEDULER_LEASE_INTERVALS must be an integer/);
    });

    it('a node that stops releases its lease, and the waiting node runs the next rounds long before the lease would expire', async () => {
      const url = testEnv().config.appDbUrl;
      const name = leaseName('released');
      const order: string[] = [];
      const a = contender(await node.open(url), name, 'A', 600, order);
      stops.push(a.stop);
      await eventually('A runs rounds', async () => a.rounds > 0);
      const b = contender(await node.open(url), name, 'B', 600, order);
      stops.push(b.stop);
      const seen = a.rounds;
      await eventually('A runs five more rounds', async () => a.rounds >= seen + 5);
      expect(b.rounds, 'B waits while A holds the lease').to.equal(0);
      await a.stop();
      // the lease lasts a minute: B can have it this soon only because A released it
      await eventually('B takes the released lease and runs rounds', async () => b.rounds > 0, 15_000);
    });

    it('when the holder dies without releasing, the other takes over once the lease has expired', async () => {
      const url = testEnv().config.appDbUrl;
      const name = leaseName('dies');
      const order: string[] = [];
      const aNode = await node.open(url);
      // a lease of 3 s (30 intervals of 100 ms)
      const a = contender(aNode, name, 'A', 30, order);
      stops.push(a.stop);
      await eventually('A runs rounds', async () => a.rounds > 0);
      const b = contender(await node.open(url), name, 'B', 30, order);
      stops.push(b.stop);
      const seen = a.rounds;
      await eventually('A runs five more rounds', async () => a.rounds >= seen + 5);
      expect(b.rounds, 'B waits while A renews the lease').to.equal(0);
      const holder = await holderOf(name);

      // A dies: it reaches the database no more, so it neither renews nor releases the lease
      await aNode.close();
      await eventually('B takes the expired lease over and runs rounds', async () => b.rounds > 0);
      const firstOfB = order.indexOf('B');
      expect(order.slice(firstOfB), `A started no round once B held the lease: ${order.join(' ')}`).to.not.include('A');
      const now = await holderOf(name);
      expect(now).to.be.a('string').and.not.equal(holder);
    });
  });
});
