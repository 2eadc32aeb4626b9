/**
 * The short cache of records found: the same number asked again within `seconds` is answered from
 * memory (a 秒批 case reads its applicant at prefill, at verification and at the decision, within
 * seconds). Only records found are kept — a number not found, or a registry down, is asked again
 * next time (a birth registered a minute ago must be found). Bounded: the oldest entry goes first.
 * Per process, in memory only: personal data is never written anywhere by it.
 */
export class RegistryCache<T> {
  private readonly entries = new Map<string, { value: T; until: number }>();

  constructor(
    private readonly seconds: number,
    private readonly maxEntries = 2000,
  ) {}

  get(key: string, now = Date.now()): T | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (entry.until <= now) {
      this.entries.delete(key);
      return undefined;
    }
    return structuredClone(entry.value);
  }

  set(key: string, value: T, now = Date.now()): void {
    if (this.seconds <= 0) return;
    this.entries.delete(key);
    this.entries.set(key, { value: structuredClone(value), until: now + this.seconds * 1000 });
    if (this.entries.size > this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
  }

  /** forgets a number (an event says its record changed: a death, say) */
  forget(key: string): void {
    this.entries.delete(key);
  }
}
