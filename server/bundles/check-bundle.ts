import type { ItemDefinition } from '../catalog/item-definition.ts';
import type { BundleDefinition } from './bundle-definition.ts';
import { mergeForms, MergeConflict } from './merge.ts';

/** A bundle must name existing items, answer its own questions, and merge without conflicts. */
export function checkBundle(
  file: string,
  bundle: BundleDefinition,
  items: Map<string, { definition: ItemDefinition; formSchema: Record<string, unknown> }>,
): void {
  const questions = new Map(bundle.questionnaire.map((q) => [q.code, q]));
  for (const { code, when } of bundle.items) {
    if (!items.has(code)) throw new Error(`${file}: item "${code}" does not exist`);
    for (const [question, answer] of Object.entries(when ?? {})) {
      const q = questions.get(question);
      if (!q) throw new Error(`${file}: item "${code}" depends on unknown question "${question}"`);
      const valid = q.type === 'boolean' ? typeof answer === 'boolean' : q.options.some((o) => o.value === answer);
      if (!valid) throw new Error(`${file}: item "${code}" waits for an answer "${String(answer)}" that question "${question}" cannot give`);
    }
  }
  try {
    mergeForms(bundle.items.map(({ code }) => ({ code, formSchema: items.get(code)!.formSchema })));
  } catch (err) {
    if (err instanceof MergeConflict) throw new Error(`${file}: ${err.message}`, { cause: err });
    throw err;
  }
}
