import type { CatalogSource } from './item.model.ts';

interface Versioned {
  version: number;
  contentHash: string;
  source: CatalogSource;
}

/**
 * The version to keep content under. An editor's save is new unless the latest version has the
 * same content. A file's content is new only if it differs from the last version that came from
 * the file: an editor's later version is not undone by a restart with the file unchanged.
 */
export function versionFor(rows: Versioned[], contentHash: string, source: CatalogSource): { version: number; isNew: boolean } {
  const latest = rows.reduce<Versioned | undefined>((a, r) => (!a || r.version > a.version ? r : a), undefined);
  const reference =
    source === 'file'
      ? rows.filter((r) => r.source === 'file').reduce<Versioned | undefined>((a, r) => (!a || r.version > a.version ? r : a), undefined)
      : latest;
  if (latest && reference?.contentHash === contentHash) return { version: latest.version, isNew: false };
  return { version: (latest?.version ?? 0) + 1, isNew: true };
}

/** Rows ordered by code, then version descending → the latest row of each code. */
export function latestPerCode<T extends { code: string }>(rows: T[]): T[] {
  const seen = new Set<string>();
  return rows.filter((r) => !seen.has(r.code) && seen.add(r.code));
}
