import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { flowNodesOf, startingPointOf, stepIdOf } from '../../server/operations/process-steps.ts';

describe('the steps of a process, as operations read them', () => {
  const food = flowNodesOf(readFileSync('processes/food-business-licence/process.bpmn', 'utf8'));
  const bundle = flowNodesOf(readFileSync('processes/bundle-joint-review/process.bpmn', 'utf8'));

  it('knows a multi-instance step (会签, the items of a bundle) from a step of one', () => {
    expect(food.find((s) => s.id === 'site_inspection')).to.include({ type: 'userTask', multiInstance: true });
    expect(food.find((s) => s.id === 'review')).to.include({ type: 'userTask', multiInstance: false });
    expect(bundle.filter((s) => s.multiInstance).map((s) => s.type)).to.deep.equal(['callActivity']);
  });

  it('starts a multi-instance step as a whole, and names an instance of its body by the step', () => {
    expect(startingPointOf(food.find((s) => s.id === 'site_inspection')!)).to.equal('site_inspection#multiInstanceBody');
    expect(startingPointOf(food.find((s) => s.id === 'review')!)).to.equal('review');
    expect(stepIdOf('site_inspection#multiInstanceBody')).to.equal('site_inspection');
  });

  it('does not take the loop of a step inside a sub-process for the sub-process’s own', () => {
    const xml = `<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"><bpmn:process id="p">
      <bpmn:subProcess id="outer" name="外层"><bpmn:startEvent id="s" />
        <bpmn:userTask id="inner"><bpmn:multiInstanceLoopCharacteristics /></bpmn:userTask>
      </bpmn:subProcess><bpmn:endEvent id="e" /></bpmn:process></bpmn:definitions>`;
    expect(flowNodesOf(xml).map((s) => [s.id, s.multiInstance])).to.deep.equal([
      ['outer', false],
      ['inner', true],
      ['e', false],
    ]);
  });
});
