import { is, ownerId, stringValues, type ModdleElement, type Reporter, type Rule } from '../moddle.ts';
import { forbiddenCallsIn } from '../expressions.ts';

/**
 * approval/no-method-call: expressions compare and read variables; they call no methods
 * (see ../expressions.ts for the two allowed reads). Scripts are no-script-task's business.
 */
export default function noMethodCall(): Rule {
  return {
    check(node: ModdleElement, reporter: Reporter) {
      if (is(node, 'camunda:Script')) return;
      for (const [property, value] of stringValues(node)) {
        const calls = forbiddenCallsIn(value);
        if (!calls.length) continue;
        reporter.report(ownerId(node), `表达式不允许调用方法：${calls.join('、')}（${property}: ${value}）。只能比较或读取流程变量`, {
          en: `Expressions may not call methods: ${calls.join(', ')} (${property}: ${value}). Compare or read process variables only`,
        });
      }
    },
  };
}
