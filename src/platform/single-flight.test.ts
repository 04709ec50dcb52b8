// One run per key while it runs; a new run after it settled, also after a
// failure, which every waiting caller sees.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { SingleFlight } from './single-flight.ts';

/** Work that settles when told to, counting how often it started. */
function gate() {
  let open: (value: string) => void = () => {};
  let fail: (err: Error) => void = () => {};
  const state = { starts: 0 };
  const work = () => {
    state.starts += 1;
    return new Promise<string>((resolve, reject) => {
      open = resolve;
      fail = reject;
    });
  };
  return { state, work, open: (v: string) => open(v), fail: (e: Error) => fail(e) };
}

describe('single flight', () => {
  it('shares one run among concurrent callers of a key, and runs other keys apart', async () => {
    const flights = new SingleFlight<string>();
    const a = gate();
    const b = gate();
    const callers = [1, 2, 3].map(() => flights.run('/a', a.work));
    const other = flights.run('/b', b.work);
    assert.equal(a.state.starts, 1);
    assert.equal(b.state.starts, 1);
    assert.equal(flights.size, 2);
    a.open('page a');
    b.open('page b');
    assert.deepEqual(await Promise.all(callers), ['page a', 'page a', 'page a']);
    assert.equal(await other, 'page b');
    assert.equal(flights.size, 0);
  });

  it('starts afresh after a run settled, also after one that failed for all its callers', async () => {
    const flights = new SingleFlight<string>();
    const g = gate();
    const first = [flights.run('/x', g.work), flights.run('/x', g.work)];
    g.fail(new Error('database gone'));
    for (const r of await Promise.allSettled(first)) {
      assert.equal(r.status, 'rejected');
      assert.match(String((r as PromiseRejectedResult).reason), /database gone/);
    }
    const again = flights.run('/x', g.work);
    assert.equal(g.state.starts, 2);
    g.open('rendered');
    assert.equal(await again, 'rendered');
  });
});
