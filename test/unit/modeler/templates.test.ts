import { expect } from 'chai';
import { Ajv } from 'ajv';
import { readFileSync } from 'node:fs';
import { ALL_TOPICS, NOTICES, REVIEW_RULES } from '../../../contract/topics.ts';
import { DEPARTMENTS } from '../../../server/organization/departments.ts';
import {
  allTemplates,
  CALL_TEMPLATES,
  FLOW_TEMPLATES,
  TOPIC_TEMPLATES,
  reviewStepTemplates,
  userTaskTemplates,
  type ElementTemplate,
} from '../../../server/modeler/element-templates.ts';
import { disallowedExpressionsIn } from '../../../contract/bpmn/lint/expressions.ts';
import { PROCESS_KEYS } from '../../../contract/topics.ts';
import { platformRuleSettings } from '../../../server/modeler/lint.ts';
import { templatesIn } from '../../../server/modeler/template-english.ts';

const schema = JSON.parse(readFileSync(new URL('../../../contract/bpmn/templates/schema/element-template.schema.json', import.meta.url), 'utf8'));
const bound = (t: ElementTemplate, name: string) =>
  t.properties.find((p) => (p.binding as { name: string }).name === name) as { type: string; value?: string; choices?: { value: string }[] } | undefined;

describe('element templates (contract/bpmn/templates)', () => {
  it('are valid Camunda 7 element templates of the subset we use (our schema, validated with ajv)', () => {
    const validate = new Ajv({ allErrors: true, strict: true, strictRequired: false, allowUnionTypes: true }).compile(schema);
    for (const template of allTemplates()) {
      expect(validate(template), `${template.id}: ${JSON.stringify(validate.errors)}`).to.equal(true);
    }
    const ids = allTemplates().map((t) => t.id);
    expect(new Set(ids).size).to.equal(ids.length);
  });

  it('offer each external-task topic exactly once, as a hidden binding on an external service task', () => {
    expect(TOPIC_TEMPLATES.map((t) => bound(t, 'camunda:topic')?.value).sort()).to.deep.equal([...ALL_TOPICS].sort());
    for (const t of TOPIC_TEMPLATES) {
      expect(t.appliesTo).to.deep.equal(['bpmn:ServiceTask']);
      expect(bound(t, 'camunda:type')).to.include({ type: 'Hidden', value: 'external' });
      expect(bound(t, 'camunda:topic')!.type).to.equal('Hidden');
      expect(t.name).to.match(/^[\u4e00-\u9fff]+$/);
    }
    expect(TOPIC_TEMPLATES.map((t) => t.name)).to.include.members(['受理', '告知', '联办结论', '会签分派', '会签汇总', '统一支付', '电子印章', '送达']);
  });

  it('let notify choose its notice from NOTICES, and the review steps their rule from REVIEW_RULES', () => {
    const notice = bound(
      TOPIC_TEMPLATES.find((t) => t.id === 'gov.approval.topic.notify')!,
      'notice',
    )!;
    expect(notice.type).to.equal('Dropdown');
    expect(notice.choices!.map((c) => c.value)).to.deep.equal(Object.keys(NOTICES));
    for (const id of ['gov.approval.topic.assign-reviewers', 'gov.approval.topic.tally']) {
      expect(
        bound(
          TOPIC_TEMPLATES.find((t) => t.id === id)!,
          'reviewRule',
        )!.choices!.map((c) => c.value),
      ).to.deep.equal([...REVIEW_RULES]);
    }
  });

  it("offer user tasks to every department's reviewers and leaders, the case's department and the window, with groups that exist", () => {
    const groups = userTaskTemplates().map((t) => bound(t, 'camunda:candidateGroups')!.value);
    for (const d of DEPARTMENTS) expect(groups).to.include.members([`${d.code}:reviewer`, `${d.code}:leader`]);
    expect(groups).to.include.members(['center:clerk', '${departmentCode}:reviewer', '${departmentCode}:leader']);
    const { groups: known, roles } = platformRuleSettings();
    for (const g of groups) expect(known.includes(g!) || roles.some((r) => g === `\${departmentCode}:${r}`), g).to.equal(true);
  });

  it("call the platform's acceptance and results sub-processes with the business key and every variable", () => {
    const byId = new Map(CALL_TEMPLATES.map((t) => [t.id, t]));
    const acceptance = byId.get('gov.approval.call.acceptance')!;
    const results = byId.get('gov.approval.call.results')!;
    expect(bound(acceptance, 'calledElement')).to.include({ type: 'Hidden', value: PROCESS_KEYS.acceptance });
    expect(bound(results, 'calledElement')).to.include({ type: 'Hidden', value: PROCESS_KEYS.results });
    const bindings = (t: ElementTemplate) => t.properties.map((p) => p.binding as { type: string; variables?: string });
    // acceptance hands its decision back; results has nothing to give back
    expect(bindings(acceptance).filter((b) => b.type.startsWith('camunda:'))).to.deep.equal([
      { type: 'camunda:in:businessKey' },
      { type: 'camunda:in', variables: 'all' },
      { type: 'camunda:out', variables: 'all' },
    ]);
    expect(bindings(results).filter((b) => b.type.startsWith('camunda:'))).to.deep.equal([
      { type: 'camunda:in:businessKey' },
      { type: 'camunda:in', variables: 'all' },
    ]);
    for (const t of CALL_TEMPLATES) expect(t.appliesTo).to.deep.equal(['bpmn:CallActivity']);
  });

  it('give sequence flows the conditions an item process routes on, as expressions our policy allows', () => {
    const expressions = Object.fromEntries(FLOW_TEMPLATES.map((t) => [t.name, bound(t, 'conditionExpression')!.value!]));
    expect(expressions).to.deep.equal({
      '条件：已受理': "${acceptanceDecision == 'accepted'}",
      '条件：准予': "${decisionOutcome == 'approve'}",
      '条件：不予': "${decisionOutcome == 'reject'}",
      '条件：容缺待补齐': "${execution.getVariable('deficient') == true}",
      '条件：一件事内办理': "${execution.getVariable('bundleCaseNo') != null}",
    });
    for (const expression of Object.values(expressions)) expect(disallowedExpressionsIn(expression), expression).to.deep.equal([]);
    for (const t of FLOW_TEMPLATES) expect(t.appliesTo).to.deep.equal(['bpmn:SequenceFlow']);
  });

  it('are all in English for an analyst working in English (names, descriptions, labels, choices, messages), writing the same values', () => {
    const cjk = /[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]/;
    const english = templatesIn(allTemplates(), 'en');
    const texts = (t: ElementTemplate) => [
      t.name,
      t.description ?? '',
      ...t.properties.flatMap((p) => {
        const q = p as { label?: string; description?: string; choices?: { name: string }[]; constraints?: { pattern?: { message?: string } } };
        return [q.label ?? '', q.description ?? '', ...(q.choices ?? []).map((c) => c.name), q.constraints?.pattern?.message ?? ''];
      }),
    ];
    for (const t of english) for (const text of texts(t)) expect(text, `${t.id}: ${text}`).not.to.match(cjk);
    const values = (ts: ElementTemplate[]) => ts.map((t) => t.properties.map((p) => [(p as { value?: unknown }).value, p.binding]));
    expect(values(english)).to.deep.equal(values(allTemplates()));
    expect(templatesIn(allTemplates(), 'zh-CN')).to.deep.equal(allTemplates());
  });

  it('offer 多人审批 with its rule from REVIEW_RULES and its group among the groups that exist, as extension properties', () => {
    const [review] = reviewStepTemplates();
    expect(review!.appliesTo).to.deep.equal(['bpmn:UserTask']);
    const rule = bound(review!, 'reviewRule')!;
    expect(rule.type).to.equal('Dropdown');
    expect(rule.choices!.map((c) => c.value)).to.deep.equal([...REVIEW_RULES]);
    const groups = bound(review!, 'reviewGroup')!.choices!.map((c) => c.value);
    const { groups: known, roles } = platformRuleSettings();
    expect(groups).to.include.members(['${departmentCode}:reviewer', 'samr:reviewer', 'fire:leader']);
    for (const g of groups) expect(known.includes(g) || roles.some((r) => g === `\${departmentCode}:${r}`), g).to.equal(true);
    expect(review!.properties.filter((p) => (p.binding as { type: string }).type === 'camunda:property').length).to.equal(2);
  });
});
