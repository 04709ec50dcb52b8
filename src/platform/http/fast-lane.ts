// Prebuilt public responses answered by the Node HTTP server itself, before
// Fastify makes its request and reply objects, runs its hooks and routes.
// A module registers a lane (the portal: its page cache); a request a lane
// answers still gets everything the platform promises every response — the
// security headers, a request id, the per-IP rate limit, metrics under the
// route's own pattern, an access-log line at info, 304s for a client's fresh
// copy, gzip for a client that takes it (compression.ts) — only without the
// framework around it, and with a head built once per page (kept-head.ts).
// Anything a lane does not answer (a miss, a client over its limit, a server
// shutting down) goes to Fastify untouched, where the same page is served
// the ordinary way.
import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';
import proxyAddr from '@fastify/proxy-addr';
import type { Logger } from 'pino';
import type { Metrics } from '../metrics.ts';
import { type Representation, representationFor } from './compression.ts';
import { writeKeptHead } from './kept-head.ts';
import { clientKey, type RateLimiter } from './rate-limit.ts';
import { type RequestRecorder, routeRecorder } from './request-metrics.ts';

/**
 * How long browsers and proxies may keep a public page (and a redirect to
 * one) for everybody: a minute, and five more while they revalidate.
 */
export const PUBLIC_CACHE_CONTROL = 'public, max-age=60, stale-while-revalidate=300';

/** A response rendered once and sent as the same bytes to every visitor. */
export interface Prebuilt {
  body: Buffer;
  type: string;
  /** Strong validator (quoted). */
  etag: string;
  /** HTTP date of the rendering. */
  lastModified: string;
  cacheControl: string;
}

/** What a lane may look at: the URL as sent, and the public origin it was asked under. */
export interface LaneRequest {
  path: string;
  /** The query string with its '?', or ''. */
  query: string;
  host: string;
  protocol: string;
}

export interface LaneHit {
  response: Prebuilt;
  /** The route pattern Fastify would have matched: the metrics label. */
  route: string;
}

export type FastLane = (request: LaneRequest) => LaneHit | undefined;

/**
 * Does the client's copy match? If-None-Match wins over If-Modified-Since
 * (RFC 9110 §13.2.2). `etag` is the validator of the representation about
 * to be sent (the gzip one differs).
 */
export function isFresh(headers: IncomingHttpHeaders, page: Prebuilt, etag = page.etag): boolean {
  const inm = headers['if-none-match'];
  if (typeof inm === 'string' && inm.length > 0) return noneMatchNames(inm, etag);
  const ims = headers['if-modified-since'];
  if (typeof ims === 'string') {
    const since = Date.parse(ims);
    // A date still to come is no copy the client can hold (RFC 2616 §14.25): ignored.
    return !Number.isNaN(since) && since <= Date.now() && since >= Date.parse(page.lastModified);
  }
  return false;
}

/**
 * Does an If-None-Match value name this ETag? Weak comparison (W/ ignored), a
 * list, or * (RFC 9110 §13.1.2).
 */
