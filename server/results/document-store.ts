import { createHash } from 'node:crypto';
import type { ObjectStore } from '../storage/index.ts';

const documentKey = (storageKey: string) => `documents/${storageKey}`;

/**
 * Signed result documents in the store (server/storage) under documents/, named by their SHA-256:
 * writing the same PDF twice (a retried seal task, another node) finds the object there, and an
 * object never changes once written. The database keeps the key and the hash; the server serves
 * the file after checking that its hash still matches.
 */
export async function storeDocument(store: ObjectStore, pdf: Buffer): Promise<{ storageKey: string; sha256: string; size: number }> {
  const sha256 = createHash('sha256').update(pdf).digest('hex');
  const storageKey = `${sha256.slice(0, 2)}/${sha256}.pdf`;
  await store.putOnce(documentKey(storageKey), pdf);
  return { storageKey, sha256, size: pdf.length };
}

/** The stored PDF, or an error if it is missing or no longer matches its hash. */
export async function readDocument(store: ObjectStore, storageKey: string, sha256: string): Promise<Buffer> {
  const pdf = await store.read(documentKey(storageKey));
  if (createHash('sha256').update(pdf).digest('hex') !== sha256) throw new Error(`document ${storageKey} does not match its recorded hash`);
  return pdf;
}

/** The stored PDF as it is now, unchecked: 验章 says whether it still verifies rather than refusing it. */
export async function readStoredDocument(store: ObjectStore, storageKey: string): Promise<Buffer> {
  return store.read(documentKey(storageKey));
}
