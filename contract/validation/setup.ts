import { Ajv, type CodeOptions } from 'ajv';
import { FORMATS } from './formats.ts';
import { PERSONAL_KINDS } from '../catalog/personal.ts';
import { ENUM_LABELS, enumLabelsMetaSchema } from '../catalog/enum-labels.ts';
import { PATTERN_HINT, patternHintMetaSchema } from './pattern-hint.ts';

/**
 * How every ajv of ours is made: all errors, with their schema (the translation reads the field's
 * title from it), no coercion, no defaults written into the data; our formats; our annotations.
 * The server compiles with it at run time (server/validation/ajv.ts); the web app's request checks
 * are compiled with it at build time (standalone.ts), since its pages may not evaluate code.
 */
export function newAjv(strict: boolean, code?: CodeOptions): Ajv {
  const ajv = new Ajv({ allErrors: true, verbose: true, strict, allowUnionTypes: true, useDefaults: false, coerceTypes: false, ...(code ? { code } : {}) });
  for (const [name, format] of Object.entries(FORMATS)) ajv.addFormat(name, format);
  // English labels beside the Chinese `title`; forms and the catalog use them.
  ajv.addKeyword({ keyword: 'x-title-en', schemaType: 'string' });
  ajv.addKeyword({ keyword: 'x-order', schemaType: 'number' });
  // 个人信息: the kind of personal data a form field holds (contract/catalog/personal.ts)
  ajv.addKeyword({ keyword: 'x-personal', schemaType: 'string', metaSchema: { enum: [...PERSONAL_KINDS] } });
  // what a person reads for each value of an enumeration, in both languages (contract/catalog/enum-labels.ts)
  ajv.addKeyword({ keyword: ENUM_LABELS, schemaType: 'object', metaSchema: enumLabelsMetaSchema });
  // a pattern's shape in words (./pattern-hint.ts)
  ajv.addKeyword({ keyword: PATTERN_HINT, schemaType: 'object', metaSchema: patternHintMetaSchema });
  return ajv;
}
