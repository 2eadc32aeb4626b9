/**
 * What text a client may send where it is shown to people or handed on: pure functions, used by
 * the transport checks (server/http/bad-input.ts), the uploads and the ajv format `person-name`.
 */

/** Control characters: C0 (NUL, ESC …), DEL and C1. Never part of an address, a file name or a name. */
const CONTROL = /\p{Cc}/u;
/** Characters that reorder the text around them as it is shown (U+202E makes "gpj.exe" read "exe.jpg"). */
const BIDI_CONTROL = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/u;
/**
 * Characters that show nothing: zero-width space, non-joiner and joiner, word joiner and invisible
 * operators, byte order mark, soft hyphen, tag characters, line and paragraph separators.
 */
const INVISIBLE = /[\u00AD\u200B-\u200D\u2028\u2029\u2060-\u2064\uFEFF\u{E0000}-\u{E007F}]/u;
/** half of a surrogate pair alone: JSON's \ud800 escapes make one, no character is one */
const LONE_SURROGATE = /\p{Cs}/u;
/** a letter of any script, CJK Extensions B–G included (𪚥 U+2A6A5, 𠀀 U+20000) */
const LETTER = /\p{L}/u;

export const hasControlCharacter = (text: string): boolean => CONTROL.test(text);

/** A file name as people will see it: no control characters, nothing that turns its text around. */
export const isCleanFileName = (name: string): boolean => !CONTROL.test(name) && !BIDI_CONTROL.test(name);

/**
 * A person's name (or an office's, where the field takes either): at least one letter, and nothing
 * invisible or misleading (control, zero-width, bidi override or isolate characters). Private-use
 * characters stay allowed: rare characters not yet in Unicode are still typed with them.
 */
export function isPersonName(value: string): boolean {
  return LETTER.test(value) && !CONTROL.test(value) && !BIDI_CONTROL.test(value) && !INVISIBLE.test(value) && !LONE_SURROGATE.test(value);
}

interface Step {
  value: unknown;
  key?: string;
  parent?: Step;
}

const pathOf = (step: Step): string => {
  const keys: string[] = [];
  for (let at: Step | undefined = step; at?.key !== undefined; at = at.parent) keys.push(at.key.replaceAll('\u0000', '\u2400'));
  return keys.reverse().join('.') || '/';
};

/**
 * Where a NUL character is in a parsed JSON value, in a string or a key: the field's dotted path
 * ("materials.0.eLicenseNumber", a NUL in a key shown as ␀), "/" for the value itself; undefined when nowhere.
 */
export function nulFieldOf(value: unknown): string | undefined {
  // an explicit stack, each step pointing at its parent: a deeply nested body overflows nothing and costs one visit per value
  const stack: Step[] = [{ value }];
  while (stack.length) {
    const step = stack.pop()!;
    if (typeof step.value === 'string') {
      if (step.value.includes('\u0000')) return pathOf(step);
    } else if (step.value && typeof step.value === 'object') {
      for (const [key, child] of Object.entries(step.value)) {
        const next: Step = { value: child, key, parent: step };
        if (key.includes('\u0000')) return pathOf(next);
        stack.push(next);
      }
    }
  }
  return undefined;
}
