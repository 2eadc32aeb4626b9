import { expect } from 'chai';
import { spawn, type ChildProcess } from 'node:child_process';
import { childProcessPart, restartDelay, supervise, type Supervisor } from '../../scripts/supervise.ts';
import { REPO_ROOT } from '../../scripts/lib/engine.ts';
import { eventually } from '../support/eventually.ts';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const until = (what: string, check: () => boolean, ms = 10_000) => eventually(what, check, ms, { intervalMs: 20 });
const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

/** A real child that lives `ms` milliseconds, then exits with code 3 (a crash). */
const crashingChild = (ms: number) => async () =>
  childProcessPart(spawn(process.execPath, ['-e', `setTimeout(() => process.exit(3), ${ms})`], { stdio: 'ignore' }));

describe('the launcher keeps the platform running: a crashed part is restarted with backoff (scripts/supervise.ts)', () => {
  let supervisor: Supervisor | undefined;
  afterEach(async () => {
    await supervisor?.stop();
    supervisor = undefined;
  });

  it('pauses 1 s, 2 s, 4 s … at most 30 s between restarts of a part that crashes again and again', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 20].map((n) => restartDelay(n, 1000, 30_000))).to.deep.equal([1000, 2000, 4000, 8000, 16_000, 30_000, 30_000, 30_000]);
  });

  it('restarts a crashed child after growing pauses, says so, and names a crash loop', async () => {
    const said: string[] = [];
    const startedAt: number[] = [];
    const endedAt: number[] = [];
    const start = crashingChild(30);
    supervisor = await supervise(
      'workers',
      async () => {
        startedAt.push(Date.now());
        const part = await start();
        void part.ended.then(() => endedAt.push(Date.now()));
        return part;
      },
      { firstDelayMs: 100, maxDelayMs: 400, healthyAfterMs: 60_000, crashLoopAfter: 4, say: (m) => said.push(m) },
    );
    await until('five restarts', () => supervisor!.restarts() >= 5);
    const restarts = said.filter((m) => m.includes('exited unexpectedly'));
    expect(restarts[0]).to.equal('workers 意外退出（exit code 3），0.10 s 后重启 / workers exited unexpectedly (exit code 3); restarting in 0.10 s');
    expect(restarts.slice(0, 5).map((m) => /restarting in ([\d.]+) s/.exec(m)![1])).to.deep.equal(['0.10', '0.20', '0.40', '0.40', '0.40']);
    expect(said).to.include('workers 已重启（第 1 次）/ workers restarted (restart 1)');
    expect(said.filter((m) => m.includes('keeps crashing')).length, 'from the fourth crash in a row').to.be.at.least(1);
    expect(said.findIndex((m) => m.includes('keeps crashing'))).to.be.greaterThan(said.findIndex((m) => m.includes('restarting in 0.40 s')));
    // the pauses were kept: from each crash to the next start
    const pauses = endedAt.slice(0, 4).map((t, i) => startedAt[i + 1]! - t);
    expect(pauses[0]!, 'the first pause').to.be.at.least(90);
    expect(pauses[2]!, 'the third pause').to.be.at.least(390);
  });

  it('goes back to the first pause once the part has run a while before it crashes', async () => {
    const said: string[] = [];
    supervisor = await supervise('server', crashingChild(250), { firstDelayMs: 50, maxDelayMs: 1000, healthyAfterMs: 200, say: (m) => said.push(m) });
    await until('three restarts', () => supervisor!.restarts() >= 3);
    expect(said.filter((m) => m.includes('restarting in')).map((m) => /restarting in ([\d.]+) s/.exec(m)![1])).to.deep.equal(['0.05', '0.05', '0.05']);
  });

  it('a restart that fails to start counts as one more crash and is tried again', async () => {
    const said: string[] = [];
    let calls = 0;
    const child = crashingChild(20);
    supervisor = await supervise(
      'engine',
      async () => {
        calls++;
        if (calls === 2) throw new Error('engine at http://127.0.0.1:8090/engine-rest not ready after 180 s');
        return child();
      },
      { firstDelayMs: 50, maxDelayMs: 200, say: (m) => said.push(m) },
    );
    await until('a start after the failed one', () => calls >= 3);
    expect(said.some((m) => m.includes('could not start: engine at http://127.0.0.1:8090/engine-rest not ready'))).to.equal(true);
  });

  it('a stop that comes while a restart is starting stops what it started, and tells the start', async () => {
    let calls = 0;
    let second: ChildProcess | undefined;
    let toldToStop = false;
    const said: string[] = [];
    supervisor = await supervise(
      'server',
      async (stopping) => {
        calls++;
        if (calls === 1) return crashingChild(20)();
        second = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });
        stopping.addEventListener('abort', () => (toldToStop = true));
        await sleep(500); // waiting for its health check
        return childProcessPart(second);
      },
      { firstDelayMs: 50, say: (m) => said.push(m) },
    );
    await until('the restart under way', () => second !== undefined);
    await supervisor.stop();
    supervisor = undefined;
    expect(toldToStop, 'the start heard of the stop').to.equal(true);
    expect(second!.exitCode !== null || second!.signalCode !== null, 'the part it started is stopped').to.equal(true);
    expect(said.some((m) => m.includes('restarted'))).to.equal(false);
  });

  it('stops the part and restarts nothing on Ctrl-C', async function () {
    this.timeout(30_000);
    const launcher = spawn(process.execPath, ['--import', 'tsx', 'test/unit/supervise-launcher.ts'], { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    launcher.stdout!.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')));
    try {
      await until('the launcher running', () => out.includes('running'), 20_000);
      const first = Number(/child (\d+)/.exec(out)![1]);
      // a crash of its child: restarted, and said
      process.kill(first, 'SIGKILL');
      await until('the restart', () => out.includes('sleeper restarted (restart 1)'));
      expect(out).to.contain(
        '[platform] sleeper 意外退出（killed by SIGKILL），0.05 s 后重启 / sleeper exited unexpectedly (killed by SIGKILL); restarting in 0.05 s',
      );
      const second = Number([...out.matchAll(/child (\d+)/g)][1]![1]);
      expect(alive(second)).to.equal(true);
      // Ctrl-C: the child is stopped, the launcher ends, nothing is started again
      launcher.kill('SIGINT');
      const code = await new Promise<number | null>((resolve) => launcher.once('exit', resolve));
      expect(code).to.equal(0);
      expect(out).to.contain('stopped');
      expect(alive(second), 'the child stopped with it').to.equal(false);
      expect([...out.matchAll(/child (\d+)/g)]).to.have.length(2);
    } finally {
      if (launcher.exitCode === null) launcher.kill('SIGKILL');
    }
  });
});
