/**
 * 表单 (forms), the public entry: the id an item's Camunda Form is deployed under (form_<code>),
 * which the modeler's user-task templates name. The item forms' editing and a task's form are
 * routed by forms.controller.ts.
 */
export { formIdOf } from './form-js-schema.ts';