export function noneMatchNames(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  return ifNoneMatch
    .split(',')
    .map((tag) => tag.trim().replace(/^W\//, ''))
    .some((tag) => tag === etag || tag === '*');
}

export interface FastLaneDeps {
  trustProxy: boolean;
  limiter: RateLimiter;
  metrics: Metrics;
  logger: Logger;
  /** The security headers of a response without inline script, as a flat [name, value, …] list. */
  securityHeaders: (overTls: boolean) => readonly string[];
  requestId: (headers: IncomingHttpHeaders) => string;
  /** True once the server is closing: Fastify answers then (503, Connection: close). */
  closing: () => boolean;
}

/** The last of several comma-separated values, as Fastify reads X-Forwarded-Host/-Proto. */
function lastEntry(value: string): string {
  const i = value.lastIndexOf(',');
  return (i === -1 ? value : value.slice(i + 1)).trim();
}

const trustAll = () => true;

export interface FastLanes {
  add(lane: FastLane): void;
  /** Answer `req` when a lane has it; false hands it to Fastify. */
  answer(req: IncomingMessage, res: ServerResponse): boolean;
}

export function createFastLanes(deps: FastLaneDeps): FastLanes {
  const lanes: FastLane[] = [];
  const recorders = new Map<string, RequestRecorder>();
  const recorderFor = (route: string) => {
    let record = recorders.get(route);
    if (!record) {
      record = routeRecorder(deps.metrics, route);
      recorders.set(route, record);
    }
    return record;
  };

  function laneRequest(req: IncomingMessage, url: string): LaneRequest {
    const q = url.indexOf('?');
    const headers = req.headers;
    const forwardedHost = deps.trustProxy ? headers['x-forwarded-host'] : undefined;
    const forwardedProto = deps.trustProxy ? headers['x-forwarded-proto'] : undefined;
    const encrypted = (req.socket as { encrypted?: boolean }).encrypted === true;
    return {
      path: q === -1 ? url : url.slice(0, q),
      query: q === -1 ? '' : url.slice(q),
      host: typeof forwardedHost === 'string' ? lastEntry(forwardedHost) : (headers.host ?? ''),
      protocol:
        typeof forwardedProto === 'string'
          ? lastEntry(forwardedProto)
          : encrypted
            ? 'https'
            : 'http',
    };
  }

  function clientIp(req: IncomingMessage): string {
    if (!deps.trustProxy) return req.socket.remoteAddress ?? '';
    const all = proxyAddr.all(req, trustAll);
    return all[all.length - 1] ?? '';
  }

  /** The headers of an answer with this representation, as a flat [name, value, …] list. */
  function headerList(sent: Representation, page: Prebuilt, overTls: boolean, status: number) {
    const headers = [
      ...deps.securityHeaders(overTls),
      'cache-control',
      page.cacheControl,
      'vary',
      'accept-encoding',
      'etag',
      sent.etag,
      'last-modified',
      page.lastModified,
    ];
    if (status !== 304) {
      headers.push('content-type', page.type, 'content-length', String(sent.body.length));
      if (sent.encoding) headers.push('content-encoding', sent.encoding);
    }
    return headers;
  }

  /** Status line and fixed headers of a 200 with this representation, built once. */
  const heads = new WeakMap<Representation, [plain?: string, tls?: string]>();
  function keptHead(sent: Representation, page: Prebuilt, overTls: boolean): string {
    let pair = heads.get(sent);
    if (!pair) {
      pair = [];
      heads.set(sent, pair);
    }
    const at = overTls ? 1 : 0;
    if (pair[at] === undefined) {
      const list = headerList(sent, page, overTls, 200);
      let head = 'HTTP/1.1 200 OK\r\n';
      for (let i = 0; i < list.length; i += 2) head += `${list[i]}: ${list[i + 1]}\r\n`;
      pair[at] = head;
    }
    return pair[at]!;
  }

  return {
    add: (lane) => lanes.push(lane),
    answer(req, res) {
      const started = performance.now();
      const method = req.method;
      if ((method !== 'GET' && method !== 'HEAD') || lanes.length === 0 || deps.closing()) {
        return false;
      }
      const lr = laneRequest(req, req.url ?? '/');
      let hit: LaneHit | undefined;
      for (const lane of lanes) {
        hit = lane(lr);
        if (hit) break;
      }
      if (!hit) return false;
      const ip = clientIp(req);
      // Over the limit: Fastify answers with the 429 page and Retry-After.
      // The page is public (a proxy may keep it): no X-RateLimit-* headers.
      if (deps.limiter.take(clientKey(ip), Date.now()) < 0) return false;
      const id = deps.requestId(req.headers);
      const page = hit.response;
      const sent = representationFor(req.headers, page, page.type);
      const fresh = isFresh(req.headers, page, sent.etag);
      const status = fresh ? 304 : 200;
      const overTls = lr.protocol === 'https';
      if (fresh || !writeKeptHead(res, keptHead(sent, page, overTls), id)) {
        res.writeHead(status, [...headerList(sent, page, overTls, status), 'x-request-id', id]);
      }
      if (fresh || method === 'HEAD') res.end();
      else res.end(sent.body);
      const elapsed = performance.now() - started;
      recorderFor(hit.route)(method, status, elapsed / 1000);
      if (deps.logger.isLevelEnabled('info')) {
        deps.logger.info(
          {
            reqId: id,
            req: { method, url: req.url, host: lr.host, remoteAddress: ip },
            res: { statusCode: status },
            responseTime: elapsed,
          },
          'request completed',
        );
      }
      return true;
    },
  };
}
