// Request counts and latency by route pattern. Each route gets its own
// onResponse hook; the series of a (method, route, status) are looked up
// once (request-stats.ts), and a request does not read request.routeOptions
// (a fresh object on every read). Requests no route matched count as
// 'unmatched'.
import type { FastifyInstance, FastifyReply, FastifyRequest, onResponseHookHandler } from 'fastify';
import type { Metrics } from '../metrics.ts';

/** Records one answered request of `route` in `seconds`. */
export type RequestRecorder = (method: string, status: number, seconds: number) => void;

export function routeRecorder(metrics: Metrics, route: string): RequestRecorder {
  const bound = new Map<string, (seconds: number) => void>();
  return (method, status, seconds) => {
    const key = `${method} ${status}`;
    let record = bound.get(key);
    if (!record) {
      record = metrics.requests.recorder(method, route, status);
      bound.set(key, record);
    }
    record(seconds);
  };
}

function onResponseRecorder(metrics: Metrics, route: string) {
  const record = routeRecorder(metrics, route);
  return (request: FastifyRequest, reply: FastifyReply) =>
    record(request.method, reply.statusCode, reply.elapsedTime / 1000);
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
    const record = onResponseRecorder(metrics, route.url);
    route.onResponse = appendHook(route.onResponse, (request, reply, done) => {
      record(request, reply);
      done();
    });
  });
  const unmatched = onResponseRecorder(metrics, 'unmatched');
  // Fastify's 404 handler is not a route; a route that calls callNotFound
  // ends there too (its own hooks do not run), as it did before.
  app.addHook('onResponse', (request, reply, done) => {
    if (request.is404) unmatched(request, reply);
    done();
  });
}
