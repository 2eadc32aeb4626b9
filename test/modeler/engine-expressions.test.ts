import { expect } from 'chai';
import { testEnv } from '../support/environment.ts';
import { engineCall } from '../support/engine.ts';
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
