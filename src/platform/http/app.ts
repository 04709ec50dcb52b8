// Builds the Fastify application: platform plugins first, then every module's
// routes. No listening here, so tests can use inject() or listen themselves.
import { randomUUID } from 'node:crypto';
import formbody from '@fastify/formbody';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import { findAsset } from '../../web/assets.ts';
import { createMetrics, type Metrics } from '../metrics.ts';
import type { AppContext } from '../module.ts';
import { installErrorHandling, mapError, sendError } from './error-handler.ts';
import { registerHealth } from './health.ts';
import { lazyChildLogger } from './request-logger.ts';
import { installRequestMetrics } from './request-metrics.ts';
import { registerSecurity, setFallbackSecurityHeaders } from './security.ts';

const INCOMING_ID = /^[A-Za-z0-9._-]{8,64}$/;

export interface BuiltApp {
  app: FastifyInstance;
  metrics: Metrics;
}

export async function buildApp(ctx: AppContext): Promise<BuiltApp> {
  const { config } = ctx;
  const app = Fastify({
    loggerInstance: ctx.logger as FastifyBaseLogger,
    childLoggerFactory: lazyChildLogger,
    trustProxy: config.trustProxy,
    bodyLimit: config.bodyLimit,
    // A request id from the proxy is kept only when it cannot carry log injection.
    requestIdHeader: false,
    genReqId: (req) => {
      const incoming = req.headers['x-request-id'];
      return typeof incoming === 'string' && INCOMING_ID.test(incoming) ? incoming : randomUUID();
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
    return503OnClosing: true,
    forceCloseConnections: 'idle',
    ajv: { customOptions: { removeAdditional: false, coerceTypes: 'array', allErrors: true } },
  });

  const metrics = createMetrics(ctx.db, ctx.jobs);
  app.addHook('onRequest', (request, reply, done) => {
    reply.header('x-request-id', request.id);
    done();
  });
  // On close Fastify drops only the connections idle at that moment. A
  // keep-alive connection whose request was still running stayed open after
  // its answer until keepAliveTimeout (72 s), far past the shutdown grace
  // period, so stop() hung and SIGTERM ended in a forced exit. Answers sent
  // while closing therefore close their connection.
  let closing = false;
  app.addHook('preClose', async () => {
    closing = true;
  });
  app.addHook('onSend', (_request, reply, payload, done) => {
    if (closing) reply.header('connection', 'close');
    done(null, payload);
  });
  installRequestMetrics(app, metrics);

  await registerSecurity(app, config);
  await app.register(formbody, { bodyLimit: config.bodyLimit });
  installErrorHandling(app);
  registerHealth(app, ctx, metrics);

  app.get('/static/:file', (request, reply) => {
    const asset = findAsset((request.params as { file: string }).file);
    if (!asset) return reply.callNotFound();
    reply.header('cache-control', 'public, max-age=31536000, immutable').header('etag', asset.etag);
    if (request.headers['if-none-match'] === asset.etag) return reply.code(304).send();
    return reply.type(asset.contentType).send(asset.body);
  });

  for (const mod of ctx.modules) {
    if (mod.routes) await mod.routes(app, ctx);
  }
  await app.ready();
  return { app, metrics };
}
