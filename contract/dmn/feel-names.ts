import { parseExpression, parseUnaryTests } from 'feelin';

/**
 * What a FEEL expression (DMN 1.3) names, read from its syntax tree (feelin's parser, the grammar
 * of the DMN specification): the variables it reads, the functions it calls, and whether it parses
 * at all. A name bound inside the expression (for, some, every, a context's keys) is not a read.
 */
export interface FeelNames {
  /** the expression does not parse: the first bad position */
  syntaxErrorAt: number | null;
  /** the variables read, as written (a path's root: `household` of `household.region`) */
  reads: string[];
  /** the functions called by name */
  calls: string[];
}

export function feelNames(text: string, kind: 'expression' | 'unary-tests'): FeelNames {
  const tree = kind === 'expression' ? parseExpression(text, {}, undefined) : parseUnaryTests(text, {}, undefined);
  const reads = new Set<string>();
  const calls = new Set<string>();
  const bound = new Set<string>();
  let syntaxErrorAt: number | null = null;
  const cursor = tree.cursor();
  do {
    const node = cursor.node;
    if (cursor.type.isError && syntaxErrorAt === null) syntaxErrorAt = cursor.from;
    if (cursor.name === 'Name') bound.add(text.slice(cursor.from, cursor.to).trim());
    if (cursor.name === 'VariableName') {
      const name = text.slice(cursor.from, cursor.to).trim();
      const callee = node.parent?.name === 'FunctionInvocation' && node.prevSibling === null;
      (callee ? calls : reads).add(name);
    }
  } while (cursor.next());
  return { syntaxErrorAt, reads: [...reads].filter((n) => !bound.has(n)), calls: [...calls] };
}

/**
 * The functions of FEEL (DMN 1.3, chapter 10.3.4) an expression may call: the language's own, and
 * nothing an engine could be given to reach outside the decision (Camunda 7's FEEL engine runs no
 * Java unless a function provider is installed; the policy refuses any other name all the same).
 */
export const FEEL_BUILT_INS = new Set([
  'not',
  'date',
  'time',
  'date and time',
  'duration',
  'years and months duration',
  'number',
  'string',
  'decimal',
  'floor',
  'ceiling',
  'round up',
  'round down',
  'round half up',
  'round half down',
  'abs',
  'modulo',
  'sqrt',
  'log',
  'exp',
  'odd',
  'even',
  'substring',
  'string length',
  'upper case',
  'lower case',
  'substring before',
  'substring after',
  'replace',
  'contains',
  'starts with',
  'ends with',
  'matches',
  'split',
  'string join',
  'list contains',
  'count',
  'min',
  'max',
  'sum',
  'mean',
  'median',
  'stddev',
  'mode',
  'all',
  'any',
  'sublist',
  'append',
  'concatenate',
  'insert before',
  'remove',
  'reverse',
  'index of',
  'union',
  'distinct values',
  'flatten',
  'product',
  'sort',
  'is defined',
  'get value',
  'get entries',
  'context',
  'today',
  'now',
  'day of year',
  'day of week',
  'month of year',
  'week of year',
  'before',
  'after',
  'meets',
  'met by',
  'overlaps',
  'finishes',
  'finished by',
  'includes',
  'during',
  'starts',
  'started by',
  'coincides',
  'is',
]);
