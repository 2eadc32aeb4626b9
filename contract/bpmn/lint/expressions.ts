/**
 * The expressions an uploaded process may hold, by allow-list. Camunda evaluates JUEL (`${…}` and
 * `#{…}`) in conditions, assignees, names, timers, input parameters and more, with the execution,
 * the task and the engine's objects in reach: a property chain (`execution.processEngine…`) or a
 * call can read the engine's configuration or run code. So an expression may only read process
 * variables by name and combine them with literals and operators:
 *
 *   expr    := or ('?' expr ':' expr)?
 *   or      := and (('||' | 'or') and)*          and := equal (('&&' | 'and') equal)*
 *   equal   := compare (('==' | '!=' | 'eq' | 'ne') compare)*
 *   compare := sum (('<' | '>' | '<=' | '>=' | 'lt' | 'gt' | 'le' | 'ge') sum)*
 *   sum     := product (('+' | '-') product)*     product := unary (('*' | '/' | '%' | 'div' | 'mod') unary)*
 *   unary   := ('!' | 'not' | '-' | 'empty') unary | primary
 *   primary := literal | '(' expr ')' | variable | platform read
 *
 * A variable is a bare name that is not one of the engine's own objects (RESERVED). The platform's
 * templates need three reads, allowed in exactly these forms and nothing after them:
 * - `execution.processBusinessKey`: the case number;
 * - `execution.getVariable('name')`: a variable that may be unset (a bare `${name}` throws);
 * - `name.split(',')[loopCounter]`: an entry of a comma-separated variable (one plain character
 *   as separator, so no regular expression is compiled from the model).
 * The engine host also exposes no Spring bean to expressions (engine/, FlavourConfig).
 */

type Token = { kind: 'ident' | 'string' | 'number' | 'op'; text: string };

const WORD_OPERATORS = new Set(['and', 'or', 'not', 'eq', 'ne', 'lt', 'gt', 'le', 'ge', 'div', 'mod', 'empty']);
const LITERAL_WORDS = new Set(['true', 'false', 'null']);
/** Names the engine resolves to its own objects, never to a process variable. */
export const RESERVED = new Set([
  'execution',
  'task',
  'externalTask',
  'variableScope',
  'connector',
  'authenticatedUserId',
  'processEngine',
  'processEngineConfiguration',
  'processEngineServices',
  'applicationContext',
  'environment',
  'systemProperties',
  'systemEnvironment',
  'instanceof',
]);
const SYMBOLS = ['==', '!=', '<=', '>=', '&&', '||', '<', '>', '+', '-', '*', '/', '%', '!', '?', ':', '(', ')', '[', ']', '.', ','];
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

class NotAllowed extends Error {}

function tokenize(expression: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < expression.length) {
    const rest = expression.slice(i);
    const c = expression[i]!;
    if (/\s/.test(c)) {
      i++;
    } else if (/[A-Za-z_$]/.test(c)) {
      const m = /^[A-Za-z_$][\w$]*/.exec(rest)![0];
      tokens.push({ kind: 'ident', text: m });
      i += m.length;
    } else if (/\d/.test(c)) {
      const m = /^\d+(\.\d+)?([eE][+-]?\d+)?/.exec(rest)![0];
      tokens.push({ kind: 'number', text: m });
      i += m.length;
    } else if (c === "'" || c === '"') {
      let j = i + 1;
      let value = '';
      for (; j < expression.length && expression[j] !== c; j++) {
        if (expression[j] === '\\' && j + 1 < expression.length) j++;
        value += expression[j];
      }
      if (j >= expression.length) throw new NotAllowed(`${rest}`);
      tokens.push({ kind: 'string', text: value });
      i = j + 1;
    } else {
      const symbol = SYMBOLS.find((s) => rest.startsWith(s));
      if (!symbol) throw new NotAllowed(c);
      tokens.push({ kind: 'op', text: symbol });
      i += symbol.length;
    }
  }
  return tokens;
}

/** A recursive-descent reader of the grammar above; throws NotAllowed naming what it cannot accept. */
class Reader {
  private at = 0;
  constructor(
    private readonly tokens: Token[],
    private readonly source: (from: number, to: number) => string,
  ) {}

  read(): void {
    if (!this.tokens.length) throw new NotAllowed('（空表达式）');
    this.expr();
    if (this.at < this.tokens.length) throw this.offence(this.at);
  }

  private peek(offset = 0): Token | undefined {
    return this.tokens[this.at + offset];
  }

  private accept(...texts: string[]): boolean {
    const t = this.peek();
    if (t && (t.kind === 'op' || t.kind === 'ident') && texts.includes(t.text)) {
      this.at++;
      return true;
    }
    return false;
  }

