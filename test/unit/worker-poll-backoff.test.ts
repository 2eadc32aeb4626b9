import { expect } from 'chai';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { loadConfig } from '../../server/config/load.ts';
import { startWorkerRuntime } from '../../workers/runtime/worker-runtime.ts';
import type { TopicHandler } from '../../workers/runtime/handler.ts';

describe('workers: an engine that does not answer (down, restarting after a crash) is polled again after growing pauses', () => {
  it('polls a few times a few seconds, not hundreds, and says when it polls again', async function () {
    this.timeout(20_000);
    const dataDir = mkdtempSync(join(tmpdir(), 'worker-poll-'));
    const lines: { msg: string; pauseMs?: number }[] = [];
    const logger = pino({ level: 'info' }, { write: (line: string) => void lines.push(JSON.parse(line) as { msg: string; pauseMs?: number }) });
    // nothing listens on port 9: every poll fails at once
    const config = loadConfig({ DATA_DIR: dataDir, ENGINE_URL: 'http://127.0.0.1:9/engine-rest', ENGINE_USER: 'svc', ENGINE_PASSWORD: 'secret-password' });
    const idle: TopicHandler = { topic: 'notify', handle: async () => ({}) };
    const runtime = startWorkerRuntime(config, logger, [idle]);
    try {
      await new Promise((r) => setTimeout(r, 4000));
    } finally {
      await runtime.stop(100);
      rmSync(dataDir, { recursive: true, force: true });
    }
    const failures = lines.filter((l) => l.msg.startsWith('external task client: poll:error'));
    // 0.5 + 1 + 2 s of pauses fit in four seconds: four polls, where the 5 ms interval made hundreds
    expect(failures.length).to.be.within(3, 5);
    expect(failures.map((f) => f.pauseMs).slice(0, 3)).to.deep.equal([500, 1000, 2000]);
    expect(failures[0]!.msg).to.equal('external task client: poll:error; polling again in 500 ms');
  });
});
