// Security plugins every response passes through: headers (CSP with a
// per-response nonce, no inline script; frame-ancestors none; nosniff;
// referrer policy; HSTS when the request came over TLS), cookies, CSRF on
// every state-changing browser request, per-IP rate limiting.
import { randomFillSync } from 'node:crypto';
import cookie from '@fastify/cookie';
import csrf from '@fastify/csrf-protection';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Config } from '../config.ts';
import { installRateLimit, type RateLimiter } from './rate-limit.ts';

const UNSAFE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const UNLIMITED_PATHS = new Set(['/healthz', '/readyz', '/metrics', '/mode.css']);
/**
 * The stylesheets, scripts and images every page loads: served from memory,
 * content-hashed, cheap. Counted, they made one page view cost five or six
 * requests of the limit, and visitors behind one carrier-grade NAT address
 * got pages without their stylesheet.
 */
const UNLIMITED_PREFIXES = ['/static/', '/themes/'];

function unlimited(request: FastifyRequest): boolean {
  const path = request.url.split('?', 1)[0]!;
  return UNLIMITED_PATHS.has(path) || UNLIMITED_PREFIXES.some((p) => path.startsWith(p));
}

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Set to false on routes authenticated by a bearer token instead of a cookie. */
    csrf?: boolean;
  }
}

// One policy for every response. Scripts only from our origin or with this
// response's nonce; no inline styles; nothing may frame us.
const CSP_BASE = [
  "default-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
  "form-action 'self'",
].join(';');
const HSTS = 'max-age=31536000; includeSubDomains';

/** Headers that never change, computed once (helmet rebuilds its policy per request when nonces are on). */
const STATIC_HEADERS: Record<string, string> = {
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'strict-origin-when-cross-origin',
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
  'origin-agent-cluster': '?1',
  'x-permitted-cross-domain-policies': 'none',
  'x-dns-prefetch-control': 'off',
  'x-xss-protection': '0',
};

const cspWithNonce = (nonce: string) => `${CSP_BASE};script-src 'self' 'nonce-${nonce}'`;

/** The same headers for a response with no inline script (no nonce), as a flat [name, value, …] list. */
const NO_INLINE_SCRIPT = [
  ...Object.entries(STATIC_HEADERS).flat(),
  'content-security-policy',
  `${CSP_BASE};script-src 'self'`,
];
const NO_INLINE_SCRIPT_TLS = [...NO_INLINE_SCRIPT, 'strict-transport-security', HSTS];

/** Security headers of a prebuilt response (fast-lane.ts): one of two constant lists. */
export const prebuiltSecurityHeaders = (overTls: boolean): readonly string[] =>
  overTls ? NO_INLINE_SCRIPT_TLS : NO_INLINE_SCRIPT;

const NONCE_BYTES = 16;
const noncePool = Buffer.allocUnsafe(NONCE_BYTES * 512);
let nonceOffset = noncePool.length;

/**
 * 128 random bits from the CSPRNG, base64url. Drawn from a pool refilled 512
 * nonces at a time: one randomFillSync call instead of one per response.
 * Each slice of the pool is handed out once.
 */
export function newNonce(): string {
  if (nonceOffset === noncePool.length) {
    randomFillSync(noncePool);
    nonceOffset = 0;
  }
  const nonce = noncePool.toString('base64url', nonceOffset, nonceOffset + NONCE_BYTES);
  nonceOffset += NONCE_BYTES;
  return nonce;
}

declare module 'fastify' {
  interface FastifyReply {
    /** Nonce for this response's CSP: the only inline <script> a page may carry. */
    cspNonce: string;
  }
}

function setSecurityHeaders(reply: FastifyReply, overTls: boolean, nonce: string): void {
  reply.headers(STATIC_HEADERS).header('content-security-policy', cspWithNonce(nonce));
  if (overTls) reply.header('strict-transport-security', HSTS);
}

/**
 * The same headers for the few responses Fastify builds before any hook runs
 * (a URL it cannot decode such as /%zz, an over-long path parameter; see
 * frameworkErrors in app.ts). `overTls` is decided by the caller: these bare
 * requests ignore trustProxy.
 */
export function setFallbackSecurityHeaders(reply: FastifyReply, overTls: boolean): void {
  setSecurityHeaders(reply, overTls, newNonce());
}

class CrossSiteError extends Error {
  code = 'YIMEN_CROSS_SITE';
  statusCode = 403;
}

export async function registerSecurity(
  app: FastifyInstance,
  config: Config,
  limiter: RateLimiter,
): Promise<void> {
  // Cookies are parsed before the body (preParsing), not on arrival: a page
  // answered from the page cache in onRequest never reads them. Everything
  // that does (CSRF in preValidation, sessions in preHandler, handlers)
  // comes later; setCookie parses on demand.
  await app.register(cookie, { secret: config.secret, hook: 'preParsing' });
  app.decorateReply('cspNonce', '');
  app.addHook('onRequest', (request, reply, done) => {
    reply.cspNonce = newNonce();
    setSecurityHeaders(reply, request.protocol === 'https', reply.cspNonce);
    done();
  });
  installRateLimit(app, limiter, config.rateLimitPerMinute, unlimited);
  await app.register(csrf, {
    sessionPlugin: '@fastify/cookie',
    cookieKey: 'yimen-csrf',
    cookieOpts: { path: '/', httpOnly: true, sameSite: 'lax', signed: true, secure: 'auto' },
    getToken: (request: FastifyRequest) => {
      const body = request.body as Record<string, unknown> | undefined;
      const fromBody = body && typeof body._csrf === 'string' ? body._csrf : undefined;
      return fromBody ?? (request.headers['x-csrf-token'] as string | undefined);
    },
  });
  // Checked after the body is parsed, since the token travels in the form.
  app.addHook('preValidation', async (request, reply) => {
    if (!UNSAFE_METHODS.has(request.method)) return;
    if (request.routeOptions.config?.csrf === false) return;
    if (request.headers['sec-fetch-site'] === 'cross-site')
      throw new CrossSiteError('cross-site request');
    await new Promise<void>((resolve, reject) => {
      app.csrfProtection(request, reply, (err?: Error) => (err ? reject(err) : resolve()));
    });
    // The token has done its job; drop it so that a form route whose schema
    // forbids unknown fields (additionalProperties: false) does not reject
    // every submission for carrying "_csrf".
    const body = request.body as Record<string, unknown> | undefined;
    if (body && typeof body === 'object' && '_csrf' in body) delete body._csrf;
  });
}
