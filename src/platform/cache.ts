// An in-process cache of rendered pages and other derived values. Entries
// carry tags (e.g. "channel:42", "site:gov"); a change invalidates exactly the
// tags it touches. Nodes only ever cache what can be rebuilt from the database.
// Invalidations made here are reported to listeners (cache-sync.ts sends them
// to the other nodes); invalidations received from other nodes are applied
// without being reported again.
import { LRUCache } from 'lru-cache';

/** What an invalidation dropped: some tags, or everything. */
export type CacheChange = { kind: 'tags'; tags: string[] } | { kind: 'clear' };

export interface Cache {
  get<T>(key: string): T | undefined;
  set(key: string, value: unknown, tags?: readonly string[]): void;
  invalidateTag(tag: string): number;
  clear(): void;
  readonly size: number;
  /**
   * Goes up on every invalidateTag and clear. A value computed from the
   * database is stored only if no invalidation happened while it was being
   * computed; otherwise it may already be stale.
   */
  readonly generation: number;
  /** Call `listener` after every invalidation made on this node. */
  onLocalChange(listener: (change: CacheChange) => void): void;
  /** Apply an invalidation another node made: same effect, not reported to listeners. */
  applyRemote(change: CacheChange): void;
}

export function createCache(maxEntries = 5000): Cache {
  const lru = new LRUCache<string, { value: unknown; tags: readonly string[] }>({
    max: maxEntries,
    dispose: (entry, key) => {
      for (const tag of entry.tags) {
        const keys = byTag.get(tag);
        keys?.delete(key);
        if (keys?.size === 0) byTag.delete(tag);
      }
    },
  });
  const byTag = new Map<string, Set<string>>();
  const listeners: ((change: CacheChange) => void)[] = [];
  let generation = 0;

  const dropTag = (tag: string) => {
    generation++;
    const keys = [...(byTag.get(tag) ?? [])];
    for (const key of keys) lru.delete(key);
    return keys.length;
  };
  const dropAll = () => {
    generation++;
    lru.clear();
  };
  const report = (change: CacheChange) => {
    for (const listener of listeners) listener(change);
  };

  return {
    get<T>(key: string) {
      return lru.get(key)?.value as T | undefined;
    },
    set(key, value, tags = []) {
      lru.set(key, { value, tags });
      for (const tag of tags) {
        const keys = byTag.get(tag) ?? new Set<string>();
        keys.add(key);
        byTag.set(tag, keys);
      }
    },
    invalidateTag(tag) {
      const n = dropTag(tag);
      report({ kind: 'tags', tags: [tag] });
      return n;
    },
    clear() {
      dropAll();
      report({ kind: 'clear' });
    },
    get size() {
      return lru.size;
    },
    get generation() {
      return generation;
    },
    onLocalChange(listener) {
      listeners.push(listener);
    },
    applyRemote(change) {
      if (change.kind === 'clear') dropAll();
      else for (const tag of change.tags) dropTag(tag);
    },
  };
}
