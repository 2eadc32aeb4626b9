// test-plan: one-profile — an H2 engine of its own (the embedded default's), whichever lane runs it
import { expect } from 'chai';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildEngine, startEngine, type RunningEngine } from '../../scripts/lib/engine.ts';
import { EngineClient } from '../../server/engine/client.ts';

const USER = 'durability';
const PASSWORD = 'durability-test-password';

/** A process that waits at a user task: each started instance is one row the engine committed. */
const WAITING_PROCESS = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="durability" targetNamespace="http://approval.gov.cn/test">
  <bpmn:process id="durability_probe" isExecutable="true" camunda:historyTimeToLive="1">
    <bpmn:startEvent id="started" />
    <bpmn:sequenceFlow id="to_wait" sourceRef="started" targetRef="wait" />
    <bpmn:userTask id="wait" />
    <bpmn:sequenceFlow id="to_end" sourceRef="wait" targetRef="ended" />
    <bpmn:endEvent id="ended" />
  </bpmn:process>
</bpmn:definitions>`;

describe('the embedded default engine (H2 file) keeps every acknowledged commit across a kill -9 (崩溃恢复)', function () {
  this.timeout(600_000);
  const dataDir = mkdtempSync(join(tmpdir(), 'engine-durability-'));
  let engine: RunningEngine | undefined;
  const start = async () => {
    engine = await startEngine({ port: 0, dataDir, user: USER, password: PASSWORD, env: { ENGINE_JOB_EXECUTOR: 'false' } });
    return new EngineClient({ url: engine.url, user: USER, password: PASSWORD });
  };
  after(async () => {
    await engine?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('every process instance the engine answered for is there after the process is killed at once (WRITE_DELAY=0)', async () => {
    await buildEngine();
    let client = await start();
    await client.deploy('durability', [{ name: 'durability.bpmn', content: WAITING_PROCESS }]);
    const acknowledged: string[] = [];
    for (let i = 0; i < 5; i++) acknowledged.push((await client.startProcess('durability_probe', `probe-${i}`, {})).id);
    // killed the moment the last answer came: H2's default (a write delay of 500 ms) lost most of them
    process.kill(engine!.pid, 'SIGKILL');
    await engine!.stop();
    client = await start();
    const found = await client.findProcessInstances({ processDefinitionKey: 'durability_probe' }, 100);
    expect(found.map((p) => p.id).sort()).to.deep.equal([...acknowledged].sort());
  });
});
