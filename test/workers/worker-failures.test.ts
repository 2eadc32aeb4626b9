import { expect } from 'chai';
import { spawn } from 'node:child_process';
import { testEnv } from '../support/environment.ts';
import { eventually } from '../support/eventually.ts';
import { REPO_ROOT } from '../../scripts/lib/engine.ts';
import { PROCESS_KEYS } from '../../contract/topics.ts';

describe('workers: failures and shutdown', () => {
  it('reports a failing handler with decreasing retries and raises an incident at zero', async () => {
    const { engine, config } = testEnv();
    // a process instance whose business key names no case: the acceptance handler cannot do its work
    const instance = await engine.startProcess(PROCESS_KEYS.acceptance, 'NO-SUCH-CASE', {});
    const incidents = await eventually(
      `an incident of ${instance.id}`,
      async () => {
        const raised = await engine.incidents(instance.id);
        return raised.length ? raised : undefined;
      },
      30_000,
      { intervalMs: 200 },
    );
    expect(incidents, `an incident after ${config.worker.retries} attempts`).to.have.length(1);
    expect(incidents[0]!.incidentType).to.equal('failedExternalTask');
    expect(incidents[0]!.incidentMessage).to.contain('case NO-SUCH-CASE not found');
    const [task] = await engine.externalTasks({ processInstanceId: instance.id });
    expect(task!.retries).to.equal(0);
  });

  it('stops cleanly on SIGTERM', async () => {
    const env = testEnv();
    const child = spawn(process.execPath, ['--import', 'tsx', 'workers/index.ts'], {
      cwd: REPO_ROOT,
      env: { ...process.env, ...env.childEnv, LOG_LEVEL: 'info' },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let output = '';
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`the worker did not start polling: ${output}`)), 30_000);
      child.stdout!.on('data', (chunk: Buffer) => {
        output += chunk.toString('utf8');
        if (output.includes('workers polling')) {
          clearTimeout(timer);
          resolve();
        }
      });
    });
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    const sent = Date.now();
    child.kill('SIGTERM');
    expect(await exited).to.equal(0);
    expect(Date.now() - sent, 'waits at most for the fetch under way').to.be.below(10_000);
  });
});
