/**
 * Keeps one part of the platform running for the launcher (scripts/platform.ts): a part that ends
 * on its own (a crash, a kill -9, an out-of-memory exit) is started again after a pause that grows
 * with each crash in a row (1 s, 2 s, 4 s … at most 30 s), back to the first pause once it has
 * run a while; every restart is said on the console, and a part that keeps crashing is named as
 * such. Only stop() (the launcher's Ctrl-C or SIGTERM) ends it for good.
 */
import type { ChildProcess } from 'node:child_process';

/** A started part: how it ends, and how to stop it. */
export interface Started {
  /** resolves when it has ended, with how ("exit code 1", "killed by SIGKILL") */
  ended: Promise<string>;
  /** asks it to stop and resolves once it has ended */
  stop(): Promise<void>;
}

export interface SuperviseOptions {
  /** the pause before the first restart; doubled for each crash in a row (default 1 s) */
  firstDelayMs?: number;
  /** the longest pause (default 30 s) */
  maxDelayMs?: number;
  /** a part that ran this long before it ended starts again after the first pause (default 60 s) */
  healthyAfterMs?: number;
  /** this many crashes in a row, each soon after its start, are a crash loop (default 5) */
  crashLoopAfter?: number;
  /** where the supervisor speaks (the launcher's console) */
  say(message: string): void;
}

export interface Supervisor {
  /** how many times the part was started again */
  restarts(): number;
  /** stops the part and restarts nothing more */
  stop(): Promise<void>;
}

const seconds = (ms: number) => `${ms >= 1000 ? (ms / 1000).toFixed(ms % 1000 ? 1 : 0) : (ms / 1000).toFixed(2)} s`;

/** The pause before the restart that follows `crashesInRow` crashes in a row (1 for the first). */
export function restartDelay(crashesInRow: number, firstDelayMs: number, maxDelayMs: number): number {
  return Math.min(firstDelayMs * 2 ** Math.max(0, crashesInRow - 1), maxDelayMs);
}

/**
 * Starts the part and keeps it running until stop(). The first start's failure is the caller's (the
 * platform cannot start); a restart that fails counts as one more crash and is tried again. `start`
 * is told by its signal when stop() comes while it is starting (it may give up at once).
 */
export async function supervise(name: string, start: (stopping: AbortSignal) => Promise<Started>, options: SuperviseOptions): Promise<Supervisor> {
  const firstDelayMs = options.firstDelayMs ?? 1000;
  const maxDelayMs = options.maxDelayMs ?? 30_000;
  const healthyAfterMs = options.healthyAfterMs ?? 60_000;
  const crashLoopAfter = options.crashLoopAfter ?? 5;
  const stopped = new AbortController();
  let current: Started | undefined = await start(stopped.signal);
  let startedAt = Date.now();
  let stopping = false;
  let restarting: Promise<void> | undefined;
  let restarts = 0;
  let crashesInRow = 0;
  let timer: NodeJS.Timeout | undefined;

  const crashed = (how: string, ranForMs: number) => {
    if (stopping) return;
    current = undefined;
    crashesInRow = ranForMs >= healthyAfterMs ? 1 : crashesInRow + 1;
    const delay = restartDelay(crashesInRow, firstDelayMs, maxDelayMs);
    options.say(`${name} 意外退出（${how}），${seconds(delay)} 后重启 / ${name} exited unexpectedly (${how}); restarting in ${seconds(delay)}`);
    if (crashesInRow >= crashLoopAfter)
      options.say(
        `${name} 反复崩溃（连续 ${crashesInRow} 次启动后不久即退出），请查看其日志；将每隔最多 ${seconds(maxDelayMs)} 重启，Ctrl-C 停止全部 / ` +
          `${name} keeps crashing (${crashesInRow} times in a row, each soon after it started): see its log; it is restarted at most every ${seconds(maxDelayMs)} until Ctrl-C`,
      );
    timer = setTimeout(() => (restarting = restart().finally(() => (restarting = undefined))), delay);
  };

  const watch = (started: Started) => {
    void started.ended.then((how) => {
      if (current === started) crashed(how, Date.now() - startedAt);
    });
  };

  const restart = async () => {
    timer = undefined;
    if (stopping) return;
    restarts++;
    startedAt = Date.now();
    let started: Started;
    try {
      started = await start(stopped.signal);
    } catch (err) {
      crashed(`重启失败 / could not start: ${(err as Error).message.split('\n')[0]}`, Date.now() - startedAt);
      return;
    }
    if (stopping) {
      await started.stop();
      return;
    }
    current = started;
    options.say(`${name} 已重启（第 ${restarts} 次）/ ${name} restarted (restart ${restarts})`);
    watch(started);
  };

  watch(current);
  return {
    restarts: () => restarts,
    async stop() {
      stopping = true;
      stopped.abort();
      if (timer) clearTimeout(timer);
      const running = current;
      current = undefined;
      await running?.stop();
      // a restart under way ends by stopping what it started
      await restarting;
    },
  };
}

/** A child process as a supervised part: SIGTERM to stop it, SIGKILL after `graceMs`. */
export function childProcessPart(child: ChildProcess, graceMs = 20_000): Started {
  const ended = new Promise<string>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve(describeExit(child.exitCode, child.signalCode));
    else child.once('exit', (code, signal) => resolve(describeExit(code, signal)));
  });
  return {
    ended,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
        child.kill('SIGTERM');
        await ended;
        clearTimeout(timer);
      }
    },
  };
}

const describeExit = (code: number | null, signal: NodeJS.Signals | null) => (signal ? `killed by ${signal}` : `exit code ${code}`);

/** A process known by its id only (the engine's java, started by scripts/lib/engine.ts): asked every `everyMs` whether it still runs. */
export function processEnded(pid: number, everyMs = 1000): Promise<string> {
  return new Promise((resolve) => {
    const timer = setInterval(() => {
      try {
        process.kill(pid, 0);
      } catch {
        clearInterval(timer);
        resolve('process gone');
      }
    }, everyMs);
    timer.unref();
  });
}
