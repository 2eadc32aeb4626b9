import { camundaAttr, is, ownerId, type ModdleElement, type Reporter, type Rule } from '../moddle.ts';

/**
 * approval/no-script-task: scripts run inside the engine with its rights. No script task, no
 * camunda:script (listeners, input/output parameters), no script conditions (a condition with a
 * language).
 */
export default function noScriptTask(): Rule {
  return {
    check(node: ModdleElement, reporter: Reporter) {
      if (is(node, 'bpmn:ScriptTask')) {
        reporter.report(node.id, '不允许使用脚本任务，请改用机器环节模板（外部任务）', {
          en: 'Script tasks are not allowed; use a machine step template (external task)',
        });
      } else if (is(node, 'camunda:Script')) {
        reporter.report(ownerId(node), '不允许使用脚本（监听器或输入输出参数中的 camunda:script）', {
          en: 'Scripts are not allowed (camunda:script in a listener or an input/output parameter)',
        });
      } else if (is(node, 'bpmn:Expression') && (typeof node.language === 'string' || node.$attrs?.language || camundaAttr(node, 'resource'))) {
        reporter.report(ownerId(node), "不允许使用脚本条件，请写成变量比较，如 ${decisionOutcome == 'approve'}", {
          en: "Script conditions are not allowed; compare variables, e.g. ${decisionOutcome == 'approve'}",
        });
      }
    },
  };
}
