import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkBpmn } from '../../../server/modeler/deployment-policy.ts';
import { DEFAULT_POLICY_BOUNDS, type DeployedDecisionRef } from '../../../contract/bpmn/lint/index.ts';
import { REPO_ROOT } from '../../../scripts/lib/engine.ts';
import { replaceOnce } from '../../modeler/support/bpmn-fixtures.ts';

/**
 * The lint rules that refuse what would fail at run time (docs/modeler.md): approval/review-step
 * (a 会签 / 或签 / 依次 step as the workers run it), approval/known-notice (a notice the notify
 * worker sends) and approval/deployed-decision (a business rule task names a deployed decision).
 * The 会签 variants start from the shipped food-business-licence process (its site_inspection).
 */
const food = () => readFileSync(join(REPO_ROOT, 'processes', 'food-business-licence', 'process.bpmn'), 'utf8');
const ASSIGN = /(<bpmn:serviceTask id="assign_inspectors"[\s\S]*?<\/bpmn:serviceTask>)/;
const TALLY = /(<bpmn:serviceTask id="tally_inspection"[\s\S]*?<\/bpmn:serviceTask>)/;
const STEP = /(<bpmn:userTask id="site_inspection"[\s\S]*?<\/bpmn:userTask>)/;

/** Replaces inside one element only (the step's inputs appear in both the assign and the tally task). */
function within(xml: string, element: RegExp, find: string | RegExp, replacement: string): string {
  const before = element.exec(xml)![1] as string;
  const after = before.replace(find, () => replacement);
  if (after === before) throw new Error(`fixture variant did not apply: ${find}`);
  return xml.replace(before, () => after);
}

async function findings(xml: string, rule: string, decisions: DeployedDecisionRef[] = []) {
  const { problems } = await checkBpmn(xml, DEFAULT_POLICY_BOUNDS, decisions);
  return problems.filter((p) => p.rule === rule && p.severity === 'error');
}

/** One refusal, on that element, in words in both languages. */
async function refusedOnce(xml: string, rule: string, elementId: string, zh: RegExp, en: RegExp, decisions: DeployedDecisionRef[] = []) {
  const found = await findings(xml, rule, decisions);
  expect(found, JSON.stringify(found)).to.have.length(1);
  expect(found[0]!.elementId).to.equal(elementId);
  expect(found[0]!.message).to.match(zh);
  expect(found[0]!.en).to.match(en);
}

