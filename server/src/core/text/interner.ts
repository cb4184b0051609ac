/**
 * Keys made afresh on each analysis (a document key, a set of wanted ids) but usually equal
 * to one made before: `intern` returns the earlier string object when equal, so that
 * caches holding it compare by reference instead of character by character. Keeps the
 * `size` most recent keys (several documents are analysed in turn).
 */
export class Interner {
  private readonly recent: string[] = [];

  constructor(private readonly size: number) {}

  intern(key: string): string {
    for (const k of this.recent) if (k === key) return k;
    this.recent.unshift(key);
    this.recent.length = Math.min(this.recent.length, this.size);
    return key;
  }
}
