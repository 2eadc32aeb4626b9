/**
 * 个人信息 in item forms: which fields hold an ID number, a phone or an address. A field is marked
 * by `"x-personal": "<kind>"` in the form schema; a field of format cn-id-card or cn-mobile is one
 * whether marked or not. Such values are masked in every response unless the viewer's step names
 * the field (stepFields), sealed at rest, and never put in a URL. The server masks; the web app
 * reads the same marks (the catalog editor's 个人信息字段 panel).
 */
export const PERSONAL_KINDS = ['id-number', 'phone', 'address'] as const;
export type PersonalKind = (typeof PERSONAL_KINDS)[number];

const BY_FORMAT: Record<string, PersonalKind> = { 'cn-id-card': 'id-number', 'cn-mobile': 'phone' };

interface FieldSchema {
  format?: unknown;
  'x-personal'?: unknown;
}

/** The kind of personal data a form field holds, if any. */
export function personalKindOf(field: FieldSchema): PersonalKind | undefined {
  const marked = field['x-personal'];
  if (typeof marked === 'string' && (PERSONAL_KINDS as readonly string[]).includes(marked)) return marked as PersonalKind;
  return typeof field.format === 'string' ? BY_FORMAT[field.format] : undefined;
}

/** The personal fields of a form schema, by name. */
export function personalFieldsOf(schema: { properties?: Record<string, FieldSchema> } | undefined): Map<string, PersonalKind> {
  return new Map(
    Object.entries(schema?.properties ?? {}).flatMap(([name, field]) => {
      const kind = personalKindOf(field);
      return kind ? [[name, kind] as const] : [];
    }),
  );
}

const stars = (n: number) => '*'.repeat(Math.max(n, 0));

/**
 * A value as a viewer without the need sees it: an ID number keeps its first 4 and last 4
 * characters (4301**********1234), a phone its first 3 and last 4 (138****8000), an address its
 * first 6 characters and four stars whatever its length (湖南省长沙市****).
 */
export function maskPersonal(kind: PersonalKind, value: string): string {
  const chars = [...value];
  if (kind === 'address') return chars.length <= 6 ? stars(4) : `${chars.slice(0, 6).join('')}${stars(4)}`;
  const [start, end] = kind === 'id-number' ? [4, 4] : [3, 4];
  if (chars.length <= start + end) return stars(chars.length);
  return `${chars.slice(0, start).join('')}${stars(chars.length - start - end)}${chars.slice(chars.length - end).join('')}`;
}

/** Whether a value submitted back is the masked form of a known one (a form shown masked and sent unchanged). */
export const isMaskedEcho = (kind: PersonalKind, submitted: unknown, known: unknown): boolean =>
  typeof submitted === 'string' && typeof known === 'string' && submitted.includes('*') && maskPersonal(kind, known) === submitted;
