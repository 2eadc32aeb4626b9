import * as ucs2lengthModule from 'ajv/dist/runtime/ucs2length.js';
import * as equalModule from 'ajv/dist/runtime/equal.js';
import { FORMATS } from './formats.ts';

/**
 * What the request checks compiled for the browser (standalone.ts) call at run time: ajv's own
 * helpers, and our formats under the name the compiled code gives them.
 */

// a CommonJS module with __esModule: bundlers give its `default`, Node the whole exports object
const defaultOf = <T>(module: { default: unknown }): T =>
  (typeof module.default === 'function' ? module.default : (module.default as { default: T }).default) as T;

/** a string's length in characters, as JSON Schema counts it (a surrogate pair is one) */
export const ucs2length = defaultOf<(text: string) => number>(ucs2lengthModule);

/** deep equality, for uniqueItems (ajv's own: fast-deep-equal) */
export const equal = defaultOf<(a: unknown, b: unknown) => boolean>(equalModule);

export const requestFormats = FORMATS;
