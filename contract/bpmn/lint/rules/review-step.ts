import { REVIEW_RULES } from '../../../topics.ts';
import { ASSIGN_TOPIC, isReviewRule, REVIEW_RULE_PROPERTY, reviewStepShape, RULE_LABELS, stepOfAssignee, TALLY_TOPIC } from '../../review-step.ts';
import { camundaAttr, camundaProperty, inputParameter, is, siblings, type ModdleElement, type Reporter, type Rule } from '../moddle.ts';

const PART = {
  [ASSIGN_TOPIC]: { zh: '会签分派', en: 'assign-reviewers' },
  [TALLY_TOPIC]: { zh: '会签汇总', en: 'tally' },
} as const;
type PartTopic = keyof typeof PART;

const topicOf = (node: ModdleElement): string | undefined =>
  is(node, 'camunda:ServiceTaskLike') && camundaAttr(node, 'type') === 'external' ? camundaAttr(node, 'topic') : undefined;
const isPart = (topic: string | undefined): topic is PartTopic => topic === ASSIGN_TOPIC || topic === TALLY_TOPIC;

/** A multi-instance user task that is a review step: it keeps a review rule, or reads its assignee from a reviewers list. */
function isReviewStep(node: ModdleElement): boolean {
  return (
    is(node, 'bpmn:UserTask') && (camundaProperty(node, REVIEW_RULE_PROPERTY) !== undefined || stepOfAssignee(camundaAttr(node, 'assignee')) !== undefined)
  );
}

const body = (expression: unknown): string =>
  typeof (expression as ModdleElement | undefined)?.body === 'string' ? ((expression as ModdleElement).body as string).trim() : '';
const same = (a: string, b: string): boolean => a.replace(/\s+/g, '') === b.replace(/\s+/g, '');
const rules = REVIEW_RULES.join('、');
const rulesEn = REVIEW_RULES.join(', ');

function checkPart(node: ModdleElement, topic: PartTopic, reporter: Reporter): void {
  const part = PART[topic];
  const step = inputParameter(node, 'step');
  if (!step) {
    reporter.report(node.id, `${part.zh}环节没有写明它属于哪个多人审批环节（输入参数 step）`, {
      en: `The ${part.en} task does not name its review step (input "step")`,
    });
  } else {
    const target = siblings(node).find((e) => e.id === step);
    if (!target || !is(target, 'bpmn:UserTask') || !is(target.loopCharacteristics as ModdleElement, 'bpmn:MultiInstanceLoopCharacteristics')) {
      reporter.report(node.id, `${part.zh}环节的会签环节“${step}”不是本流程中的多人审批（多实例）人工环节的标识`, {
        en: `The ${part.en} task's review step "${step}" is not the id of a multi-instance user task in this process`,
      });
    } else {
      const stepRule = camundaProperty(target, REVIEW_RULE_PROPERTY);
      const rule = inputParameter(node, 'reviewRule');
      if (stepRule && rule && isReviewRule(rule) && stepRule !== rule) {
        reporter.report(
          node.id,
          `${part.zh}环节的审批规则（${RULE_LABELS[rule].zh}）与环节“${step}”的审批规则（${isReviewRule(stepRule) ? RULE_LABELS[stepRule].zh : stepRule}）不一致`,
          {
            en: `The ${part.en} task's review rule (${rule}) differs from the rule of step "${step}" (${stepRule})`,
          },
        );
      }
    }
  }
  const rule = inputParameter(node, 'reviewRule');
  if (!rule || !isReviewRule(rule)) {
    reporter.report(node.id, `${part.zh}环节的审批规则${rule ? `“${rule}”未知` : '未填写'}（输入参数 reviewRule，可用：${rules}）`, {
      en: `The ${part.en} task's review rule is ${rule ? `unknown: "${rule}"` : 'missing'} (input "reviewRule"; known: ${rulesEn})`,
    });
  }
  if (topic === ASSIGN_TOPIC && !inputParameter(node, 'reviewGroup')) {
    reporter.report(node.id, '会签分派环节没有写明审批人员所在组（输入参数 reviewGroup）', {
      en: 'The assign-reviewers task does not name the reviewers\' group (input "reviewGroup")',
    });
  }
}

