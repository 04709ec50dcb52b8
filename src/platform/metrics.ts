// Prometheus metrics: one registry per app instance (so tests can run several),
// Node's default process metrics (event-loop lag among them), HTTP counts and
// latency by route, database pool and job queue gauges read at scrape time.
import client from 'prom-client';
import type { CacheSync } from './cache-sync.ts';
import type { Db } from './database/index.ts';
import type { JobQueue } from './jobs/queue.ts';
import { RequestStats } from './request-stats.ts';

export interface Metrics {
  registry: client.Registry;
  /** HTTP request counts and latencies by route (request-metrics.ts records them). */
  requests: RequestStats;
}

export function createMetrics(db: Db, jobs: JobQueue, cacheSync?: CacheSync): Metrics {
  const registry = new client.Registry();
  client.collectDefaultMetrics({
    register: registry,
    prefix: 'yimen_',
    eventLoopMonitoringPrecision: 10,
  });
  const requests = new RequestStats();
  requests.register(registry);
  new client.Gauge({
    name: 'yimen_db_pool_connections',
    help: 'Database connections by state (SQLite: the main connection and a read-only one)',
    labelNames: ['state'] as const,
    registers: [registry],
    collect() {
      const s = db.poolStats();
      this.set({ state: 'total' }, s.total);
      this.set({ state: 'idle' }, s.idle);
      this.set({ state: 'waiting' }, s.waiting);
    },
  });
  new client.Gauge({
    name: 'yimen_jobs',
    help: 'Jobs in the durable queue by status (dead = needs an administrator)',
    labelNames: ['status'] as const,
    registers: [registry],
    async collect() {
      const counts = await jobs.countsByStatus();
      for (const [status, n] of Object.entries(counts)) this.set({ status }, n);
    },
  });
  if (cacheSync) registerCacheSyncMetrics(registry, cacheSync);
  return { registry, requests };
}

function registerCacheSyncMetrics(registry: client.Registry, cacheSync: CacheSync): void {
  new client.Gauge({
    name: 'yimen_cache_sync_listening',
    help: "1 while this node hears the other nodes' cache invalidations (PostgreSQL)",
    registers: [registry],
    collect() {
      this.set(cacheSync.state === 'listening' ? 1 : 0);
    },
  });
  new client.Counter({
    name: 'yimen_cache_sync_reconnects_total',
    help: 'Times the cache invalidation listener reconnected (and cleared the local cache)',
    registers: [registry],
    collect() {
      this.reset();
      this.inc(cacheSync.reconnects);
    },
  });
}
