import type { ItemDefinition } from '../../contract/catalog/item.ts';
import { leadsBundle, type BundleDefinition } from '../../contract/catalog/bundle.ts';
import { mergeForms, MergeConflict } from './bundle-merge.ts';
import { checkCondition } from './situations.ts';
import { bundleMissingEnglish } from '../../contract/catalog/catalog-english.ts';

/** A bundle must say in English what it says in Chinese, name existing items, be led by one of their departments, answer its own questions, and merge without conflicts. */
export function checkBundle(
  file: string,
  bundle: BundleDefinition,
  items: Map<string, { definition: ItemDefinition; formSchema: Record<string, unknown> }>,
): void {
  const untranslated = bundleMissingEnglish(bundle);
  if (untranslated.length) throw new Error(`${file}: English missing where the Chinese is given: ${untranslated.join(', ')}`);
  for (const { code, when } of bundle.items) {
    const item = items.get(code);
    if (!item) throw new Error(`${file}: item "${code}" does not exist`);
    checkCondition(`${file}: item "${code}"`, when, bundle.questionnaire);
    // an item's 办理情形 are asked by the bundle's questionnaire, in the same words
    for (const situation of item.definition.situations ?? []) {
      const asked = bundle.questionnaire.find((q) => q.code === situation.code);
      if (!asked || JSON.stringify(asked) !== JSON.stringify(situation)) {
        throw new Error(`${file}: item "${code}" asks "${situation.code}" (办理情形), which the bundle's questionnaire must ask the same way`);
      }
    }
  }
  if (!leadsBundle(bundle, (code) => items.get(code)?.definition.departmentCode))
    throw new Error(`${file}: the lead department (牵头部门) "${bundle.leadDepartmentCode}" handles none of its items`);
  try {
    mergeForms(bundle.items.map(({ code }) => ({ code, formSchema: items.get(code)!.formSchema })));
  } catch (err) {
    if (err instanceof MergeConflict) throw new Error(`${file}: ${err.message}`, { cause: err });
    throw err;
  }
}
