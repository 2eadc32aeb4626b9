import { problem, type Problem } from '../model-problems.ts';
import type { DecisionExpression, DecisionModel, DecisionTable } from './decision-model.ts';
import { FEEL_BUILT_INS, feelNames } from './feel-names.ts';
import { DECISION_KEY } from './decision-key.ts';

/**
 * The deployment policy for decision tables (DMN 1.3), as the server refuses a deployment and the
 * decision editor shows it live: FEEL only (no JUEL, script or Java that could reach the engine),
 * expressions that parse and read the decision's inputs only, FEEL's own functions, Camunda 7's hit
 * policies and types, bounded sizes. docs/decisions.md explains each rule.
 */
export const DECISION_LIMITS = { decisions: 20, inputs: 20, outputs: 10, rules: 1000, expressionChars: 1000 } as const;

export const HIT_POLICIES = ['UNIQUE', 'FIRST', 'PRIORITY', 'ANY', 'COLLECT', 'RULE ORDER', 'OUTPUT ORDER'] as const;
export const AGGREGATIONS = ['SUM', 'MIN', 'MAX', 'COUNT'] as const;
export const TYPE_REFS = ['string', 'boolean', 'integer', 'long', 'double', 'date'] as const;
const VARIABLE = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/;
const FEEL_LANGUAGES = ['feel', 'https://www.omg.org/spec/dmn/20191111/feel/', 'http://www.omg.org/spec/feel/20140401'];

const isFeel = (language: string | null) => language === null || FEEL_LANGUAGES.includes(language.trim().toLowerCase());

/** The variables a decision reads: the roots of its inputs' expressions (what a process must have to call it). */
export function decisionReads(d: DecisionTable): string[] {
  const reads = new Set<string>();
  for (const input of d.inputs) for (const name of feelNames(input.expression.text, 'expression').reads) reads.add(name);
  return [...reads];
}

function expressionProblems(e: DecisionExpression, kind: 'expression' | 'unary-tests', allowed: Set<string>, where: string, whereEn: string): Problem[] {
  if (!isFeel(e.language)) {
    return [
      problem(
        'dmn/feel-only',
        `${where}使用了 ${e.language} 表达式：决策表只允许 FEEL（其他表达式语言可在引擎中执行代码）`,
        `${whereEn} uses a ${e.language} expression: decision tables take FEEL only (other languages can run code in the engine)`,
        e.id,
      ),
    ];
  }
  const text = e.text.trim();
  if (text.length > DECISION_LIMITS.expressionChars) {
    return [
      problem(
        'dmn/size',
        `${where}的表达式过长（上限 ${DECISION_LIMITS.expressionChars} 字符）`,
        `${whereEn}: the expression is too long (at most ${DECISION_LIMITS.expressionChars} characters)`,
        e.id,
      ),
    ];
  }
  // an empty input entry or "-" matches anything
  if (kind === 'unary-tests' && (text === '' || text === '-')) return [];
  if (kind === 'expression' && text === '') {
    return [problem('dmn/expression-required', `${where}缺少表达式`, `${whereEn} has no expression`, e.id)];
  }
  const names = feelNames(text, kind);
  const problems: Problem[] = [];
  if (names.syntaxErrorAt !== null) {
    problems.push(problem('dmn/feel-syntax', `${where}的 FEEL 表达式有误：“${text}”`, `${whereEn}: the FEEL expression does not parse: "${text}"`, e.id));
    return problems;
  }
  for (const call of names.calls.filter((c) => !FEEL_BUILT_INS.has(c))) {
    problems.push(
      problem(
        'dmn/known-functions',
        `${where}调用了未知函数“${call}”：只允许 FEEL 内置函数`,
        `${whereEn} calls "${call}": only FEEL's own functions are allowed`,
        e.id,
      ),
    );
  }
  for (const read of names.reads.filter((r) => !allowed.has(r))) {
    problems.push(
      problem(
        'dmn/reads-inputs-only',
        `${where}读取了“${read}”：规则和结果只能读取决策表的输入（${[...allowed].join('、') || '无'}）`,
        `${whereEn} reads "${read}": rules and results may read the decision's inputs only (${[...allowed].join(', ') || 'none'})`,
        e.id,
      ),
    );
  }
  return problems;
}

