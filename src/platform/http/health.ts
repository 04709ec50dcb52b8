// Operational endpoints: /healthz (the process answers), /readyz (the database
// answers and its migrations are current: take the node out of the load
// balancer otherwise), /metrics (Prometheus text).
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
      return { status: 'ready', database: ctx.db.dialect };
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
