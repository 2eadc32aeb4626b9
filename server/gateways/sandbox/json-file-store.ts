import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

/**
 * A sandbox's whole state as one JSON file, so a restarted embedded platform finds the orders and
 * waybills it created. Written whole on each change through a temporary file and a rename, so a
 * crash leaves the old state or the new one, never half. Without a file the state lives in memory.
 */
export class JsonFileStore<T> {
  constructor(private readonly file: string | undefined) {}

  load(fallback: () => T): T {
    if (!this.file || !existsSync(this.file)) return fallback();
    return JSON.parse(readFileSync(this.file, 'utf8')) as T;
  }

  save(state: T): void {
    if (!this.file) return;
    mkdirSync(dirname(this.file), { recursive: true });
    const temporary = `${this.file}.${process.pid}.tmp`;
    writeFileSync(temporary, JSON.stringify(state, null, 2), { mode: 0o600 });
    renameSync(temporary, this.file);
  }
}
