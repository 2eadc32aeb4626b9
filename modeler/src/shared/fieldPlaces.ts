/**
 * Where a problem is shown: the deepest of the fields on screen its path starts with
 * (`materials.2.code` → the material's row `materials.2`); null when no field on screen has it
 * (a problem of the whole body, e.g. a bundle's forms not merging): shown above the form.
 */
export function placeOf(field: string, shown: Set<string>): string | null {
  const parts = field.split('.');
  for (let n = parts.length; n > 0; n--) {
    const key = parts.slice(0, n).join('.');
    if (shown.has(key)) return key;
  }
  return null;
}

/** The server's field problems without their body prefix (`definition.promisedDays` → `promisedDays`). */
export const withoutPrefix = (field: string, prefix: string) =>
  field === prefix ? '' : field.startsWith(`${prefix}.`) ? field.slice(prefix.length + 1) : field;
