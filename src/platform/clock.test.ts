// Beijing time for people: UTC+8 all year, the same answer whether or not
// the conversion was remembered, and nothing for what is not a time.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { formatShanghai, shanghaiWallClock } from './clock.ts';

describe('Shanghai wall clock', () => {
  it('adds eight hours across the date line, for strings and dates alike', () => {
    for (let round = 0; round < 2; round++) {
      assert.equal(shanghaiWallClock('2026-12-31T16:30:05.000Z'), '2027-01-01T00:30:05');
      assert.equal(shanghaiWallClock(new Date('2026-06-30T23:59:59Z')), '2026-07-01T07:59:59');
    }
    assert.equal(formatShanghai('2026-11-26T02:05:09Z', 'minute'), '2026-11-26 10:05');
    assert.equal(formatShanghai('2026-11-26T02:05:09Z', 'date'), '2026-11-26');
  });

  it('answers nothing for a missing or invalid time, every time', () => {
    for (let round = 0; round < 2; round++) {
      assert.equal(shanghaiWallClock('not a date'), undefined);
      assert.equal(shanghaiWallClock(''), undefined);
      assert.equal(shanghaiWallClock(null), undefined);
      assert.equal(formatShanghai('not a date'), '');
    }
  });
});
