/**
 * Two engine nodes on one database (the cluster of ./support/shared-cluster.ts): a task created on
 * node A reaches a worker long-polling node B within a second (ExternalTaskWatcher, docs/engine.md),
 * and tasks that sit unlocked with no worker for their topic do not make B signal again and again.
 */
import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { deployWakeUpProcess, engineClient, startWakeUpWorker, wakeUpLatencies, type WakeUpWorker } from '../support/wake-up-probe.ts';
import { oneExternalStep } from '../../bench/models.ts';
import { clusterEnv } from './support/shared-cluster.ts';

const SIGNAL = /waking the long polls/;

describe('engine cluster: a task created on one node wakes a long poll waiting on another', function () {
  this.timeout(600_000);
  let worker: WakeUpWorker | undefined;

  after(async () => {
    await worker?.stop();
  });

  it('node A creates, the worker on node B gets each task within 1 s; idle unlocked tasks signal once', async () => {
    const { cluster, credentials } = clusterEnv();
    const [a, b] = cluster.engines.map((node) => ({ name: node.name, url: node.url! }));
    // B's signals, as its log says them (DEBUG: ./support/shared-cluster.ts)
    const signalsOnB = () =>
      readFileSync(join(cluster.logDir, `${b!.name}.log`), 'utf8')
        .split('\n')
        .filter((line) => SIGNAL.test(line));
    const onA = engineClient(a!, credentials);
    await deployWakeUpProcess(onA);
    await onA.deploy('nobody-serves', [{ name: 'nobody-serves.bpmn', content: oneExternalStep('nobody_serves', 'nobody-serves') }]);
    worker = await startWakeUpWorker(b!, credentials);

    // tasks of a topic no worker serves: B sees them once, and then not again while they sit there
    const before = signalsOnB().length;
    for (let i = 0; i < 3; i++) await onA.startProcess('nobody_serves', `idle-${i}`, {});
    await new Promise((r) => setTimeout(r, 800));
    const afterFirstSight = signalsOnB().length;
    expect(afterFirstSight - before, 'B saw the new tasks of node A and woke its long polls').to.be.at.least(1);
    await new Promise((r) => setTimeout(r, 2500)); // ten rounds of the watcher
    expect(signalsOnB().length, `no more signals for tasks that sit unlocked: ${signalsOnB().slice(afterFirstSight).join(' | ')}`).to.equal(afterFirstSight);

    const latencies = await wakeUpLatencies(onA, worker, 10, 'test');
    expect(Math.max(...latencies), `latencies (ms): ${latencies.map(Math.round).join(', ')}`).to.be.at.most(1000);
  });
});