  private expect(text: string): void {
    if (!this.accept(text)) throw this.offence(this.at);
  }

  private offence(from: number): NotAllowed {
    return new NotAllowed(this.source(from, Math.min(from + 4, this.tokens.length)) || '…');
  }

  private expr(): void {
    this.binary(0);
    if (this.accept('?')) {
      this.expr();
      this.expect(':');
      this.expr();
    }
  }

  private static readonly LEVELS = [
    ['||', 'or'],
    ['&&', 'and'],
    ['==', '!=', 'eq', 'ne'],
    ['<', '>', '<=', '>=', 'lt', 'gt', 'le', 'ge'],
    ['+', '-'],
    ['*', '/', '%', 'div', 'mod'],
  ];

  private binary(level: number): void {
    if (level === Reader.LEVELS.length) return this.unary();
    this.binary(level + 1);
    while (this.accept(...Reader.LEVELS[level]!)) this.binary(level + 1);
  }

  private unary(): void {
    if (this.accept('!', 'not', '-', 'empty')) return this.unary();
    this.primary();
  }

  private primary(): void {
    const start = this.at;
    const t = this.peek();
    if (!t) throw new NotAllowed('（表达式不完整）');
    if (t.kind === 'string' || t.kind === 'number' || (t.kind === 'ident' && LITERAL_WORDS.has(t.text))) {
      this.at++;
      return;
    }
    if (this.accept('(')) {
      this.expr();
      this.expect(')');
      return;
    }
    if (t.kind !== 'ident' || WORD_OPERATORS.has(t.text)) throw this.offence(start);
    if (this.platformRead()) return;
    const next = this.peek(1);
    if (RESERVED.has(t.text) || (next && ['.', '(', '['].includes(next.text))) throw this.offence(start);
    this.at++;
  }

  /** The three reads of the platform's templates, in exactly their forms. */
  private platformRead(): boolean {
    const [a, b, c, d, e, f, g, h, i] = [0, 1, 2, 3, 4, 5, 6, 7, 8].map((n) => this.peek(n));
    const is = (t: Token | undefined, kind: Token['kind'], text?: string) => !!t && t.kind === kind && (text === undefined || t.text === text);
    if (
      is(a, 'ident', 'execution') &&
      is(b, 'op', '.') &&
      is(c, 'ident', 'processBusinessKey') &&
      !is(d, 'op', '.') &&
      !is(d, 'op', '(') &&
      !is(d, 'op', '[')
    ) {
      this.at += 3;
      return true;
    }
    if (
      is(a, 'ident', 'execution') &&
      is(b, 'op', '.') &&
      is(c, 'ident', 'getVariable') &&
      is(d, 'op', '(') &&
      is(e, 'string') &&
      /^[A-Za-z_]\w*$/.test(e!.text) &&
      is(f, 'op', ')')
    ) {
      if (is(g, 'op', '.') || is(g, 'op', '(') || is(g, 'op', '[')) return false;
      this.at += 6;
      return true;
    }
    const plainSeparator = is(e, 'string') && e!.text.length === 1 && !REGEX_META.has(e!.text);
    if (is(a, 'ident') && !RESERVED.has(a!.text) && is(b, 'op', '.') && is(c, 'ident', 'split') && is(d, 'op', '(') && plainSeparator && is(f, 'op', ')')) {
      if (!(is(g, 'op', '[') && is(h, 'ident', 'loopCounter') && is(i, 'op', ']'))) return false;
      if (['.', '(', '['].includes(this.peek(9)?.text ?? '')) return false;
      this.at += 9;
      return true;
    }
    return false;
  }
}

/**
 * What an expression body holds that the allow-list does not accept, as a short excerpt (e.g.
 * `execution.processEngine`), or null when it only reads variables and combines them.
 */
export function disallowedIn(expression: string): string | null {
  try {
    const tokens = tokenize(expression);
    const source = (from: number, to: number) => {
      const parts = tokens.slice(from, to).map((t) => (t.kind === 'string' ? `'${t.text}'` : t.text));
      return parts.join(parts.some((p) => p === '.') ? '' : ' ');
    };
    new Reader(tokens, source).read();
    return null;
  } catch (err) {
    if (err instanceof NotAllowed) return err.message;
    throw err;
  }
}

/** Every expression in a text (a condition, an assignee, a name …) that is not allowed, with what is wrong in it. */
export function disallowedExpressionsIn(text: string): { expression: string; offence: string }[] {
  return expressionsIn(text).flatMap((expression) => {
    const offence = disallowedIn(expression);
    return offence === null ? [] : [{ expression, offence }];
  });
}
