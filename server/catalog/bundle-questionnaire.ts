import type { BundleDefinition } from '../../contract/catalog/bundle.ts';
import { assertAnswers, meets } from './situations.ts';

/** Validates the answers (422 naming each question) and returns the codes of the items that apply. */
export function applicableItemCodes(bundle: BundleDefinition, answers: unknown): string[] {
  const given = assertAnswers(bundle.questionnaire, answers);
  return bundle.items.filter((i) => meets(i.when, given)).map((i) => i.code);
}
