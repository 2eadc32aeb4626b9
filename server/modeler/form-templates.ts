import type { ElementTemplate } from './element-templates.ts';
import { formIdOf } from '../forms/index.ts';

/** What the modeler lists an item form by. */
export interface ItemFormChoice {
  code: string;
  name: string;
}

/**
 * The user-task templates with a choice of item form: 关联事项表单 lists every item's Camunda Form
 * (form_<code>, deployed by server/forms), written as camunda:formRef with
 * camunda:formRefBinding="latest", so the task shows the form's latest version and an analyst
 * never types a form id. "不关联" (empty) shows the case's own item form.
 */
export function withItemFormChoice(templates: ElementTemplate[], items: ItemFormChoice[]): ElementTemplate[] {
  const choices = [
    { name: '不关联（显示办件所属事项的表单）', value: '' },
    ...[...items].sort((a, b) => a.code.localeCompare(b.code)).map((i) => ({ name: `${i.name}（${i.code}）`, value: formIdOf(i.code) })),
  ];
  const formProperties = [
    {
      label: '关联事项表单',
      description: '办理时以只读方式显示该表单（Camunda Forms，camunda:formRef，取最新版本）',
      type: 'Dropdown',
      value: '',
      choices,
      binding: { type: 'property', name: 'camunda:formRef' },
    },
    { type: 'Hidden', value: 'latest', binding: { type: 'property', name: 'camunda:formRefBinding' } },
  ];
  return templates.map((t) => (t.appliesTo.includes('bpmn:UserTask') ? { ...t, properties: [...t.properties, ...formProperties] } : t));
}
