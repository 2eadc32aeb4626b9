/**
 * The platform's Node parts as child processes (scripts/platform.ts, scripts/cluster/cluster.ts):
 * each logs JSON to its own file under the log directory, and its warnings and errors are echoed on
 * the launcher's console in one line each.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from './engine.ts';

/** Starts `script` (dist/server.mjs, dist/workers.mjs) on bare Node; its output goes to <logDir>/<name>.log. */
export function launchPart(logDir: string, name: string, script: string, env: Record<string, string>, nodeFlags: readonly string[] = []): ChildProcess {
  const log = createWriteStream(join(logDir, `${name}.log`), { flags: 'a' });
  const child = spawn(process.execPath, [...nodeFlags, script], { cwd: REPO_ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let partial = '';
  child.stdout!.on('data', (chunk: Buffer) => {
    log.write(chunk);
    const lines = (partial + chunk.toString('utf8')).split('\n');
    partial = lines.pop() ?? '';
    for (const line of lines) {
      try {
        const entry = JSON.parse(line) as { level: number; msg: string; err?: { message?: string } };
        if (entry.level >= 40)
          console.log(`[${name}] ${entry.level >= 50 ? 'ERROR' : 'WARN'} ${entry.msg}${entry.err?.message ? `: ${entry.err.message}` : ''}`);
      } catch {
        console.log(`[${name}] ${line}`);
      }
    }
  });
  child.stderr!.on('data', (chunk: Buffer) => {
    log.write(chunk);
    process.stderr.write(`[${name}] ${chunk.toString('utf8')}`);
  });
  child.once('close', () => log.end());
  return child;
}

/** Resolves once the server at `url` answers its health check; throws if it exits first or after `timeoutMs`. */
export async function waitForHealth(url: string, child: ChildProcess, timeoutMs: number, logFile: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the server exited (code ${child.exitCode}); see ${logFile}`);
    try {
      const res = await fetch(`${url}/api/v1/health`, { signal: AbortSignal.timeout(2000) });
      if (res.status === 200) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  throw new Error(`the server did not become healthy within ${timeoutMs / 1000} s; see ${logFile}`);
}
