import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, readFile, rename } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { STORAGE_AREAS, type ObjectStore } from '../../server/storage/index.ts';
import type { FileSums } from './checksums.ts';

/**
 * The stored files (uploads, sealed documents) copied out of the store into the backup, under
 * files/<key>, their sums taken while they are written. Objects are write-once and named by
 * content or id, and every row points to a file written before it: copied after the databases,
 * every file the databases name is there (and perhaps a few newer ones no row names yet).
 */
export async function copyOut(store: ObjectStore, dir: string): Promise<{ path: string; sums: FileSums }[]> {
  const out: { path: string; sums: FileSums }[] = [];
  for (const area of STORAGE_AREAS) {
    for await (const object of store.list(area)) {
      const path = join('files', ...object.key.split('/'));
      const target = join(dir, path);
      await mkdir(dirname(target), { recursive: true });
      const sha256 = createHash('sha256');
      const sm3 = createHash('sm3');
      let size = 0;
      const sum = new Transform({
        transform(chunk: Buffer, _encoding, done) {
          size += chunk.length;
          sha256.update(chunk);
          sm3.update(chunk);
          done(null, chunk);
        },
      });
      await pipeline(await store.stream(object.key), sum, createWriteStream(`${target}.part`, { flags: 'wx', mode: 0o600 }));
      await rename(`${target}.part`, target);
      out.push({ path, sums: { size, sha256: sha256.digest('hex'), sm3: sm3.digest('hex') } });
    }
  }
  return out;
}

/** Whether the store holds any of the platform's files already. */
export async function storeHasFiles(store: ObjectStore): Promise<boolean> {
  for (const area of STORAGE_AREAS) for await (const _ of store.list(area)) return true;
  return false;
}

/**
 * Puts the backup's files into the store. A key that holds the same bytes already is left as it is
 * (a restore run again); one that holds other bytes is an error: a store is never overwritten.
 */
export async function copyIn(store: ObjectStore, dir: string, paths: string[]): Promise<number> {
  let written = 0;
  for (const path of paths) {
    const key = path.split(/[\\/]/).slice(1).join('/');
    const bytes = await readFile(join(dir, path));
    if (await store.putOnce(key, bytes)) written++;
    else {
      const there = await store.read(key);
      if (!there.equals(bytes)) throw new Error(`the store holds other bytes under ${key}: restore into an empty store`);
    }
  }
  return written;
}
