import { createHash } from 'node:crypto';
import type { ObjectStore } from '../storage/index.ts';
import { attachmentKey } from './attachment-key.ts';

/**
 * A material's hashes (密评 重要数据存储完整性): SM3 (GB/T 32905) is the integrity hash the platform
 * checks; SHA-256 is kept beside it for the outside parties that cannot compute SM3: the upload's
 * answer (`sha256`) lets a browser check the file with Web Crypto, which has no SM3, and other
 * systems with the tools they have.
 */
export interface FileHashes {
  sha256: string;
  sm3: string;
}

export const hashesOf = (bytes: Buffer): FileHashes => ({
  sha256: createHash('sha256').update(bytes).digest('hex'),
  sm3: createHash('sm3').update(bytes).digest('hex'),
});

type HashName = keyof FileHashes;

/** Hashes of a stored file, in one pass, as a stream: twenty 20 MB files at once must not need 400 MB. */
export async function hashStoredFile<A extends HashName>(store: ObjectStore, storageKey: string, names: readonly A[]): Promise<Record<A, string>> {
  const hashes = names.map((name) => [name, createHash(name)] as const);
  for await (const chunk of await store.stream(attachmentKey(storageKey))) for (const [, hash] of hashes) hash.update(chunk as Buffer);
  return Object.fromEntries(hashes.map(([name, hash]) => [name, hash.digest('hex')])) as Record<A, string>;
}

/**
 * Whether the stored file is what was uploaded: its SM3 as recorded, or, for a row from before SM3
 * that `npm run attachments:sm3` has not filled yet, its SHA-256. A file that cannot be read is not intact.
 */
export async function attachmentIntact(store: ObjectStore, attachment: { storageKey: string; sha256: string; sm3: string | null }): Promise<boolean> {
  try {
    if (attachment.sm3 !== null) return (await hashStoredFile(store, attachment.storageKey, ['sm3'])).sm3 === attachment.sm3;
    return (await hashStoredFile(store, attachment.storageKey, ['sha256'])).sha256 === attachment.sha256;
  } catch {
    return false;
  }
}
