import type { FormatDefinition } from 'ajv';
import { fullFormats } from 'ajv-formats/dist/formats.js';
import { isValidCreditCode, isValidMobile, isValidResidentIdNumber } from './id-numbers.ts';
import { isPersonName } from './text.ts';

/** The standard formats a schema of ours may name (ajv-formats' definitions, as ajv-formats adds them). */
export const STANDARD_FORMATS = ['date', 'date-time', 'email', 'uuid'] as const;

/**
 * Every format a schema of ours may name, by name: the standard ones and ours. The server's ajv
 * (server/validation/ajv.ts) and the web app's compiled request checks (standalone.ts) take them
 * from here, so a value fails a format in the browser exactly where it fails on the server.
 */
export const FORMATS: Record<string, RegExp | FormatDefinition<string>> = {
  ...Object.fromEntries(STANDARD_FORMATS.map((name) => [name, fullFormats[name] as RegExp | FormatDefinition<string>])),
  'cn-id-card': { type: 'string', validate: isValidResidentIdNumber },
  'cn-credit-code': { type: 'string', validate: isValidCreditCode },
  'cn-mobile': { type: 'string', validate: isValidMobile },
  // every field that takes a person's name (applicant, agent, recipient …): text.ts
  'person-name': { type: 'string', validate: isPersonName },
};
