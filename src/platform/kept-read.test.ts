// keptRead: one read shared within its lifetime, read again after it, after
// forget(), and after a failure.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { keptRead } from './kept-read.ts';
import type { AppContext } from './module.ts';

describe('kept read', () => {
  const ctx = {} as AppContext;

  it('shares one read until the lifetime ends, then reads again', async () => {
    let now = 0;
    let reads = 0;
    const kept = keptRead(
      1000,
      async () => ++reads,
      () => now,
    );
    assert.deepEqual(await Promise.all([kept.get(ctx), kept.get(ctx)]), [1, 1]);
    now = 999;
    assert.equal(await kept.get(ctx), 1);
    now = 1000;
    assert.equal(await kept.get(ctx), 2);
    kept.forget(ctx);
    assert.equal(await kept.get(ctx), 3);
  });

  it('does not keep a failed read', async () => {
    let fail = true;
    const kept = keptRead(60_000, async () => {
      if (fail) throw new Error('database away');
      return 'ok';
    });
    await assert.rejects(kept.get(ctx), /database away/);
    fail = false;
    assert.equal(await kept.get(ctx), 'ok');
  });
});
