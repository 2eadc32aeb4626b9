import { createHash } from 'node:crypto';

/**
 * What a pure function of some bytes answered, kept by the bytes' SHA-256 (and its other arguments):
 * a department's seal is the same image and certificate for every document it seals, and preparing
 * it (checking the image, widening it for pdfkit, opening the PKCS#12) cost more than half the seal
 * worker's time before it was kept (docs/performance.md, 秒批). A few entries, the oldest dropped.
 */
export class ContentMemo<T> {
  private readonly entries = new Map<string, T>();

  constructor(private readonly limit = 16) {}

  static keyOf(...parts: (Buffer | string)[]): string {
    const hash = createHash('sha256');
    for (const part of parts) hash.update(typeof part === 'string' ? Buffer.from(part, 'utf8') : part).update('\0');
    return hash.digest('hex');
  }

  get(key: string): T | undefined {
    return this.entries.get(key);
  }

  set(key: string, value: T): T {
    if (!this.entries.has(key) && this.entries.size >= this.limit) this.entries.delete(this.entries.keys().next().value!);
    this.entries.set(key, value);
    return value;
  }

  /** The value kept for the key, or the one `make` makes (kept). */
  of(key: string, make: () => T): T {
    return this.entries.get(key) ?? this.set(key, make());
  }
}
