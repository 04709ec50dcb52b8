// Request counts and latency by route pattern. Each route gets its own
// onResponse hook holding its label sets, made once per method and status,
// so a request does not rebuild request.routeOptions (a fresh object on every
// read) nor new label objects. Requests no route matched count as 'unmatched'.
import type { FastifyInstance, FastifyReply, FastifyRequest, onResponseHookHandler } from 'fastify';
import type { Metrics } from '../metrics.ts';

interface Labels {
  count: { method: string; route: string; status: string };
  duration: { method: string; route: string };
}

function recorder(metrics: Metrics, route: string) {
  const labels = new Map<string, Labels>();
  return (request: FastifyRequest, reply: FastifyReply) => {
    const key = `${request.method} ${reply.statusCode}`;
    let l = labels.get(key);
    if (!l) {
      const method = request.method;
      l = {
        count: { method, route, status: String(reply.statusCode) },
        duration: { method, route },
      };
      labels.set(key, l);
    }
    metrics.httpRequests.inc(l.count);
    metrics.httpDuration.observe(l.duration, reply.elapsedTime / 1000);
  };
}

function appendHook(
  existing: onResponseHookHandler | onResponseHookHandler[] | undefined,
  hook: onResponseHookHandler,
): onResponseHookHandler[] {
  if (existing === undefined) return [hook];
  return [...(Array.isArray(existing) ? existing : [existing]), hook];
}

/** Call before any route is added. */
export function installRequestMetrics(app: FastifyInstance, metrics: Metrics): void {
  app.addHook('onRoute', (route) => {
    const record = recorder(metrics, route.url);
    route.onResponse = appendHook(route.onResponse, (request, reply, done) => {
      record(request, reply);
      done();
    });
  });
  const unmatched = recorder(metrics, 'unmatched');
  // Fastify's 404 handler is not a route; a route that calls callNotFound
  // ends there too (its own hooks do not run), as it did before.
  app.addHook('onResponse', (request, reply, done) => {
    if (request.is404) unmatched(request, reply);
    done();
  });
}
