// Security plugins every response passes through: headers (CSP with a
// per-response nonce, no inline script; frame-ancestors none; nosniff;
// referrer policy; HSTS when the request came over TLS), cookies, CSRF on
// every state-changing browser request, per-IP rate limiting.
import cookie from '@fastify/cookie';
import csrf from '@fastify/csrf-protection';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Config } from '../config.ts';

const UNSAFE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const UNLIMITED_PATHS = new Set(['/healthz', '/readyz', '/metrics']);

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Set to false on routes authenticated by a bearer token instead of a cookie. */
    csrf?: boolean;
  }
}

const CSP_DIRECTIVES: Record<string, string[]> = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'"],
  styleSrc: ["'self'"],
  imgSrc: ["'self'", 'data:'],
  fontSrc: ["'self'"],
  connectSrc: ["'self'"],
  objectSrc: ["'none'"],
  baseUri: ["'none'"],
  frameAncestors: ["'none'"],
  formAction: ["'self'"],
};
const HSTS = 'max-age=31536000; includeSubDomains';
const REFERRER_POLICY = 'strict-origin-when-cross-origin';

/**
 * The same policy for the few responses Fastify builds before any hook runs
 * (a URL it cannot decode such as /%zz, an over-long path parameter; see
 * frameworkErrors in app.ts). Helmet never sees those, and they used to go out
 * with no CSP, nosniff or frame protection at all. No nonce: they carry no script.
 * `overTls` is decided by the caller: these bare requests ignore trustProxy.
 */
export function setFallbackSecurityHeaders(reply: FastifyReply, overTls: boolean): void {
  const csp = Object.entries(CSP_DIRECTIVES)
    .map(
      ([name, values]) =>
        `${name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)} ${values.join(' ')}`,
    )
    .join(';');
  reply
    .header('content-security-policy', csp)
    .header('x-content-type-options', 'nosniff')
    .header('x-frame-options', 'DENY')
    .header('referrer-policy', REFERRER_POLICY);
  if (overTls) reply.header('strict-transport-security', HSTS);
}

class CrossSiteError extends Error {
  code = 'YIMEN_CROSS_SITE';
  statusCode = 403;
}

export async function registerSecurity(app: FastifyInstance, config: Config): Promise<void> {
  await app.register(cookie, { secret: config.secret });
  await app.register(helmet, {
    enableCSPNonces: true,
    contentSecurityPolicy: {
      useDefaults: false,
      directives: CSP_DIRECTIVES,
    },
    crossOriginEmbedderPolicy: false,
    hsts: false,
    frameguard: { action: 'deny' },
    referrerPolicy: { policy: REFERRER_POLICY },
  });
  app.addHook('onRequest', async (request, reply) => {
    if (request.protocol === 'https') {
      reply.header('strict-transport-security', HSTS);
    }
  });
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
  await app.register(rateLimit, {
    global: true,
    max: config.rateLimitPerMinute,
    timeWindow: 60_000,
    allowList: (request) => UNLIMITED_PATHS.has(request.url),
  });
}