function tableProblems(d: DecisionTable, decisionIds: Set<string>): Problem[] {
  const label = d.name ?? d.id;
  const problems: Problem[] = [];
  if (!DECISION_KEY.test(d.id))
    problems.push(
      problem(
        'dmn/key',
        `决策“${label}”的编号须以字母开头，只含字母、数字、_ 和 -（不超过 64 个字符）`,
        `Decision "${label}": its id must start with a letter and hold letters, digits, _ and - only (64 at most)`,
        d.id,
      ),
    );
  if (!d.name?.trim()) problems.push(problem('dmn/name-required', `决策“${d.id}”缺少名称`, `Decision "${d.id}" has no name`, d.id));
  if (d.logic !== 'decisionTable') {
    problems.push(
      problem(
        'dmn/decision-table-only',
        `决策“${label}”不是决策表：平台只部署决策表`,
        `Decision "${label}" is not a decision table: the platform deploys decision tables only`,
        d.id,
      ),
    );
    return problems;
  }
  if (!(HIT_POLICIES as readonly string[]).includes(d.hitPolicy)) {
    problems.push(
      problem('dmn/hit-policy', `决策“${label}”的命中策略 ${d.hitPolicy} 不受支持`, `Decision "${label}": hit policy ${d.hitPolicy} is not supported`, d.id),
    );
  }
  if (d.aggregation && !(d.hitPolicy === 'COLLECT' && (AGGREGATIONS as readonly string[]).includes(d.aggregation))) {
    problems.push(
      problem(
        'dmn/hit-policy',
        `决策“${label}”的汇总方式 ${d.aggregation} 只能与 COLLECT 一起使用（SUM、MIN、MAX、COUNT）`,
        `Decision "${label}": aggregation ${d.aggregation} goes with COLLECT only (SUM, MIN, MAX, COUNT)`,
        d.id,
      ),
    );
  }
  if (d.inputs.length > DECISION_LIMITS.inputs || d.outputs.length > DECISION_LIMITS.outputs || d.rules.length > DECISION_LIMITS.rules) {
    problems.push(
      problem(
        'dmn/size',
        `决策“${label}”过大：最多 ${DECISION_LIMITS.inputs} 个输入、${DECISION_LIMITS.outputs} 个输出、${DECISION_LIMITS.rules} 条规则`,
        `Decision "${label}" is too large: at most ${DECISION_LIMITS.inputs} inputs, ${DECISION_LIMITS.outputs} outputs and ${DECISION_LIMITS.rules} rules`,
        d.id,
      ),
    );
    return problems;
  }
  if (d.outputs.length === 0) problems.push(problem('dmn/output-required', `决策“${label}”没有输出`, `Decision "${label}" has no output`, d.id));
  for (const [i, output] of d.outputs.entries()) {
    const at = `决策“${label}”的第 ${i + 1} 个输出`;
    const atEn = `Decision "${label}", output ${i + 1}`;
    if (!output.name || !VARIABLE.test(output.name))
      problems.push(problem('dmn/output-name', `${at}须有变量名（字母、数字和 _）`, `${atEn} needs a variable name (letters, digits and _)`, output.id));
    if (output.typeRef && !(TYPE_REFS as readonly string[]).includes(output.typeRef))
      problems.push(
        problem(
          'dmn/type-ref',
          `${at}的类型 ${output.typeRef} 不受支持（${TYPE_REFS.join('、')}）`,
          `${atEn}: type ${output.typeRef} is not supported (${TYPE_REFS.join(', ')})`,
          output.id,
        ),
      );
  }
  const reads = new Set(decisionReads(d));
  // a required decision's outputs are inputs too
  for (const required of d.requires.filter((r) => !decisionIds.has(r))) {
    problems.push(
      problem(
        'dmn/required-decision',
        `决策“${label}”依赖的决策“${required}”不在本文件中`,
        `Decision "${label}" requires decision "${required}", which is not in this file`,
        d.id,
      ),
    );
  }
  for (const [i, input] of d.inputs.entries()) {
    const at = `决策“${label}”的输入“${input.label ?? i + 1}”`;
    const atEn = `Decision "${label}", input "${input.label ?? i + 1}"`;
    if (input.typeRef && !(TYPE_REFS as readonly string[]).includes(input.typeRef))
      problems.push(
        problem(
          'dmn/type-ref',
          `${at}的类型 ${input.typeRef} 不受支持（${TYPE_REFS.join('、')}）`,
          `${atEn}: type ${input.typeRef} is not supported (${TYPE_REFS.join(', ')})`,
          input.id,
        ),
      );
    problems.push(...expressionProblems(input.expression, 'expression', new Set(feelNames(input.expression.text, 'expression').reads), at, atEn));
  }
  for (const [r, rule] of d.rules.entries()) {
    if (rule.inputEntries.length !== d.inputs.length || rule.outputEntries.length !== d.outputs.length) {
      problems.push(
        problem(
          'dmn/rule-shape',
          `决策“${label}”的第 ${r + 1} 条规则的列数与表头不符`,
          `Decision "${label}", rule ${r + 1}: its cells do not match the table's columns`,
          rule.id,
        ),
      );
      continue;
    }
    rule.inputEntries.forEach((e, i) =>
      problems.push(
        ...expressionProblems(
          e,
          'unary-tests',
          reads,
          `决策“${label}”第 ${r + 1} 条规则的第 ${i + 1} 个条件`,
          `Decision "${label}", rule ${r + 1}, condition ${i + 1}`,
        ),
      ),
    );
    rule.outputEntries.forEach((e, i) =>
      problems.push(
        ...expressionProblems(
          e,
          'expression',
          reads,
          `决策“${label}”第 ${r + 1} 条规则的第 ${i + 1} 个结果`,
          `Decision "${label}", rule ${r + 1}, result ${i + 1}`,
        ),
      ),
    );
  }
  return problems;
}

/** Every finding of the policy about a DMN file's decisions. */
export function checkDecisionModel(model: DecisionModel): Problem[] {
  const problems: Problem[] = [];
  if (model.decisions.length === 0) problems.push(problem('dmn/decision-required', '文件中没有决策', 'The file holds no decision'));
  if (model.decisions.length > DECISION_LIMITS.decisions) {
    problems.push(
      problem('dmn/size', `文件中的决策过多（上限 ${DECISION_LIMITS.decisions} 个）`, `Too many decisions in the file (at most ${DECISION_LIMITS.decisions})`),
    );
    return problems;
  }
  const ids = new Set(model.decisions.map((d) => d.id));
  for (const d of model.decisions) problems.push(...tableProblems(d, ids));
  return problems;
}
