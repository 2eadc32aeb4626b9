/**
 * A small cache of values loaded from the database, each kept `ttlMs` from its load, at most `max`
 * of them (the oldest go first). A value being loaded is shared by everyone asking meanwhile; a
 * load that fails is not kept. ttlMs 0: every get loads.
 */
export class TtlCache<K, V> {
  private readonly entries = new Map<K, { value: Promise<V>; loadedAt: number }>();

  constructor(
    private readonly ttlMs: number,
    private readonly now: () => number,
    private readonly max = 10_000,
  ) {}

  get(key: K, load: () => Promise<V>): Promise<V> {
    const hit = this.entries.get(key);
    if (hit && this.now() - hit.loadedAt < this.ttlMs) return hit.value;
    const value = load();
    if (this.ttlMs <= 0) return value;
    this.entries.delete(key);
    this.entries.set(key, { value, loadedAt: this.now() });
    if (this.entries.size > this.max) this.entries.delete(this.entries.keys().next().value as K);
    value.catch(() => {
      if (this.entries.get(key)?.value === value) this.entries.delete(key);
    });
    return value;
  }

  delete(key: K): void {
    this.entries.delete(key);
  }

  clear(): void {
    this.entries.clear();
  }
}
