// Per-client rate limit: at most `max` requests per fixed one-minute window
// from one IP (an IPv6 client by its /64, which one subscriber gets whole).
// Every request pays for it, so the common case is one Map lookup and an
// increment: all clients share one window, and when it ends the counts are
// dropped at once (no per-entry timers, no LRU bookkeeping). Runs as the
// first onRequest hook after the security headers, before any route's own
// hooks. The limiter is shared with the fast lane (fast-lane.ts), which
// counts the prebuilt pages it answers before Fastify sees them. The
// X-RateLimit-* headers go on responses meant for one client only.
import { normalizeIP } from '@fastify/rate-limit';
import type { FastifyInstance, FastifyRequest } from 'fastify';

const WINDOW_MS = 60_000;
/**
 * Distinct clients one window may track. A flood from more addresses than
 * this starts the next window early: the counts are lost, but memory stays
 * bounded and each of those addresses had few requests to count anyway.
 */
const MAX_CLIENTS = 100_000;

class RateLimitedError extends Error {
  statusCode = 429;
  code = 'YIMEN_RATE_LIMITED';
}

export interface RateLimiter {
  /** Count one request from `client`; the number still allowed in this window, or -1 when over. */
  take(client: string, now: number): number;
  /** Milliseconds until the current window ends. */
  resetIn(now: number): number;
}

export function createRateLimiter(max: number): RateLimiter {
  let counts = new Map<string, number>();
  let windowEnd = 0;
  return {
    take(client, now) {
      if (now >= windowEnd || counts.size >= MAX_CLIENTS) {
        counts = new Map();
        windowEnd = now + WINDOW_MS;
      }
      const used = (counts.get(client) ?? 0) + 1;
      counts.set(client, used);
      return used > max ? -1 : max - used;
    },
    resetIn: (now) => Math.max(0, windowEnd - now),
  };
}

/** The key a client is counted under: IPv4 as is, IPv6 by its /64 prefix. */
export function clientKey(ip: string): string {
  return ip.includes(':') ? normalizeIP(ip, 64) : ip;
}

export function installRateLimit(
  app: FastifyInstance,
  limiter: RateLimiter,
  max: number,
  unlimited: (request: FastifyRequest) => boolean,
): void {
  const limit = String(max);
  app.addHook('onRequest', (request, reply, done) => {
    if (unlimited(request)) return done();
    const now = Date.now();
    const remaining = limiter.take(clientKey(request.ip), now);
    const reset = String(Math.ceil(limiter.resetIn(now) / 1000));
    reply.header('x-ratelimit-limit', limit).header('x-ratelimit-reset', reset);
    if (remaining >= 0) {
      reply.header('x-ratelimit-remaining', String(remaining));
      return done();
    }
    reply.header('x-ratelimit-remaining', '0').header('retry-after', reset);
    done(new RateLimitedError('rate limit exceeded'));
  });
  // A response a shared cache may keep and hand to everyone (a public page,
  // an asset) carries no one client's counters; the prebuilt pages of the
  // fast lane leave them out for the same reason.
  app.addHook('onSend', (_request, reply, payload, done) => {
    if (reply.statusCode !== 429 && sharedCacheable(reply.getHeader('cache-control'))) {
      reply.removeHeader('x-ratelimit-limit');
      reply.removeHeader('x-ratelimit-remaining');
      reply.removeHeader('x-ratelimit-reset');
    }
    done(null, payload);
  });
}

/** Cache-Control lets a shared cache (a reverse proxy, a CDN) store the response. */
function sharedCacheable(cacheControl: unknown): boolean {
  return typeof cacheControl === 'string' && /(?:^|[\s,])public(?:$|[\s,])/i.test(cacheControl);
}
