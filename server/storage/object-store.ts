import type { Readable } from 'node:stream';

/**
 * Where the platform keeps files (uploaded materials, generated and sealed documents): a store of
 * objects by key that every node reaches. Keys are content- or id-named and written once: a key
 * never changes once it holds an object, so a reader, a second node and a backup see either the
 * whole object or none.
 */
export interface ObjectStore {
  /** where the objects are (a directory, or endpoint/bucket), for logs and the backup's manifest: no secret */
  readonly location: string;
  /**
   * Keeps `bytes` under `key` unless the key already holds an object: true when written, false when
   * it was there already (the stored object is left as it is). A write cut short leaves nothing.
   */
  putOnce(key: string, bytes: Buffer): Promise<boolean>;
  /** the object's bytes; ObjectMissing when the key holds none */
  read(key: string): Promise<Buffer>;
  /** the object as a stream (large files, hashing); ObjectMissing when the key holds none */
  stream(key: string): Promise<Readable>;
  /** the object's size, or undefined when the key holds none */
  size(key: string): Promise<number | undefined>;
  /** every object under the prefix ('' for all), in key order */
  list(prefix?: string): AsyncIterable<StoredObject>;
}

export interface StoredObject {
  key: string;
  size: number;
}

export class ObjectMissing extends Error {
  constructor(readonly key: string) {
    super(`no stored object ${key}`);
    this.name = 'ObjectMissing';
  }
}

/** a-z, digits, dot, dash and underscore in segments separated by '/': no '..', nothing to escape anywhere */
const KEY = /^(?!.*(?:^|\/)\.\.?(?:\/|$))[A-Za-z0-9._-]+(?:\/[A-Za-z0-9._-]+)*$/;

/** Refuses a key that could leave the store's namespace or means something to a file system or a URL. */
export function checkedKey(key: string): string {
  if (key.length > 512 || !KEY.test(key) || key.endsWith('.part')) throw new Error(`not a storage key: ${JSON.stringify(key)}`);
  return key;
}
