import { evaluate, unaryTest } from 'feelin';
import type { DecisionTable } from './decision-model.ts';

/**
 * Which rules of a decision table these inputs hit, as FEEL reads them (feelin): for each rule
 * whether every input entry's unary tests accept the input's value. The engine decides (its answer
 * is the outputs); this names the rules behind the answer, for the rule hit counts and the
 * timeline, which the engine's REST evaluation does not say (its decision history needs history
 * level FULL). `certain` is false where FEEL here warned (a name not given, values it cannot
 * compare): the caller then counts no rule rather than a wrong one.
 *
 * Under the hit policy FIRST only the first matching rule is hit; under the others every matching
 * rule is (UNIQUE, ANY, COLLECT and the orders apply all of them; PRIORITY picks among them by
 * their outputs, and all are counted as matched).
 */
export interface RuleMatch {
  /** the ids of the rules hit, in the table's order */
  rules: string[];
  certain: boolean;
}

const MATCH_ANYTHING = new Set(['', '-']);

export function matchRules(table: DecisionTable, context: Record<string, unknown>): RuleMatch {
  let certain = true;
  const values = table.inputs.map((input) => {
    try {
      const result = evaluate(input.expression.text, context);
      if (result.warnings.length) certain = false;
      return result.value ?? null;
    } catch {
      certain = false;
      return null;
    }
  });
  const rules: string[] = [];
  for (const rule of table.rules) {
    const hit = rule.inputEntries.every((entry, i) => {
      const text = entry.text.trim();
      if (MATCH_ANYTHING.has(text)) return true;
      try {
        const result = unaryTest(text, { ...context, '?': values[i] ?? null });
        if (result.warnings.length) certain = false;
        return result.value === true;
      } catch {
        certain = false;
        return false;
      }
    });
    if (hit) {
      rules.push(rule.id);
      if (table.hitPolicy === 'FIRST') break;
    }
  }
  return { rules, certain };
}
