// Operational endpoints: /healthz (the process answers), /readyz (the database
// answers and its migrations are current: take the node out of the load
// balancer otherwise; on PostgreSQL it also tells whether the node hears the
// others' cache invalidations), /metrics (Prometheus text).
import type { FastifyInstance } from 'fastify';
import { ping } from '../database/index.ts';
import { pendingMigrations } from '../database/migrator.ts';
import type { Metrics } from '../metrics.ts';
import type { AppContext } from '../module.ts';

export function registerHealth(app: FastifyInstance, ctx: AppContext, metrics: Metrics): void {
  app.get('/healthz', async (_request, reply) => {
    reply.header('cache-control', 'no-store');
    return { status: 'ok' };
  });

  app.get('/readyz', async (request, reply) => {
    reply.header('cache-control', 'no-store');
    try {
      await ping(ctx.db);
      const pending = await pendingMigrations(ctx.db, ctx.modules);
      if (pending.length > 0) {
        return reply.code(503).send({ status: 'migrations_pending', pending });
      }
      // Reported, not failed on: a node whose listener reconnects clears its
      // cache and keeps serving from the database.
      const cacheSync = ctx.cacheSync?.state;
      return { status: 'ready', database: ctx.db.dialect, ...(cacheSync ? { cacheSync } : {}) };
    } catch (err) {
      request.log.warn({ err }, 'readiness check failed');
      return reply.code(503).send({ status: 'database_unreachable' });
    }
  });

  app.get('/metrics', async (_request, reply) => {
    reply.header('cache-control', 'no-store').type(metrics.registry.contentType);
    return metrics.registry.metrics();
  });
}
