// Builds the Fastify application: platform plugins first, then every module's
// routes. No listening here, so tests can use inject() or listen themselves.
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import formbody from '@fastify/formbody';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import { findAsset } from '../../web/assets.ts';
import type { SiteBrand } from '../../web/pages/error-page.tsx';
import { createMetrics, type Metrics } from '../metrics.ts';
import type { AppContext } from '../module.ts';
import { clientErrorHandler } from './client-error.ts';
import { representationFor } from './compression.ts';
import { redirectDirectoryIndexes } from './directory-index.ts';
import { installErrorHandling, mapError, sendError } from './error-handler.ts';
import { createFastLanes, type FastLane, noneMatchNames } from './fast-lane.ts';
import { registerHealth } from './health.ts';
import { createRateLimiter } from './rate-limit.ts';
import { lazyChildLogger } from './request-logger.ts';
import { installRequestMetrics } from './request-metrics.ts';
import {
  prebuiltSecurityHeaders,
  registerSecurity,
  setFallbackSecurityHeaders,
} from './security.ts';

const INCOMING_ID = /^[A-Za-z0-9._-]{8,64}$/;

/** A request id from the proxy is kept only when it cannot carry log injection. */
function requestIdFor(headers: IncomingHttpHeaders): string {
  const incoming = headers['x-request-id'];
  return typeof incoming === 'string' && INCOMING_ID.test(incoming) ? incoming : randomUUID();
}

/** A character an HTTP header value may not carry as is, or a URL may not hold unescaped. */
const NOT_URL_ASCII = /[^\x21-\x7e]/;

/**
 * A redirect target with its non-ASCII characters (a return path such as
 * "/search?q=社保", decoded from a query string) percent-encoded as UTF-8, and
 * the '%XX' escapes it had kept: Node refuses such a header with an error,
 * which left the visitor a 500 instead of the page.
 */
function asciiLocation(location: string): string {
  return location.replace(/[^\x21-\x7e]+/g, (run) =>
    Array.from(
      Buffer.from(run, 'utf8'),
      (b) => `%${b.toString(16).toUpperCase().padStart(2, '0')}`,
    ).join(''),
  );
}

declare module 'fastify' {
  interface FastifyInstance {
    /** Let the HTTP server answer some GET/HEAD requests from prebuilt responses (fast-lane.ts). */
    addFastLane(lane: FastLane): void;
    /**
     * The public site a path belongs to, as its pages name it in their
     * header: error pages wear it too. Set by the portal; until then (and
     * for paths of no site) the product's own name is shown.
     */
    siteBrand(path: string): SiteBrand | undefined;
    setSiteBrand(resolve: (path: string) => SiteBrand | undefined): void;
  }
}

export interface BuiltApp {
  app: FastifyInstance;
  metrics: Metrics;
}

export async function buildApp(ctx: AppContext): Promise<BuiltApp> {
  const { config } = ctx;
  const limiter = createRateLimiter(config.rateLimitPerMinute);
  let closing = false;
  let lanes: ReturnType<typeof createFastLanes> | undefined;
  const app = Fastify({
    loggerInstance: ctx.logger as FastifyBaseLogger,
    childLoggerFactory: lazyChildLogger,
    trustProxy: config.trustProxy,
    bodyLimit: config.bodyLimit,
    requestIdHeader: false,
    genReqId: (req) => requestIdFor(req.headers),
    // The fast lane looks at each request before Fastify does; the timeouts
    // are those Fastify sets on a server it makes itself.
    serverFactory: (handler, fastifyOptions) => {
      const options = fastifyOptions as {
        keepAliveTimeout?: number;
        requestTimeout?: number;
        connectionTimeout?: number;
      };
      const server = createServer((req, res) => {
        if (!lanes?.answer(req, res)) handler(req, res);
      });
      server.keepAliveTimeout = options.keepAliveTimeout ?? 72_000;
      server.requestTimeout = options.requestTimeout ?? 0;
      server.setTimeout(options.connectionTimeout ?? 0);
      return server;
    },
    // Fastify answers an undecodable URL or an over-long path parameter before
    // any hook runs; without this they went out as English JSON with no
    // security headers and no request id. Route them through the one mapping.
    frameworkErrors: (error, request, reply) => {
      const forwarded = String(request.headers['x-forwarded-proto'] ?? '')
        .split(',')
        .pop();
      const overTls =
        request.protocol === 'https' || (config.trustProxy && forwarded?.trim() === 'https');
      setFallbackSecurityHeaders(reply, overTls);
      reply.header('x-request-id', request.id);
      request.log.info({ code: error.code }, 'request rejected by the router');
      return sendError(request, reply, mapError(error, request));
    },
    clientErrorHandler,
    return503OnClosing: true,
    forceCloseConnections: 'idle',
    ajv: { customOptions: { removeAdditional: false, coerceTypes: 'array', allErrors: true } },
  });

  const metrics = createMetrics(ctx.db, ctx.jobs, ctx.cacheSync);
  lanes = createFastLanes({
    trustProxy: config.trustProxy,
    limiter,
    metrics,
    logger: ctx.logger,
    securityHeaders: prebuiltSecurityHeaders,
    requestId: requestIdFor,
    closing: () => closing,
  });
  app.decorate('addFastLane', lanes.add);
  let siteBrand: (path: string) => SiteBrand | undefined = () => undefined;
  app.decorate('siteBrand', (path: string) => siteBrand(path));
  app.decorate('setSiteBrand', (resolve: typeof siteBrand) => {
    siteBrand = resolve;
  });
  app.addHook('onRequest', (request, reply, done) => {
    reply.header('x-request-id', request.id);
    done();
  });
  // On close Fastify drops only the connections idle at that moment. A
  // keep-alive connection whose request was still running stayed open after
  // its answer until keepAliveTimeout (72 s), far past the shutdown grace
  // period, so stop() hung and SIGTERM ended in a forced exit. Answers sent
  // while closing therefore close their connection.
  app.addHook('preClose', async () => {
    closing = true;
  });
  app.addHook('onSend', (_request, reply, payload, done) => {
    if (closing) reply.header('connection', 'close');
    const location = reply.getHeader('location');
    if (typeof location === 'string' && NOT_URL_ASCII.test(location))
      reply.header('location', asciiLocation(location));
    done(null, payload);
  });
  installRequestMetrics(app, metrics);

  await registerSecurity(app, config, limiter);
  await app.register(formbody, { bodyLimit: config.bodyLimit });
  installErrorHandling(app);
  registerHealth(app, ctx, metrics);
  redirectDirectoryIndexes(app);

  app.get('/static/:file', (request, reply) => {
    const asset = findAsset((request.params as { file: string }).file);
    if (!asset) return reply.callNotFound();
    const sent = representationFor(request.headers, asset, asset.contentType);
    reply
      .header('cache-control', 'public, max-age=31536000, immutable')
      .header('vary', 'accept-encoding')
      .header('etag', sent.etag);
    if (noneMatchNames(request.headers['if-none-match'], sent.etag)) return reply.code(304).send();
    if (sent.encoding) reply.header('content-encoding', sent.encoding);
    return reply.type(asset.contentType).send(sent.body);
  });

  for (const mod of ctx.modules) {
    if (mod.routes) await mod.routes(app, ctx);
  }
  await app.ready();
  return { app, metrics };
}
