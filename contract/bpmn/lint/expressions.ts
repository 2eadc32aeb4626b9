/**
 * Finds method calls in JUEL expressions (`${…}` and `#{…}`). Camunda evaluates JUEL in
 * conditions, assignees, timers, input parameters and more; a method call there can reach any
 * Java object the engine exposes (`${execution.getProcessEngineServices()…}`), so uploads may
 * not call methods. Two side-effect-free reads the platform's own processes need are allowed:
 * - `execution.getVariable('name')`: reads a variable that may be unset (a plain `${name}` throws)
 * - `list.split(',')[loopCounter]`: picks an entry of a comma-separated variable; the separator is
 *   one plain character, so no regular expression is compiled from the model
 */

type Token = { kind: 'ident' | 'string' | 'number' | 'punct'; text: string };

const KEYWORDS = new Set(['and', 'or', 'not', 'eq', 'ne', 'lt', 'gt', 'le', 'ge', 'div', 'mod', 'empty', 'instanceof', 'true', 'false', 'null']);
const REGEX_META = new Set(['.', '$', '|', '(', ')', '[', ']', '{', '}', '^', '?', '*', '+', '\\']);

/** The bodies of the expressions in a text, without their `${` / `#{` and `}`. */
export function expressionsIn(text: string): string[] {
  const found: string[] = [];
  for (let i = 0; i < text.length - 1; i++) {
    if ((text[i] !== '$' && text[i] !== '#') || text[i + 1] !== '{') continue;
    let j = i + 2;
    let quote: string | null = null;
    let depth = 0;
    for (; j < text.length; j++) {
      const c = text[j]!;
      if (quote) {
        if (c === '\\') j++;
        else if (c === quote) quote = null;
      } else if (c === "'" || c === '"') quote = c;
      else if (c === '{') depth++;
      else if (c === '}') {
        if (depth === 0) break;
        depth--;
      }
    }
    found.push(text.slice(i + 2, j));
    i = j;
  }
  return found;
}

function tokenize(expression: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < expression.length) {
    const c = expression[i]!;
    if (/\s/.test(c)) {
      i++;
    } else if (/[A-Za-z_$]/.test(c)) {
      const m = /^[A-Za-z_$][\w$]*/.exec(expression.slice(i))![0];
      tokens.push({ kind: 'ident', text: m });
      i += m.length;
    } else if (/\d/.test(c)) {
      const m = /^\d+(\.\d+)?([eE][+-]?\d+)?/.exec(expression.slice(i))![0];
      tokens.push({ kind: 'number', text: m });
      i += m.length;
    } else if (c === "'" || c === '"') {
      let j = i + 1;
      let value = '';
      for (; j < expression.length && expression[j] !== c; j++) {
        if (expression[j] === '\\' && j + 1 < expression.length) j++;
        value += expression[j];
      }
      tokens.push({ kind: 'string', text: value });
      i = j + 1;
    } else {
      tokens.push({ kind: 'punct', text: c });
      i++;
    }
  }
  return tokens;
}

/** An identifier that starts a value (not a property after `.`). */
const isRoot = (tokens: Token[], at: number): boolean => at === 0 || !['.', ']', ')'].includes(tokens[at - 1]!.text) || tokens[at - 1]!.kind === 'string';

function allowedCall(tokens: Token[], open: number): boolean {
  const [receiver, dot, method, arg, close] = [tokens[open - 3], tokens[open - 2], tokens[open - 1], tokens[open + 1], tokens[open + 2]];
  if (!receiver || receiver.kind !== 'ident' || dot?.text !== '.' || !isRoot(tokens, open - 3)) return false;
  if (arg?.kind !== 'string' || close?.text !== ')') return false;
  if (receiver.text === 'execution' && method?.text === 'getVariable') return /^[A-Za-z_][\w]*$/.test(arg.text);
  if (method?.text === 'split' && !KEYWORDS.has(receiver.text)) return arg.text.length === 1 && !REGEX_META.has(arg.text);
  return false;
}

/** The method or function calls in an expression body that are not on the allowed list. */
export function methodCallsIn(expression: string): string[] {
  const tokens = tokenize(expression);
  const calls: string[] = [];
  tokens.forEach((token, i) => {
    if (token.text !== '(' || token.kind !== 'punct' || i === 0) return;
    const before = tokens[i - 1]!;
    const isCall = (before.kind === 'ident' && !KEYWORDS.has(before.text)) || (before.kind === 'punct' && (before.text === ']' || before.text === ')'));
    if (isCall && !allowedCall(tokens, i)) calls.push(before.kind === 'ident' ? `${before.text}(…)` : '(…)');
  });
  return calls;
}

/** Every forbidden call in a text holding expressions, e.g. a condition or an assignee. */
export function forbiddenCallsIn(text: string): string[] {
  return expressionsIn(text).flatMap(methodCallsIn);
}
