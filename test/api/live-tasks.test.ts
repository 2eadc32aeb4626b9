import { expect } from 'chai';
import { spawn, type ChildProcess } from 'node:child_process';
import { api, applicant, auth, completeMaterials, ITEM, submit, validForm, waitForTask } from '../support/api.ts';
import { testEnv } from '../support/environment.ts';
import { eventually } from '../support/eventually.ts';
import { listen, within, type Listening } from '../support/sockets.ts';
import { freePort, REPO_ROOT } from '../../scripts/lib/engine.ts';

type TaskEvent = { type: string; taskId: string; taskDefinitionKey: string; caseNo: string; assignee: string | null; previousAssignee: string | null };

const post = async (user: string, path: string, body: Record<string, unknown> = {}) =>
  api()
    .post(`/api/v1${path}`)
    .set(await auth(user))
    .send(body);
const newCase = async () => {
  const res = await submit('applicant', { itemCode: ITEM, applicant: applicant(), form: validForm(), materials: await completeMaterials('applicant') });
  expect(res.status, JSON.stringify(res.body)).to.equal(201);
  return res.body.caseNo as string;
};
const of = (l: Listening<TaskEvent>, caseNo: string) => l.received.filter((e) => e.caseNo === caseNo);
const saw = (l: Listening<TaskEvent>, caseNo: string, type: string, key?: string) =>
  within(5000, () => of(l, caseNo).some((e) => e.type === type && (!key || e.taskDefinitionKey === key)));

describe('live task events (engine plugin → server → socket.io)', () => {
  it('tells each open inbox of the tasks it may see being created, claimed, transferred and completed, and nothing else', async () => {
    const [reviewer, reviewer4, leader, fire] = await Promise.all(['reviewer', 'reviewer4', 'leader', 'reviewer2'].map((u) => listen<TaskEvent>(u, 'task')));
    try {
      const caseNo = await newCase();
      // the engine creates the review task in a worker's completion: the plugin pushes it, nobody polls
      expect(await saw(reviewer, caseNo, 'created', 'review'), 'the role hears of the new task').to.equal(true);
      expect(await saw(reviewer4, caseNo, 'created', 'review')).to.equal(true);
      const task = await waitForTask('reviewer', caseNo, 'review');

      expect((await post('reviewer', `/tasks/${task.id}/claim`)).status).to.equal(200);
      expect(await saw(reviewer4, caseNo, 'claimed'), 'the others of the role see it leave the shared list').to.equal(true);
      expect(of(reviewer4, caseNo).find((e) => e.type === 'claimed')!.assignee).to.equal('reviewer');

      expect((await post('reviewer', `/tasks/${task.id}/transfer`, { to: 'reviewer4', reason: '出差，转同组办理' })).status).to.equal(200);
      expect(await saw(reviewer4, caseNo, 'transferred'), 'the new holder hears of it').to.equal(true);
      expect(await saw(reviewer, caseNo, 'transferred'), 'the old holder sees it go').to.equal(true);
      expect(of(reviewer, caseNo).find((e) => e.type === 'transferred')).to.include({ assignee: 'reviewer4', previousAssignee: 'reviewer' });

      expect((await post('reviewer4', `/tasks/${task.id}/complete`, { outcome: 'approve', opinion: '同意' })).status).to.equal(200);
      expect(await saw(reviewer4, caseNo, 'completed', 'review')).to.equal(true);
      expect(await saw(leader, caseNo, 'created', 'decision'), 'the leader hears of the 签发 step').to.equal(true);

      await new Promise((r) => setTimeout(r, 300));
      expect(of(fire, caseNo), 'another department hears nothing of it').to.deep.equal([]);
      expect(
        of(reviewer, caseNo).some((e) => e.type === 'completed'),
        'nor does the one who handed it on',
      ).to.equal(false);
      expect(
        of(leader, caseNo).some((e) => e.taskDefinitionKey === 'review'),
        'nor the leader of the review step',
      ).to.equal(false);
    } finally {
      for (const l of [reviewer, reviewer4, leader, fire]) l.close();
    }
  });

  it('accepts task events only from the engine, and refuses malformed ones', async () => {
    const body = [{ event: 'create', taskId: 'x', candidateGroups: ['samr:reviewer'] }];
    expect((await api().post('/api/v1/engine-events').send(body)).status).to.equal(401);
    expect((await api().post('/api/v1/engine-events').auth('reviewer', 'demo').send(body)).status).to.equal(401);
    const { user, password } = testEnv().config.engine;
    const bad = await api()
      .post('/api/v1/engine-events')
      .auth(user, password)
      .send([{ event: 'explode', taskId: 'x' }]);
    expect(bad.status).to.equal(422);
    expect(bad.body.error.details[0].field).to.match(/^events/);
    const ok = await api().post('/api/v1/engine-events').auth(user, password).send(body);
    expect(ok.status).to.equal(200);
    expect(ok.body).to.deep.equal({ received: 1, sent: 1 });
  });

  describe('across two server nodes (redis adapter)', () => {
    let second: ChildProcess | undefined;
    let secondUrl = '';

    before(async () => {
      if (!testEnv().config.redisUrl) throw new Error('TEST_REDIS_URL is not set: run the suite through scripts/test.sh, which starts a Redis');
      const port = await freePort();
      secondUrl = `http://127.0.0.1:${port}`;
      second = spawn(process.execPath, ['--import', 'tsx', 'server/index.ts'], {
        cwd: REPO_ROOT,
        env: { ...process.env, ...testEnv().childEnv, PORT: String(port), LOG_LEVEL: 'warn' },
        stdio: ['ignore', 'ignore', 'inherit'],
      });
      const healthy = () =>
        fetch(`${secondUrl}/api/v1/health`).then(
          (res) => res.ok,
          () => false,
        ); // not listening yet: false
      await eventually('the second server node answering its health check', healthy, 90_000, { intervalMs: 250 });
    });

    after(async () => {
      if (second && second.exitCode === null) {
        const exited = new Promise((r) => second!.once('exit', r));
        second.kill('SIGTERM');
        await exited;
      }
    });

    it('reaches a socket on the other node, and only the users it concerns there', async () => {
      const reviewer = await listen<TaskEvent>('reviewer', 'task', secondUrl);
      const fire = await listen<TaskEvent>('reviewer2', 'task', secondUrl);
      try {
        const caseNo = await newCase(); // the engine posts its events to the first node
        expect(await saw(reviewer, caseNo, 'created', 'review'), 'heard on the second node').to.equal(true);
        await new Promise((r) => setTimeout(r, 300));
        expect(of(fire, caseNo)).to.deep.equal([]);
      } finally {
        reviewer.close();
        fire.close();
      }
    });
  });
});
