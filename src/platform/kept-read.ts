// A value read once per app context and kept for a while (the search
// vocabulary, the public list of popular queries): callers within the
// lifetime share the one read, a read that failed is not kept, and forget()
// makes the next call read again (after an edit on this node).
import type { AppContext } from './module.ts';

export interface KeptRead<T> {
  get(ctx: AppContext): Promise<T>;
  forget(ctx: AppContext): void;
}

export function keptRead<T>(
  ttlMs: number,
  read: (ctx: AppContext) => Promise<T>,
  clock: (ctx: AppContext) => number = () => Date.now(),
): KeptRead<T> {
  const kept = new WeakMap<AppContext, { at: number; value: Promise<T> }>();
  return {
    get(ctx) {
      const now = clock(ctx);
      const hit = kept.get(ctx);
      if (hit && now - hit.at < ttlMs) return hit.value;
      const value = read(ctx);
      kept.set(ctx, { at: now, value });
      value.catch(() => {
        if (kept.get(ctx)?.value === value) kept.delete(ctx);
      });
      return value;
    },
    forget: (ctx) => kept.delete(ctx),
  };
}
