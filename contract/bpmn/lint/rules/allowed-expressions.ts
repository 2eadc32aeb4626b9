import { is, ownerId, stringValues, type ModdleElement, type Reporter, type Rule } from '../moddle.ts';
import { disallowedExpressionsIn } from '../expressions.ts';

/**
 * approval/allowed-expressions: an expression reads process variables by name and combines them
 * with literals and operators, nothing else (../expressions.ts: the grammar and the platform's three
 * reads). Scripts are no-script-task's business.
 */
export default function allowedExpressions(): Rule {
  return {
    check(node: ModdleElement, reporter: Reporter) {
      if (is(node, 'camunda:Script')) return;
      for (const [property, value] of stringValues(node)) {
        for (const { expression, offence } of disallowedExpressionsIn(value)) {
          reporter.report(
            ownerId(node),
            `表达式只能按名称读取流程变量，并用字面量和比较、逻辑、算术运算组合：不允许“${offence}”（${property}: \${${expression}}）`,
            {
              en: `Expressions may only read process variables by name and combine them with literals and comparison, boolean and arithmetic operators: "${offence}" is not allowed (${property}: \${${expression}})`,
            },
          );
        }
      }
    },
  };
}
