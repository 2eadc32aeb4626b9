/**
 * The two heavy viewers of a case's panels, each in its own chunk: bpmn-js for the progress
 * diagram, form-js for a task's form. Neither is on the way to the page's text: the page renders
 * first and they follow. A page that will show them (the task page) starts loading them early,
 * beside its data, so that they need not wait for it.
 */
export const loadBpmnViewer = () => import('../shared/BpmnViewer.vue');
export const loadFormViewer = () => import('../forms/FormViewer.vue');
