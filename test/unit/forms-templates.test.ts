import { expect } from 'chai';
import { Ajv } from 'ajv';
import { readFileSync } from 'node:fs';
import { allTemplates } from '../../server/modeler/element-templates.ts';
import { withItemFormChoice } from '../../server/modeler/form-templates.ts';

const schema = JSON.parse(readFileSync(new URL('../../contract/bpmn/templates/schema/element-template.schema.json', import.meta.url), 'utf8'));
const items = [
  { code: 'SCJG-SP-002', name: '食品经营许可' },
  { code: 'SCJG-GT-001', name: '个体工商户设立登记' },
];

describe('item forms in the modeler: a user task links an item form from a list', () => {
  const templates = withItemFormChoice(allTemplates(), items);

  it('gives every user-task template the list of item forms, bound to camunda:formRef with binding latest', () => {
    const userTasks = templates.filter((t) => t.appliesTo.includes('bpmn:UserTask'));
    expect(userTasks.length).to.be.greaterThan(3);
    for (const t of userTasks) {
      const formRef = t.properties.find((p) => (p.binding as { name?: string }).name === 'camunda:formRef') as {
        type: string;
        choices: { name: string; value: string }[];
      };
      expect(formRef.type, t.id).to.equal('Dropdown');
      expect(formRef.choices.map((c) => c.value)).to.deep.equal(['', 'form_SCJG-GT-001', 'form_SCJG-SP-002']);
      expect(formRef.choices[1]!.name).to.equal('个体工商户设立登记（SCJG-GT-001）');
      expect(t.properties.find((p) => (p.binding as { name?: string }).name === 'camunda:formRefBinding')).to.deep.include({ type: 'Hidden', value: 'latest' });
    }
    const others = templates.filter((t) => !t.appliesTo.includes('bpmn:UserTask'));
    expect(others.every((t) => !JSON.stringify(t).includes('camunda:formRef'))).to.equal(true);
  });

  it('stay valid templates of the subset we use', () => {
    const validate = new Ajv({ allErrors: true, strict: true, strictRequired: false, allowUnionTypes: true }).compile(schema);
    for (const template of templates) expect(validate(template), `${template.id}: ${JSON.stringify(validate.errors)}`).to.equal(true);
  });
});