function checkStep(node: ModdleElement, reporter: Reporter): void {
  const id = node.id!;
  const fromAssignee = stepOfAssignee(camundaAttr(node, 'assignee'));
  const loop = node.loopCharacteristics as ModdleElement | undefined;
  if (!is(loop, 'bpmn:MultiInstanceLoopCharacteristics')) {
    reporter.report(id, '多人审批环节须为多实例人工环节，请从“多人审批（会签/或签/依次）”模板选择审批规则', {
      en: 'A review step by several people must be a multi-instance user task; pick the rule in the "Review by several people" template',
    });
    return;
  }
  const property = camundaProperty(node, REVIEW_RULE_PROPERTY);
  const rule = isReviewRule(property) ? property : loop!.isSequential ? 'sequential' : undefined;
  if (property !== undefined && !isReviewRule(property)) {
    reporter.report(id, `未知的审批规则“${property}”（可用：${rules}）`, { en: `Unknown review rule "${property}" (known: ${rulesEn})` });
  }
  if (fromAssignee !== undefined && fromAssignee !== id) {
    reporter.report(id, `办理人取自另一个环节“${fromAssignee}”的会签人员，应取自本环节“${id}”`, {
      en: `The assignee reads the reviewers of another step, "${fromAssignee}", not of this step "${id}"`,
    });
  }
  if (rule) {
    const shape = reviewStepShape(id, rule);
    const wrong: { zh: string; en: string }[] = [];
    if (fromAssignee === undefined) wrong.push({ zh: '办理人', en: 'assignee' });
    if (!same(body(loop!.loopCardinality), shape.loopCardinality)) wrong.push({ zh: '实例数', en: 'loop cardinality' });
    if (!same(body(loop!.completionCondition), shape.completionCondition)) wrong.push({ zh: '完成条件', en: 'completion condition' });
    if (Boolean(loop!.isSequential) !== shape.isSequential)
      wrong.push({ zh: shape.isSequential ? '依次（串行）' : '并行', en: shape.isSequential ? 'sequential' : 'parallel' });
    if (loop!.get('camunda:asyncAfter') !== true) wrong.push({ zh: '多实例之后异步', en: 'asynchronous after the loop' });
    if (inputParameter(node, shape.outcomeVariable) !== '')
      wrong.push({ zh: `局部结果变量 ${shape.outcomeVariable}`, en: `local outcome variable ${shape.outcomeVariable}` });
    if (wrong.length) {
      reporter.report(id, `多人审批环节（${RULE_LABELS[rule].zh}）的设置与规则不符：${wrong.map((w) => w.zh).join('、')}；请在属性面板中重新选择审批规则`, {
        en: `The review step (${RULE_LABELS[rule].en}) does not match its rule: ${wrong.map((w) => w.en).join(', ')}; choose the review rule again in the properties panel`,
      });
    }
  }
  const parts = siblings(node).filter((e) => inputParameter(e, 'step') === id);
  for (const topic of [ASSIGN_TOPIC, TALLY_TOPIC] as const) {
    if (!parts.some((e) => topicOf(e) === topic)) {
      reporter.report(id, `多人审批环节“${id}”缺少${PART[topic].zh}环节（step 为“${id}”的${PART[topic].zh}任务）`, {
        en: `The review step "${id}" has no ${PART[topic].en} task (one whose step is "${id}")`,
      });
    }
  }
}

/**
 * approval/review-step: a review by several people (会签/或签/依次) is written as the workers and
 * the server run it (contract/bpmn/review-step.ts): the assign-reviewers and tally tasks name a
 * multi-instance user task of their process as their step, with a known rule, the same as the
 * step's; the step reads its own reviewers, and its loop, completion condition and outcome
 * variable follow its rule.
 */
export default function reviewStep(): Rule {
  return {
    check(node: ModdleElement, reporter: Reporter) {
      const topic = topicOf(node);
      if (isPart(topic)) checkPart(node, topic, reporter);
      else if (isReviewStep(node)) checkStep(node, reporter);
    },
  };
}
