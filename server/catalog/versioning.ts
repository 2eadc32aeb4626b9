/** The version to keep content under: the latest if its hash is unchanged, otherwise the next one. */
export function versionFor(latest: { version: number; contentHash: string } | null, contentHash: string): { version: number; isNew: boolean } {
  if (latest?.contentHash === contentHash) return { version: latest.version, isNew: false };
  return { version: (latest?.version ?? 0) + 1, isNew: true };
}
