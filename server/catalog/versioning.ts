/** The version to keep content under: the latest if its hash is unchanged, otherwise the next one. */
export function versionFor(latest: { version: number; contentHash: string } | null, contentHash: string): { version: number; isNew: boolean } {
  if (latest?.contentHash === contentHash) return { version: latest.version, isNew: false };
  return { version: (latest?.version ?? 0) + 1, isNew: true };
}

/** Rows ordered by code, then version descending → the latest row of each code. */
export function latestPerCode<T extends { code: string }>(rows: T[]): T[] {
  const seen = new Set<string>();
  return rows.filter((r) => !seen.has(r.code) && seen.add(r.code));
}
