import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Signed result documents as files under DATA_DIR/documents, named by their SHA-256: writing the
 * same PDF twice (a retried seal task) lands on the same file, and a file never changes once
 * written. The database keeps the key and the hash; the server serves the file after checking
 * that its hash still matches.
 */
export async function storeDocument(dataDir: string, pdf: Buffer): Promise<{ storageKey: string; sha256: string; size: number }> {
  const sha256 = createHash('sha256').update(pdf).digest('hex');
  const storageKey = join(sha256.slice(0, 2), `${sha256}.pdf`);
  const path = join(dataDir, 'documents', storageKey);
  if (!existsSync(path)) {
    await mkdir(join(dataDir, 'documents', sha256.slice(0, 2)), { recursive: true });
    const tmp = `${path}.${process.pid}.${Date.now()}.part`;
    await writeFile(tmp, pdf);
    await rename(tmp, path);
  }
  return { storageKey, sha256, size: pdf.length };
}

/** The stored PDF, or an error if it is missing or no longer matches its hash. */
export async function readDocument(dataDir: string, storageKey: string, sha256: string): Promise<Buffer> {
  const pdf = await readFile(join(dataDir, 'documents', storageKey));
  if (createHash('sha256').update(pdf).digest('hex') !== sha256) throw new Error(`document ${storageKey} does not match its recorded hash`);
  return pdf;
}

/** The stored PDF as it is now, unchecked: 验章 says whether it still verifies rather than refusing it. */
export async function readStoredDocument(dataDir: string, storageKey: string): Promise<Buffer> {
  return readFile(join(dataDir, 'documents', storageKey));
}
