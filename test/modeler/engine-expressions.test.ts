// test-plan: every-profile — collections reach the engine only where it takes JSON (Camunda's Spin)
import { expect } from 'chai';
import { testEnv } from '../support/environment.ts';
import { engineCall, engineTakesJson } from '../support/engine.ts';
import { uniqueKey } from './support/modeler-api.ts';

/** A process deployed straight to the engine (as if the policy had been walked around): one task named by an expression. */
const taskNamedBy = (key: string, expression: string) => `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="defs_${key}" targetNamespace="http://approval.gov.cn/test">
  <bpmn:process id="${key}" isExecutable="true" camunda:historyTimeToLive="1">
    <bpmn:startEvent id="start"><bpmn:outgoing>f1</bpmn:outgoing></bpmn:startEvent>
    <bpmn:userTask id="named" name="${expression}"><bpmn:incoming>f1</bpmn:incoming><bpmn:outgoing>f2</bpmn:outgoing></bpmn:userTask>
    <bpmn:endEvent id="end"><bpmn:incoming>f2</bpmn:incoming></bpmn:endEvent>
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="named" />
    <bpmn:sequenceFlow id="f2" sourceRef="named" targetRef="end" />
  </bpmn:process>
</bpmn:definitions>`;

describe('the engine behind the deployment policy', () => {
  it('resolves no Spring bean in an expression: a bean name is an unknown variable, and the start is refused', async () => {
    const { engine } = testEnv();
    for (const bean of ['processEngineConfiguration', 'dataSource']) {
      const key = uniqueKey('beans');
      await engine.deploy(key, [{ name: `${key}.bpmn`, content: Buffer.from(taskNamedBy(key, `\${${bean}}`)) }]);
      const refused = await engineCall('POST', `/process-definition/key/${key}/start`, {}).then(
        () => 'started',
        (err: Error) => err.message,
      );
      expect(refused, `${bean}: ${refused}`).to.match(/Unknown property used in expression|Cannot resolve identifier/);
      expect(await engineCall<unknown[]>('GET', `/process-instance?processDefinitionKey=${key}`), bean).to.deep.equal([]);

      // the same name given as a process variable is read as one
      const started = await engineCall<{ id: string }>('POST', `/process-definition/key/${key}/start`, {
        variables: { [bean]: { value: '一个变量', type: 'String' } },
      });
      const [task] = await engineCall<{ name: string }[]>('GET', `/task?processInstanceId=${started.id}`);
      expect(task!.name).to.equal('一个变量');
      await engineCall('DELETE', `/process-instance/${started.id}?skipCustomListeners=true`);
    }
  });
});

/** A process deployed straight to the engine: a multi-instance `inner` (a plain task, or a receive task to wait in) over `loop`. */
const multiInstance = (key: string, loop: string, inner: 'task' | 'receiveTask' = 'task') => `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" id="defs_${key}" targetNamespace="http://approval.gov.cn/test">
  <bpmn:process id="${key}" isExecutable="true" camunda:historyTimeToLive="1">
    <bpmn:startEvent id="start"><bpmn:outgoing>f1</bpmn:outgoing></bpmn:startEvent>
    <bpmn:${inner} id="each"><bpmn:incoming>f1</bpmn:incoming><bpmn:outgoing>f2</bpmn:outgoing>${loop}</bpmn:${inner}>
    <bpmn:endEvent id="end"><bpmn:incoming>f2</bpmn:incoming></bpmn:endEvent>
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="each" />
    <bpmn:sequenceFlow id="f2" sourceRef="each" targetRef="end" />
  </bpmn:process>
</bpmn:definitions>`;
const byCardinality = (sequential = false) =>
  `<bpmn:multiInstanceLoopCharacteristics isSequential="${sequential}"><bpmn:loopCardinality xsi:type="bpmn:tFormalExpression">\${n}</bpmn:loopCardinality></bpmn:multiInstanceLoopCharacteristics>`;

