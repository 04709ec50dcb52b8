// The head of a fast-lane answer written without writeHead (fast-lane.ts).
// This is the one place that relies on Node's ServerResponse internals
// (node:_http_outgoing and _http_server, Node 20): it checks that they look
// as expected and otherwise declines, and the lane uses writeHead.
import type { ServerResponse } from 'node:http';

/** The parts of Node's ServerResponse (node:_http_outgoing, Node 20) writeKeptHead relies on. */
interface NodeResponse {
  _header?: string | null;
  _headerSent?: boolean;
  _keepAliveTimeout?: number;
  _maxRequestsPerSocket?: number;
  shouldKeepAlive?: boolean;
  maxRequestsOnConnectionReached?: boolean;
  sendDate?: boolean;
  _expect_continue?: boolean;
  _sent100?: boolean;
}

/**
 * The Node this was checked against. Another major version may keep its
 * response differently even where the fields look the same: it gets
 * writeHead.
 */
const CHECKED_NODE = process.versions.node.split('.')[0] === '20';

let dateSecond = -1;
let dateText = '';

/** The Date header's value, made once a second as Node does. */
function httpDate(now: number): string {
  const second = Math.floor(now / 1000);
  if (second !== dateSecond) {
    dateSecond = second;
    dateText = new Date(second * 1000).toUTCString();
  }
  return dateText;
}

/**
 * Give `res` a head built here from `fixed` (status line and headers, from
 * keptHead), the request id and what Node adds itself (Date, Connection,
 * Keep-Alive), instead of writeHead. writeHead validates and joins every
 * header of every answer: for a prebuilt page's 17 that was about 1.5 µs of
 * the lane's 11 (docs/PERFORMANCE.md). All values here are the platform's
 * own, validated where they are made (a proxy's request id by INCOMING_ID
 * in app.ts). Node's end() sends a head found in `_header` before the body.
 * Only the common case: a connection Node keeps alive (HTTP/1.1, or 1.0
 * asking for it), no limit of requests per connection, a response Node has
 * not started and no header set on it; false otherwise (and on a Node other
 * than 20 or whose response does not look like this), and the caller uses
 * writeHead.
 */
export function writeKeptHead(res: ServerResponse, fixed: string, requestId: string): boolean {
  const r = res as ServerResponse & NodeResponse;
  const keepAlive = r._keepAliveTimeout;
  if (
    !CHECKED_NODE ||
    r._header !== null ||
    r._headerSent !== false ||
    r.shouldKeepAlive !== true ||
    r.maxRequestsOnConnectionReached === true ||
    (r._maxRequestsPerSocket ?? 0) > 0 ||
    r.sendDate !== true ||
    typeof keepAlive !== 'number' ||
    keepAlive <= 0 ||
    // Node would close such a connection; and headers set by setHeader would be lost.
    (r._expect_continue === true && r._sent100 !== true) ||
    res.getHeaderNames().length > 0
  ) {
    return false;
  }
  r.statusCode = 200;
  r._header =
    `${fixed}x-request-id: ${requestId}\r\nDate: ${httpDate(Date.now())}\r\n` +
    `Connection: keep-alive\r\nKeep-Alive: timeout=${Math.floor(keepAlive / 1000)}\r\n\r\n`;
  return true;
}
