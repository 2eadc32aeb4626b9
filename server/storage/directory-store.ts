import { randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { link, mkdir, open, readdir, readFile, stat, unlink } from 'node:fs/promises';
import { dirname, join, relative, sep } from 'node:path';
import type { Readable } from 'node:stream';
import { checkedKey, ObjectMissing, type ObjectStore, type StoredObject } from './object-store.ts';

const missing = (err: unknown) => (err as NodeJS.ErrnoException).code === 'ENOENT';

/**
 * Objects as files under one directory (the data directory, or STORAGE_DIR: a mount every node
 * shares). A write goes to `<name>.<random>.part`, is flushed to disk, then hard-linked to its name:
 * link() refuses a name that exists (write-once, atomic also on NFS) and a reader never sees a
 * half-written file; the `.part` name is removed after, and left-overs of a crash are never listed.
 */
export class DirectoryStore implements ObjectStore {
  constructor(readonly root: string) {}

  get location(): string {
    return this.root;
  }

  private path(key: string): string {
    return join(this.root, ...checkedKey(key).split('/'));
  }

  async putOnce(key: string, bytes: Buffer): Promise<boolean> {
    const path = this.path(key);
    await mkdir(dirname(path), { recursive: true });
    const part = `${path}.${randomBytes(6).toString('hex')}.part`;
    const file = await open(part, 'wx', 0o600);
    try {
      await file.writeFile(bytes);
      await file.sync();
    } finally {
      await file.close();
    }
    try {
      await link(part, path);
      return true;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'EEXIST') return false;
      throw err;
    } finally {
      await unlink(part).catch(() => undefined);
    }
  }

  async read(key: string): Promise<Buffer> {
    try {
      return await readFile(this.path(key));
    } catch (err) {
      if (missing(err)) throw new ObjectMissing(key);
      throw err;
    }
  }

  async stream(key: string): Promise<Readable> {
    const path = this.path(key);
    if ((await this.size(key)) === undefined) throw new ObjectMissing(key);
    return createReadStream(path);
  }

  async size(key: string): Promise<number | undefined> {
    try {
      const s = await stat(this.path(key));
      return s.isFile() ? s.size : undefined;
    } catch (err) {
      if (missing(err)) return undefined;
      throw err;
    }
  }

  async *list(prefix = ''): AsyncIterable<StoredObject> {
    // the walk starts at the prefix's folder: the data directory holds other things (the databases)
    const folder = prefix.includes('/') ? prefix.slice(0, prefix.lastIndexOf('/')) : '';
    if (folder) checkedKey(folder);
    const paths = await this.walk(folder ? join(this.root, ...folder.split('/')) : this.root);
    for (const path of paths) {
      const key = relative(this.root, path).split(sep).join('/');
      if (!key.startsWith(prefix) || key.endsWith('.part')) continue;
      try {
        checkedKey(key);
      } catch {
        continue; // not one of ours (an operator's note, an editor's swap file)
      }
      const s = await stat(path);
      yield { key, size: s.size };
    }
  }

  private async walk(dir: string): Promise<string[]> {
    let entries;
    try {
      entries = await readdir(dir, { withFileTypes: true });
    } catch (err) {
      if (missing(err)) return [];
      throw err;
    }
    const out: string[] = [];
    for (const e of entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
      const path = join(dir, e.name);
      if (e.isDirectory()) out.push(...(await this.walk(path)));
      else if (e.isFile()) out.push(path);
    }
    return out.sort();
  }
}
