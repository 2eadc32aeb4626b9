import { fieldProblem, validationFailed } from '../errors/app-error.ts';
import type { Variables } from '../engine/types.ts';
import type { DecisionTable } from '../../contract/dmn/decision-model.ts';
import { decisionReads } from '../../contract/dmn/decision-policy.ts';
import type { FieldProblem } from '../../contract/problems.ts';
import { engineDate } from '../engine/engine-date.ts';

const BARE_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** A value as the engine's typed variable for an input's type (a date: the engine's date format). */
function typed(value: unknown, typeRef: string | null, name: string, problems: FieldProblem[]): Variables[string] | undefined {
  const wrong = (zh: string, en: string) => void problems.push(fieldProblem(`inputs.${name}`, `${name}：${zh}`, `${name}: ${en}`));
  if (value === null) return { value: null, type: 'Null' };
  switch (typeRef) {
    case 'integer':
    case 'long':
      if (!Number.isSafeInteger(value)) return wrong('须为整数', 'must be a whole number');
      return { value, type: typeRef === 'integer' ? 'Integer' : 'Long' };
    case 'double':
      if (typeof value !== 'number' || !Number.isFinite(value)) return wrong('须为数字', 'must be a number');
      return { value, type: 'Double' };
    case 'boolean':
      if (typeof value !== 'boolean') return wrong('须为 true 或 false', 'must be true or false');
      return { value, type: 'Boolean' };
    case 'date': {
      const at = typeof value === 'string' && /^\d{4}-\d{2}-\d{2}/.test(value) ? new Date(value.length === 10 ? `${value}T00:00:00+08:00` : value) : null;
      if (!at || Number.isNaN(at.getTime())) return wrong('须为日期（如 2026-12-07）', 'must be a date (e.g. 2026-12-07)');
      return { value: engineDate(at), type: 'Date' };
    }
    case 'string':
      if (typeof value !== 'string') return wrong('须为文本', 'must be text');
      return { value, type: 'String' };
    default:
      if (typeof value === 'object') return { value: JSON.stringify(value), type: 'Json' };
      return { value, type: typeof value === 'number' ? (Number.isInteger(value) ? 'Long' : 'Double') : typeof value === 'boolean' ? 'Boolean' : 'String' };
  }
}

/**
 * The sample inputs as the engine's variables: by the input's type where an input reads a variable
 * by its bare name, as JSON where it reads into an object; a variable the decision does not read is
 * refused (422), a missing one is null (FEEL's rules see it as such).
 */
export function decisionVariables(table: DecisionTable, inputs: Record<string, unknown>): Variables {
  const reads = decisionReads(table);
  const problems: FieldProblem[] = [];
  for (const name of Object.keys(inputs).filter((n) => !reads.includes(n))) {
    problems.push(
      fieldProblem(
        `inputs.${name}`,
        `${name}：决策表不读取该输入（读取：${reads.join('、')}）`,
        `${name}: the decision does not read it (it reads ${reads.join(', ')})`,
      ),
    );
  }
  const variables: Variables = {};
  for (const name of reads) {
    const input = table.inputs.find((i) => i.expression.text.trim() === name && BARE_NAME.test(name));
    const value = typed(inputs[name] ?? null, input ? input.typeRef : null, name, problems);
    if (value) variables[name] = value;
  }
  if (problems.length) throw validationFailed(problems);
  return variables;
}
