/**
 * Two engine nodes on one MariaDB database: a task created on node A reaches a worker long-polling
 * node B within a second (ExternalTaskWatcher, docs/engine.md), and tasks that sit unlocked with no
 * worker for their topic do not make B signal again and again.
 *
 * Needs a MariaDB/MySQL (TEST_MYSQL_*; a private one: eval "$(bash scripts/mariadb.sh start)"), and
 * starts its own two engine nodes, no server: not part of a lane's environment.
 */
import { expect } from 'chai';
import { startEngineNodes, type EngineNodes } from '../support/engine-nodes.ts';
import { deployWakeUpProcess, engineClient, startWakeUpWorker, wakeUpLatencies, type WakeUpWorker } from '../support/wake-up-probe.ts';
import { oneExternalStep } from '../../bench/models.ts';

const SIGNAL = /waking the long polls/;

describe('engine cluster: a task created on one node wakes a long poll waiting on another', function () {
  this.timeout(600_000);
  let cluster: EngineNodes;
  let worker: WakeUpWorker | undefined;
  const signalsOnB: string[] = [];

  before(async () => {
    cluster = await startEngineNodes({
      database: `camunda_wake_up${process.env.TEST_LANE ? `_${process.env.TEST_LANE.replace(/\W/g, '_')}` : ''}`,
      count: 2,
      // the watcher logs each signal at DEBUG; the default interval (250 ms) is what is tested
      env: () => ({ LOGGING_LEVEL_APPROVAL_ENGINE: 'DEBUG' }),
      onLog: (node, line) => {
        if (node === 1 && SIGNAL.test(line)) signalsOnB.push(line);
      },
    });
  });

  after(async () => {
    await worker?.stop();
    await cluster?.stop();
  });

  it('node A creates, the worker on node B gets each task within 1 s; idle unlocked tasks signal once', async () => {
    const [a, b] = cluster.nodes;
    const onA = engineClient(a!, cluster);
    await deployWakeUpProcess(onA);
    await onA.deploy('nobody-serves', [{ name: 'nobody-serves.bpmn', content: oneExternalStep('nobody_serves', 'nobody-serves') }]);
    worker = await startWakeUpWorker(b!, cluster);

    // tasks of a topic no worker serves: B sees them once, and then not again while they sit there
    for (let i = 0; i < 3; i++) await onA.startProcess('nobody_serves', `idle-${i}`, {});
    await new Promise((r) => setTimeout(r, 800));
    const afterFirstSight = signalsOnB.length;
    expect(afterFirstSight, 'B saw the new tasks of node A and woke its long polls').to.be.at.least(1);
    await new Promise((r) => setTimeout(r, 2500)); // ten rounds of the watcher
    expect(signalsOnB.length, `no more signals for tasks that sit unlocked: ${signalsOnB.slice(afterFirstSight).join(' | ')}`).to.equal(afterFirstSight);

    const latencies = await wakeUpLatencies(onA, worker, 10, 'test');
    expect(Math.max(...latencies), `latencies (ms): ${latencies.map(Math.round).join(', ')}`).to.be.at.most(1000);
  });
});
