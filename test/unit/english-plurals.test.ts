import { expect } from 'chai';
import en from '../../modeler/src/i18n/en.ts';

/**
 * English plurals: a count followed by a plural noun ("{n} documents") reads "1 documents" for
 * one. Such a message gives vue-i18n's plural forms ('1 document | {n} documents', the page passing
 * the count: t(key, { n }, n)), or says it without a count before the noun ("Errors: {n}").
 */

/** placeholders that are names, codes or dates, never counts: "{name} holds the tasks" is no plural */
const NOT_A_COUNT = /^(name|\w+Name|source|caseNo|label|text|title|code|key|day|date|year|at|until|address)$/;
/** words between the count and its noun */
const BEFORE_NOUN = new Set(['working', 'make-up', 'more', 'new', 'open', 'other']);
/** words ending in s that are no plural nouns */
const NO_PLURAL = new Set(['is', 'was', 'has', 'does', 'its', 'this', 'his', 'yes', 'plus', 'us', 'as']);

/** The counts of the message that a plural noun follows, when it has no plural forms. */
function pluralWithoutForms(message: string): string[] {
  if (message.includes(' | ')) return [];
  const found: string[] = [];
  for (const [, name, first, second] of message.matchAll(/\{(\w+)\} (\S+)(?: (\S+))?/g)) {
    if (NOT_A_COUNT.test(name!)) continue;
    const noun = (BEFORE_NOUN.has(first!) ? second : first)?.replace(/[^a-zA-Z-]+$/, '');
    if (noun && /^[a-z-]{2,}s$/.test(noun) && !/ss$/.test(noun) && !NO_PLURAL.has(noun)) found.push(name!);
  }
  return found;
}

function messages(value: unknown, path: string[] = []): [string, string][] {
  if (typeof value === 'string') return [[path.join('.'), value]];
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => messages(v, [...path, k]));
  return [];
}

describe('English plurals in the web app (modeler/src i18n)', () => {
  it('finds a count before a plural noun without plural forms, and nothing else', () => {
    expect(pluralWithoutForms('{n} documents')).to.deep.equal(['n']);
    expect(pluralWithoutForms('Rated: {n} stars')).to.deep.equal(['n']);
    expect(pluralWithoutForms('Done within {n} working days')).to.deep.equal(['n']);
    expect(pluralWithoutForms('Import {count} accounts?')).to.deep.equal(['count']);
    expect(pluralWithoutForms('1 document | {n} documents')).to.deep.equal([]);
    expect(pluralWithoutForms('Errors: {errors}, warnings: {warnings}')).to.deep.equal([]);
    expect(pluralWithoutForms('{name} is in use')).to.deep.equal([]);
    expect(pluralWithoutForms('{name} holds the claimed tasks below')).to.deep.equal([]);
    expect(pluralWithoutForms('{n} of them put right')).to.deep.equal([]);
  });

  it('gives every English message with a counted plural noun its plural forms', () => {
    const offenders = messages(en)
      .filter(([, message]) => pluralWithoutForms(message).length > 0)
      .map(([key, message]) => `${key}: ${message}`);
    expect(offenders, "give them plural forms ('1 document | {n} documents') and pass the count: t(key, { n }, n)").to.deep.equal([]);
  });
});
