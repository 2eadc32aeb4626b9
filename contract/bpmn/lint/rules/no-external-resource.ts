import { camundaAttr, is, ownerId, type ModdleElement, type Reporter, type Rule } from '../moddle.ts';

const URL_LIKE = /^\s*([a-z][a-z0-9+.-]*:\/\/|\/\/|\\\\)/i;

/**
 * approval/no-external-resource: a deployment is self-contained. No imports of other files, no
 * scripts or forms loaded from elsewhere (camunda:resource, a form key that is a URL) and no
 * connectors (they call outside systems from inside the engine).
 */
export default function noExternalResource(): Rule {
  return {
    check(node: ModdleElement, reporter: Reporter) {
      if (is(node, 'bpmn:Import')) {
        const location = typeof node.location === 'string' ? node.location : '';
        reporter.report(ownerId(node), `不允许引用外部文件（import ${location}）`, { en: `External files may not be imported (import ${location})` });
        return;
      }
      if (is(node, 'camunda:Connector')) {
        reporter.report(ownerId(node), '不允许使用连接器（camunda:connector）调用外部系统，请改用机器环节模板', {
          en: 'Connectors (camunda:connector) may not call outside systems; use a machine step template',
        });
        return;
      }
      const resource = is(node, 'camunda:Script')
        ? (node.resource as string | undefined)
        : is(node, 'bpmn:BaseElement')
          ? camundaAttr(node, 'resource')
          : undefined;
      if (resource) {
        reporter.report(ownerId(node), `不允许加载外部资源（camunda:resource="${resource}"）`, {
          en: `External resources may not be loaded (camunda:resource="${resource}")`,
        });
      }
      const formKey = is(node, 'bpmn:UserTask') || is(node, 'bpmn:StartEvent') ? camundaAttr(node, 'formKey') : undefined;
      if (formKey && URL_LIKE.test(formKey)) {
        reporter.report(node.id, `表单不能指向外部地址（camunda:formKey="${formKey}"）`, {
          en: `A form may not point to an outside address (camunda:formKey="${formKey}")`,
        });
      }
    },
  };
}
