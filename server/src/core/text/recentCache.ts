/**
 * A bounded memo for values computed from strings that recur from one analysis to the next
 * (a brief's sentences: an edit changes one or two of them). Two generations of at most
 * `size` entries: a hit in the older one moves to the newer; when the newer is full, the
 * older is dropped. Recent keys stay, memory stays bounded (at most twice `size` entries).
 */
export class RecentCache<V> {
  private recent = new Map<string, V>();
  private older = new Map<string, V>();

  constructor(private readonly size: number) {}

  get(key: string, compute: (key: string) => V): V {
    let v = this.recent.get(key);
    if (v !== undefined) return v;
    v = this.older.get(key);
    if (v === undefined) v = compute(key);
    if (this.recent.size >= this.size) {
      this.older = this.recent;
      this.recent = new Map();
    }
    this.recent.set(key, v);
    return v;
  }
}
