// The rate limiter's counting, without HTTP (test/http/rate-limit.test.ts
// covers the responses): a shared fixed window, IPv6 clients by their /64.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { clientKey, createRateLimiter } from './rate-limit.ts';

describe('rate limiter', () => {
  it('allows max requests per client in a window, then refuses until the window ends', () => {
    const limiter = createRateLimiter(3);
    // The window opens with the first request it counts.
    const t0 = 1_000_000;
    assert.deepEqual(
      [0, 1, 2, 3].map((i) => limiter.take('203.0.113.1', t0 + i)),
      [2, 1, 0, -1],
    );
    assert.equal(limiter.take('203.0.113.2', t0 + 5), 2, 'another client has its own count');
    assert.equal(limiter.resetIn(t0 + 1_000), 59_000);
    assert.equal(limiter.take('203.0.113.1', t0 + 59_999), -1, 'still the same window');
    assert.equal(limiter.take('203.0.113.1', t0 + 60_000), 2, 'a new window starts afresh');
  });

  it('counts an IPv6 client by its /64 and a mapped IPv4 address as IPv4', () => {
    assert.equal(clientKey('2001:db8:1:2:aaaa::1'), clientKey('2001:db8:1:2:bbbb::2'));
    assert.notEqual(clientKey('2001:db8:1:2::1'), clientKey('2001:db8:1:3::1'));
    assert.equal(clientKey('::ffff:203.0.113.7'), '203.0.113.7');
    assert.equal(clientKey('203.0.113.7'), '203.0.113.7');
  });
});