describe('the engine bounds every multi-instance activity at run time (POLICY_MAX_INSTANCES), whatever its variables say', () => {
  const max = () => testEnv().server.ctx.config.policy.maxInstances;
  const deployed = async (prefix: string, xml: (key: string) => string) => {
    const key = uniqueKey(prefix);
    await testEnv().engine.deploy(key, [{ name: `${key}.bpmn`, content: Buffer.from(xml(key)) }]);
    return key;
  };
  const start = (key: string, variables: Record<string, unknown>) =>
    engineCall<{ id: string; ended: boolean }>('POST', `/process-definition/key/${key}/start`, { variables }).then(
      (started) => started,
      (err: Error) => err.message,
    );
  const refusal = (n: number) => new RegExp(`approval policy: the multi-instance activity 'each' asks for ${n} instances; at most ${max()} may run`);
  const instancesOf = (key: string) => engineCall<unknown[]>('GET', `/process-instance?processDefinitionKey=${key}`);

  it('runs a cardinality read from a variable up to the bound, and refuses one more before any instance is made, parallel or sequential', async () => {
    for (const sequential of [false, true]) {
      const key = await deployed('bounded', (k) => multiInstance(k, byCardinality(sequential)));
      // a variable a form or a situation answer could have set, as the number or as its text
      const atBound = await start(key, { n: { value: max(), type: 'Integer' } });
      expect(atBound, String(atBound)).to.include({ ended: true });
      for (const n of [
        { value: max() + 1, type: 'Integer' },
        { value: '1000000', type: 'String' },
      ]) {
        const refused = await start(key, { n });
        expect(refused, `${sequential ? 'sequential' : 'parallel'} ${n.value}`)
          .to.be.a('string')
          .and.match(refusal(Number(n.value)));
      }
      expect(await instancesOf(key), 'nothing of a refused start is kept').to.deep.equal([]);
    }
  });

  it('refuses one instance more than the bound added to a running body (加签 by a process instance modification)', async () => {
    const key = await deployed('bounded_add', (k) => multiInstance(k, byCardinality(), 'receiveTask'));
    const started = await start(key, { n: { value: max() - 1, type: 'Integer' } });
    expect(started).to.have.property('id');
    const id = (started as { id: string }).id;
    const tree = await engineCall<{ childActivityInstances: { id: string; activityId: string }[] }>('GET', `/process-instance/${id}/activity-instances`);
    const body = tree.childActivityInstances.find((a) => a.activityId === 'each#multiInstanceBody')!;
    const addOne = () =>
      engineCall('POST', `/process-instance/${id}/modification`, {
        instructions: [{ type: 'startBeforeActivity', activityId: 'each', ancestorActivityInstanceId: body.id }],
      }).then(
        () => 'added',
        (err: Error) => err.message,
      );
    expect(await addOne()).to.equal('added');
    expect(await addOne()).to.match(refusal(max() + 1));
    const waiting = await engineCall<{ count: number }>('GET', `/execution/count?processInstanceId=${id}&activityId=each`);
    expect(waiting.count).to.equal(max());
    await engineCall('DELETE', `/process-instance/${id}?skipCustomListeners=true`);
  });

  it('refuses a collection larger than the bound', async function () {
    // a Collection reaches the engine over REST only as a JSON-serialised Java list (engineTakesJson)
    if (!engineTakesJson()) this.skip();
    const key = await deployed('bounded_collection', (k) =>
      multiInstance(k, '<bpmn:multiInstanceLoopCharacteristics camunda:collection="people" camunda:elementVariable="person" />'),
    );
    const list = (size: number) => ({
      value: JSON.stringify(Array.from({ length: size }, (_, i) => `p${i}`)),
      type: 'Object',
      valueInfo: { objectTypeName: 'java.util.ArrayList<java.lang.String>', serializationDataFormat: 'application/json' },
    });
    expect(await start(key, { people: list(max()) })).to.include({ ended: true });
    expect(await start(key, { people: list(max() + 1) })).to.match(refusal(max() + 1));
    expect(await instancesOf(key)).to.deep.equal([]);
  });
});
