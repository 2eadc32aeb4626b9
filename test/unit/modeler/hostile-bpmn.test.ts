import { expect } from 'chai';
import { checkBpmn, checkDeployment } from '../../../server/modeler/deployment-policy.ts';
import { allTemplates } from '../../../server/modeler/element-templates.ts';
import { cycleSeconds, DEFAULT_POLICY_BOUNDS, durationSeconds } from '../../../contract/bpmn/lint/rules/resource-bounds.ts';
import { isSecurityRule } from '../../../contract/bpmn/lint/security-first.ts';
import { cleanItemProcess, replaceOnce, VIOLATIONS, type Template } from '../../modeler/support/bpmn-fixtures.ts';
import { HOSTILE_BPMN, withEntityBomb } from '../../modeler/support/hostile-bpmn.ts';

const KEY = 'item_hostile_unit';
const clean = () => cleanItemProcess(KEY, allTemplates() as unknown as Template[]);
const errorsOf = async (xml: string, bounds = DEFAULT_POLICY_BOUNDS) =>
  (await checkDeployment(xml, KEY, new Set(), bounds)).problems.filter((p) => p.severity === 'error');
const withTimeout = (value: string) =>
  replaceOnce(
    clean(),
    '<bpmn:timeDuration xsi:type="bpmn:tFormalExpression">P5D</bpmn:timeDuration>',
    `<bpmn:timeCycle xsi:type="bpmn:tFormalExpression">${value}</bpmn:timeCycle>`,
  );
const withCardinality = (n: number) =>
  replaceOnce(
    clean(),
    '<bpmn:incoming>f1</bpmn:incoming><bpmn:outgoing>f2</bpmn:outgoing></bpmn:userTask>',
    `<bpmn:incoming>f1</bpmn:incoming><bpmn:outgoing>f2</bpmn:outgoing><bpmn:multiInstanceLoopCharacteristics><bpmn:loopCardinality xsi:type="bpmn:tFormalExpression">${n}</bpmn:loopCardinality></bpmn:multiInstanceLoopCharacteristics></bpmn:userTask>`,
  );

describe('hostile BPMN against the deployment policy (security rules first)', () => {
  for (const hostile of HOSTILE_BPMN) {
    it(`refuses ${hostile.name}, by ${hostile.rule} at ${hostile.elementId ?? 'the file'}, before anything else`, async () => {
      const found = await errorsOf(hostile.apply(clean()));
      const match = found.find((p) => p.rule === hostile.rule && p.elementId === hostile.elementId);
      expect(match, JSON.stringify(found)).to.exist;
      expect(isSecurityRule(found[0]!.rule), JSON.stringify(found)).to.equal(true);
      expect(match!.message).to.match(/[\u4e00-\u9fff]/);
      expect(match!.en).to.be.a('string').and.not.equal(match!.message);
    });
  }

  it('lists a security finding before the diagram’s problems found with it', async () => {
    const candidateGroupMissing = VIOLATIONS.find((v) => v.rule === 'approval/user-task-candidate-group')!;
    const jdbc = HOSTILE_BPMN[0]!;
    const found = await errorsOf(jdbc.apply(candidateGroupMissing.apply(clean())));
    expect(found.map((p) => p.rule)).to.include.members(['approval/allowed-expressions', 'approval/user-task-candidate-group']);
    expect(found[0]!.rule).to.equal('approval/allowed-expressions');
    expect(found[0]!.message).to.contain('execution.processEngine');
  });

  it('refuses an entity expansion bomb before parsing', async () => {
    const { problems, parsed } = await checkBpmn(withEntityBomb(clean()));
    expect(parsed).to.equal(undefined);
    expect(problems.map((p) => p.rule)).to.deep.equal(['policy/no-doctype']);
  });

  it('keeps the bounds configurable: repeating timers, multi-instance sizes, elements, nesting', async () => {
    expect((await errorsOf(withTimeout('R/PT2H'))).filter((p) => p.rule === 'approval/resource-bounds')).to.deep.equal([]);
    expect(
      (await errorsOf(withTimeout('R3/2026-01-01T00:00:00Z/PT2H'), { ...DEFAULT_POLICY_BOUNDS, minTimerCycleMinutes: 180 })).map((p) => p.rule),
    ).to.include('approval/resource-bounds');
    expect((await errorsOf(withCardinality(200))).filter((p) => p.rule === 'approval/resource-bounds')).to.deep.equal([]);
    expect((await errorsOf(withCardinality(201))).map((p) => p.rule)).to.include('approval/resource-bounds');
    expect((await errorsOf(withCardinality(20), { ...DEFAULT_POLICY_BOUNDS, maxInstances: 10 })).map((p) => p.rule)).to.include('approval/resource-bounds');
    const tooMany = (await errorsOf(clean(), { ...DEFAULT_POLICY_BOUNDS, maxElements: 10 })).find((p) => p.rule === 'approval/resource-bounds');
    expect(tooMany).to.include({ elementId: KEY });
    expect(tooMany!.en).to.match(/Too many flow elements \(15\): at most 10/);
    const nested = replaceOnce(
      clean(),
      '<bpmn:endEvent id="ended_timeout" name="逾期终止"><bpmn:incoming>f6</bpmn:incoming></bpmn:endEvent>',
      '<bpmn:endEvent id="ended_timeout" name="逾期终止"><bpmn:incoming>f6</bpmn:incoming></bpmn:endEvent><bpmn:subProcess id="outer"><bpmn:subProcess id="inner" /></bpmn:subProcess>',
    );
    const deep = (await errorsOf(nested, { ...DEFAULT_POLICY_BOUNDS, maxNesting: 1 })).find((p) => p.rule === 'approval/resource-bounds');
    expect(deep).to.include({ elementId: 'inner' });
    expect((await errorsOf(nested)).filter((p) => p.rule === 'approval/resource-bounds')).to.deep.equal([]);
  });

  it('reads ISO 8601 durations and repeating intervals', () => {
    expect(durationSeconds('PT1S')).to.equal(1);
    expect(durationSeconds('P1DT2H30M')).to.equal(86400 + 2 * 3600 + 30 * 60);
    expect(durationSeconds('P2W')).to.equal(14 * 86400);
    expect(durationSeconds('P1M')).to.equal(30 * 86400);
    for (const bad of ['P', 'PT', '1H', 'P1H', 'PT1X', '']) expect(durationSeconds(bad), bad).to.equal(null);
    expect(cycleSeconds('R/PT1H')).to.equal(3600);
    expect(cycleSeconds('R5/2026-01-01T00:00:00Z/P1D')).to.equal(86400);
    expect(cycleSeconds('R/2026-01-01T00:00:00Z/2026-01-02T00:00:00Z')).to.equal(null);
    expect(cycleSeconds('0 0 * * * ?')).to.equal(null);
    expect(cycleSeconds('PT1H')).to.equal(null);
  });
});