/** The shipped 会签 turned into another rule, consistently in all three places (and the loop made sequential for 依次). */
function asRule(xml: string, rule: string, completion: string, sequential: boolean): string {
  let out = xml.replace(/(name="reviewRule"(?: value=")?>?)countersign/g, `$1${rule}`);
  if (completion !== 'reject') out = within(out, STEP, "site_inspectionOutcome == 'reject'", `site_inspectionOutcome == '${completion}'`);
  if (sequential)
    out = within(
      out,
      STEP,
      '<bpmn:multiInstanceLoopCharacteristics camunda:asyncAfter="true">',
      '<bpmn:multiInstanceLoopCharacteristics isSequential="true" camunda:asyncAfter="true">',
    );
  return out;
}

describe('lint: review steps, notices and decisions (contract/bpmn/lint/rules)', () => {
  describe('approval/review-step', () => {
    it('passes the shipped 会签 and the same step written as 或签 and as 依次', async () => {
      expect(await findings(food(), 'approval/review-step')).to.deep.equal([]);
      expect(await findings(asRule(food(), 'any', 'approve', false), 'approval/review-step')).to.deep.equal([]);
      expect(await findings(asRule(food(), 'sequential', 'reject', true), 'approval/review-step')).to.deep.equal([]);
    });

    it('refuses a tally task whose step is not the multi-instance task (a wrong 会签 step id)', async () => {
      const found = await findings(within(food(), TALLY, '>site_inspection<', '>site_inspections<'), 'approval/review-step');
      expect(found.map((p) => p.elementId).sort()).to.deep.equal(['site_inspection', 'tally_inspection']);
      const tally = found.find((p) => p.elementId === 'tally_inspection')!;
      expect(tally.message).to.match(/会签汇总环节的会签环节“site_inspections”不是本流程中的多人审批/);
      expect(tally.en).to.match(/tally task's review step "site_inspections" is not/);
      expect(found.find((p) => p.elementId === 'site_inspection')!.message).to.match(/缺少会签汇总环节/);
    });

    it('refuses an assign task naming a plain user task as its step, and the step left without its assign task', async () => {
      const xml = within(food(), ASSIGN, '>site_inspection<', '>review<');
      const found = await findings(xml, 'approval/review-step');
      expect(found.map((p) => p.elementId).sort()).to.deep.equal(['assign_inspectors', 'site_inspection']);
      expect(found.find((p) => p.elementId === 'site_inspection')!.message).to.match(/缺少会签分派环节/);
      expect(found.find((p) => p.elementId === 'site_inspection')!.en).to.match(/has no assign-reviewers task/);
    });

    it('refuses an assign task whose rule differs from its step, and a rule no worker knows', async () => {
      await refusedOnce(
        within(food(), ASSIGN, '>countersign<', '>any<'),
        'approval/review-step',
        'assign_inspectors',
        /审批规则（或签）与环节“site_inspection”的审批规则（会签）不一致/,
        /rule \(any\) differs from the rule of step "site_inspection" \(countersign\)/,
      );
      await refusedOnce(
        within(food(), TALLY, '>countersign<', '>majority<'),
        'approval/review-step',
        'tally_inspection',
        /审批规则“majority”未知/,
        /unknown: "majority"/,
      );
    });

    it('refuses a step whose loop does not follow its rule: 依次 left parallel, 会签 ended by the first approval', async () => {
      await refusedOnce(asRule(food(), 'sequential', 'reject', false), 'approval/review-step', 'site_inspection', /依次审批.*依次（串行）/, /sequential/);
      await refusedOnce(
        within(food(), STEP, "== 'reject'", "== 'approve'"),
        'approval/review-step',
        'site_inspection',
        /设置与规则不符：完成条件/,
        /completion condition/,
      );
    });

    it('refuses a step reading the reviewers of another step, or without its local outcome variable or asyncAfter', async () => {
      await refusedOnce(
        within(food(), STEP, '${site_inspectionReviewers.', '${reviewReviewers.'),
        'approval/review-step',
        'site_inspection',
        /办理人取自另一个环节“review”的会签人员/,
        /reads the reviewers of another step, "review"/,
      );
      const bare = within(within(food(), STEP, '<camunda:inputParameter name="site_inspectionOutcome" />', ''), STEP, ' camunda:asyncAfter="true"', '');
      await refusedOnce(bare, 'approval/review-step', 'site_inspection', /局部结果变量 site_inspectionOutcome.*|多实例之后异步/, /asynchronous after the loop/);
    });
  });

  describe('approval/known-notice', () => {
    it('refuses a notify task with a notice no worker sends, naming the known ones', async () => {
      const xml = replaceOnce(food(), /(<camunda:inputParameter name="notice">)approved(<)/, '$1approve$2');
      const found = await findings(xml, 'approval/known-notice');
      expect(found).to.have.length(1);
      expect(found[0]!.message).to.match(/告知书“approve”没有程序能发出（可用：approved、refused/);
      expect(found[0]!.en).to.match(/No worker sends the notice "approve" \(known: approved, refused/);
      expect(await findings(food(), 'approval/known-notice')).to.deep.equal([]);
    });
  });

  describe('approval/deployed-decision', () => {
    const withRule = (ref: string) =>
      replaceOnce(
        food(),
        /<bpmn:userTask id="decision" name="签发"[^>]*>([\s\S]*?)<\/bpmn:userTask>/,
        `<bpmn:businessRuleTask id="decision" name="签发规则"${ref}>$1</bpmn:businessRuleTask>`,
      );

    it('refuses a business rule task when no decision is deployed, saying so', async () => {
      await refusedOnce(
        withRule(' camunda:decisionRef="licence_rules"'),
        'approval/deployed-decision',
        'decision',
        /决策“licence_rules”未部署；平台尚未部署任何决策/,
        /no decision \(DMN\) is deployed/,
      );
      await refusedOnce(withRule(''), 'approval/deployed-decision', 'decision', /没有引用已部署的决策/, /names no deployed decision/);
    });

    it('accepts a decision the engine has, and names the deployed ones for another', async () => {
      expect(await findings(withRule(' camunda:decisionRef="licence_rules"'), 'approval/deployed-decision', ['licence_rules'])).to.deep.equal([]);
      await refusedOnce(
        withRule(' camunda:decisionRef="fee_rules"'),
        'approval/deployed-decision',
        'decision',
        /已部署的决策：licence_rules/,
        /deployed decisions: licence_rules/,
        ['licence_rules'],
      );
    });

    it('refuses a decision reading what the process does not have, and accepts what the platform or the model sets', async () => {
      const task = withRule(' camunda:decisionRef="licence_rules"');
      const reading = (...reads: string[]) => [{ key: 'licence_rules', reads }];
      await refusedOnce(
        task,
        'approval/deployed-decision',
        'decision',
        /决策“licence_rules”读取流程中没有的变量：scopeNeedsPermit、premisesArea/,
        /reads variables the process does not have: scopeNeedsPermit, premisesArea/,
        reading('departmentCode', 'scopeNeedsPermit', 'premisesArea'),
      );
      // the platform's (departmentCode, deficient), a user task's outcome (reviewOutcome), an input parameter of the model (notice)
      expect(await findings(task, 'approval/deployed-decision', reading('departmentCode', 'deficient', 'reviewOutcome', 'notice'))).to.deep.equal([]);
    });
  });
});
