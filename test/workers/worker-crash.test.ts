import { expect } from 'chai';
import { spawn } from 'node:child_process';
import { applicant, completeMaterials, ITEM, submit, waitForStatus, waitForTask } from '../support/api.ts';
import { testEnv } from '../support/environment.ts';
import { isCompletion, startHoldingProxy } from '../support/holding-proxy.ts';
import { instanceOf } from '../support/engine.ts';
import { PROCESS_KEYS } from '../../contract/topics.ts';
import { REPO_ROOT } from '../../scripts/lib/engine.ts';
import { Case } from '../../server/cases/case.model.ts';
import { TimelineEvent } from '../../server/cases/timeline-event.model.ts';
import { validForm } from '../support/api.ts';
import { eventually } from '../support/eventually.ts';

describe('workers: a worker killed mid-task', () => {
  after(async () => {
    await testEnv().restartWorkers();
  });

  it('leaves the case to the next worker, with no duplicate effect', async () => {
    const env = testEnv();
    await env.stopWorkers();
    // The first worker reaches the engine through a proxy that swallows its "complete" call: the
    // worker has done its effect and dies before the engine hears of it.
    const proxy = await startHoldingProxy(env.engine.url, isCompletion);
    const child = spawn(process.execPath, ['--import', 'tsx', 'workers/index.ts'], {
      cwd: REPO_ROOT,
      env: { ...process.env, ...env.childEnv, ENGINE_URL: proxy.url, WORKER_TOPICS: 'acceptance', WORKER_LOCK_DURATION_MS: '3000', LOG_LEVEL: 'warn' },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    try {
      const materials = await completeMaterials('clerk');
      const res = await submit('clerk', { itemCode: ITEM, applicant: applicant(), form: validForm(), materials });
      expect(res.status).to.equal(201);
      const caseNo = res.body.caseNo as string;

      await Promise.race([proxy.held, new Promise((_, reject) => setTimeout(() => reject(new Error('the worker never tried to complete')), 30_000))]);
      const c = (await Case.findOne({ where: { caseNo } }))!;
      expect(c.status, 'the effect was committed before complete').to.equal('accepted');
      child.kill('SIGKILL');
      await new Promise((resolve) => child.once('exit', resolve));

      // the engine still holds the task, locked by the dead worker; the next worker takes it over
      const acceptance = await instanceOf(caseNo, PROCESS_KEYS.acceptance);
      const [task] = await env.engine.externalTasks({ processInstanceId: acceptance.id, topicName: 'acceptance' });
      expect(task, 'the external task is still open').to.exist;
      // A lock that expires wakes no long poll, so start the next worker once it has expired.
      const expiresIn = new Date(task!.lockExpirationTime!).getTime() - Date.now();
      await new Promise((r) => setTimeout(r, Math.max(expiresIn, 0) + 250));
      await env.restartWorkers();
      await waitForTask('reviewer', caseNo, 'review', 10_000);

      const accepted = await TimelineEvent.count({ where: { caseId: c.id, type: 'acceptance.accepted' } });
      expect(accepted, 'one acceptance on the timeline').to.equal(1);
      const types = (await waitForStatus('clerk', caseNo, 'accepted')).timeline.map((e: { type: string }) => e.type);
      expect(
        types.filter((t: string) => t !== 'result.sealed'),
        'submitted and accepted, once each (秒批 then sends the case, a food business, to the reviewer)',
      ).to.deep.equal(['case.submitted', 'acceptance.accepted', 'instant.referred']);
      // the 受理通知书 is sealed once the task is done, by whichever worker completed it: once
      await eventually('the notice sealed', async () => (await TimelineEvent.count({ where: { caseId: c.id, type: 'result.sealed' } })) === 1);
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
      await proxy.close();
    }
  });
});
