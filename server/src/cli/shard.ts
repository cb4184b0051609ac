/**
 * `--shard i/n`: a stable split of the files by path. A file belongs to the shard given by
 * a hash of its path relative to the workspace folder, so a file stays in its shard when
 * others are added or removed, every file is in exactly one shard, and the union of the
 * shards is the whole run.
 */
import { createHash } from 'node:crypto';

export interface Shard {
  index: number;
  count: number;
}

export function parseShard(s: string): Shard | undefined {
  const m = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(s);
  if (!m) return undefined;
  const index = Number(m[1]);
  const count = Number(m[2]);
  return count >= 1 && index >= 1 && index <= count ? { index, count } : undefined;
}

export function inShard(relativePath: string, shard: Shard): boolean {
  const h = createHash('sha1').update(relativePath).digest();
  return (h.readUInt32BE(0) % shard.count) + 1 === shard.index;
}
