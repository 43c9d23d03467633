// A bounded memo dropping what has not been used for longest: the rendered formulas, parsed titles
// and abstracts, and similar papers, whose memory must stay bounded.
//
// Two generations of a Map (as quick-lru does): a hit in the newer one is a plain Map look-up, where
// moving each hit to the end of one Map cost more than the work memoised for short values.

export class Lru<K, V> {
  private recent = new Map<K, V>();
  private older = new Map<K, V>();

  /** Keeps at least the `max` most recently used entries, and never more than twice that. */
  constructor(readonly max: number) {
    if (!Number.isInteger(max) || max < 1) throw new Error(`an LRU holds at least one entry, not ${max}`);
  }

  get size(): number {
    let n = this.recent.size;
    for (const key of this.older.keys()) if (!this.recent.has(key)) n++;
    return n;
  }

  /** The value, now counted as recently used; undefined when absent. */
  get(key: K): V | undefined {
    const value = this.recent.get(key);
    if (value !== undefined) return value;
    const old = this.older.get(key);
    if (old !== undefined) {
      this.older.delete(key);
      this.add(key, old);
    }
    return old;
  }

  set(key: K, value: V): void {
    if (this.recent.has(key)) this.recent.set(key, value);
    else {
      this.older.delete(key);
      this.add(key, value);
    }
  }

  delete(key: K): void {
    this.recent.delete(key);
    this.older.delete(key);
  }

  clear(): void {
    this.recent.clear();
    this.older.clear();
  }

  private add(key: K, value: V): void {
    this.recent.set(key, value);
    if (this.recent.size >= this.max) {
      // The older generation, unused for a whole generation, is dropped at once.
      this.older = this.recent;
      this.recent = new Map();
    }
  }
}
