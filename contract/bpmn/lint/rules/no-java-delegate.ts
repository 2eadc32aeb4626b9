import { camundaAttr, is, ownerId, type ModdleElement, type Reporter, type Rule } from '../moddle.ts';

/** Where Camunda would load Java code or call a bean, by the element types that carry it. */
const DELEGATE_ATTRIBUTES: [type: string, attributes: string[]][] = [
  ['camunda:ServiceTaskLike', ['class', 'delegateExpression', 'expression']],
  ['camunda:ExecutionListener', ['class', 'delegateExpression', 'expression']],
  ['camunda:TaskListener', ['class', 'delegateExpression', 'expression']],
  ['camunda:FormSupported', ['formHandlerClass']],
  ['camunda:CallActivity', ['variableMappingClass', 'variableMappingDelegateExpression']],
];

/**
 * approval/no-java-delegate: no Java class, no bean (delegate expression) and no expression as
 * the implementation of a task or a listener. Machine work is done by our external-task workers.
 */
export default function noJavaDelegate(): Rule {
  return {
    check(node: ModdleElement, reporter: Reporter) {
      for (const [type, attributes] of DELEGATE_ATTRIBUTES) {
        if (!is(node, type)) continue;
        for (const attribute of attributes) {
          const value =
            is(node, 'bpmn:BaseElement') || is(node, 'bpmn:MessageEventDefinition') ? camundaAttr(node, attribute) : (node[attribute] as string | undefined);
          if (typeof value !== 'string' || value.trim() === '') continue;
          const where = is(node, 'camunda:ExecutionListener') || is(node, 'camunda:TaskListener') ? '监听器' : '元素';
          reporter.report(ownerId(node), `不允许使用 Java 类或 Bean（${where}的 camunda:${attribute}="${value}"），请改用机器环节模板（外部任务）`, {
            en: `Java classes and beans are not allowed (camunda:${attribute}="${value}" on a ${where === '监听器' ? 'listener' : 'element'}); use a machine step template (external task)`,
          });
        }
      }
    },
  };
}
