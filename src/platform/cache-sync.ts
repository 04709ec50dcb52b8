// Cross-node cache invalidation for the scaled deployment: several nodes on
// one PostgreSQL database each keep their own cache (cache.ts). Every
// invalidation a node makes is sent to the others with NOTIFY on one channel;
// every node LISTENs on a dedicated connection and applies what the others
// sent. A node that loses that connection may have missed messages, so it
// clears its cache when the connection drops and again once it is back.
// SQLite is one node: nothing to tell anyone.
import pg from 'pg';
import type { Cache, CacheChange } from './cache.ts';
import { randomToken } from './ids.ts';
import type { Logger } from './logging.ts';

export const CACHE_CHANNEL = 'yimen_cache';
/** PostgreSQL refuses a NOTIFY payload of 8000 bytes or more. */
export const MAX_PAYLOAD_BYTES = 7900;
/** A batch needing more messages than this is sent as "clear everything". */
const MAX_MESSAGES_PER_BATCH = 4;
/** How often the listening connection is checked (a silent network cut sends no error). */
const PING_INTERVAL_MS = 30_000;

export type CacheSyncState = 'listening' | 'reconnecting' | 'publishing' | 'stopped';

export interface CacheSync {
  /** Identifies this node's messages (and its listening connection's application_name). */
  readonly nodeId: string;
  /** listening, reconnecting (messages may be missed), publishing (sends only: the CLI). */
  readonly state: CacheSyncState;
  /** Times the listening connection came back after a drop. */
  readonly reconnects: number;
  /** Resolves once every invalidation made so far has been sent. */
  flush(): Promise<void>;
  /** Send what is pending, then close the listening connection. */
  stop(): Promise<void>;
}

export interface CacheSyncOptions {
  cache: Cache;
  connectionString: string;
  /** Send one notification (pg_notify over the ordinary pool). */
  notify: (channel: string, payload: string) => Promise<void>;
  logger: Logger;
  /** Also apply the other nodes' invalidations (false for short CLI commands). */
  listen: boolean;
  /** First reconnect delay; it doubles up to maxRetryMs. */
  retryMs?: number;
  maxRetryMs?: number;
}

interface Message {
  /** Sending node. */
  n: string;
  /** Tags to drop. */
  t?: string[];
  /** Drop everything. */
  c?: true;
}

/**
 * The messages that carry one batch of invalidations, each under the payload
 * limit; too many (or one absurdly long tag) become a single "clear".
 */
export function encodeBatch(nodeId: string, tags: readonly string[] | 'clear'): string[] {
  const clear = [JSON.stringify({ n: nodeId, c: true } satisfies Message)];
  if (tags === 'clear') return clear;
  const encode = (t: string[]) => JSON.stringify({ n: nodeId, t } satisfies Message);
  const empty = Buffer.byteLength(encode([]));
  const messages: string[] = [];
  let current: string[] = [];
  let bytes = empty;
  for (const tag of tags) {
    const size = Buffer.byteLength(JSON.stringify(tag)) + 1;
    if (empty + size > MAX_PAYLOAD_BYTES) return clear;
    if (bytes + size > MAX_PAYLOAD_BYTES) {
      messages.push(encode(current));
      current = [];
      bytes = empty;
    }
    current.push(tag);
    bytes += size;
  }
  if (current.length > 0) messages.push(encode(current));
  return messages.length > MAX_MESSAGES_PER_BATCH ? clear : messages;
}

/** What another node asked for, or undefined for this node's own messages. */
export function decodeMessage(nodeId: string, payload: string): CacheChange | undefined {
  let message: Message;
  try {
    message = JSON.parse(payload) as Message;
  } catch {
    return { kind: 'clear' };
  }
  if (message.n === nodeId) return undefined;
  if (Array.isArray(message.t) && message.t.every((t) => typeof t === 'string')) {
    return { kind: 'tags', tags: message.t };
  }
  // A clear, or something this version does not understand: clearing is always safe.
  return { kind: 'clear' };
}

export async function startCacheSync(options: CacheSyncOptions): Promise<CacheSync> {
  const { cache, logger } = options;
  const nodeId = randomToken(9)
    .toLowerCase()
    .replace(/[^a-z0-9]/g, 'x');
  const publisher = createPublisher(nodeId, options);
  cache.onLocalChange(publisher.add);
  const listener = options.listen ? createListener(nodeId, options) : undefined;
  await listener?.start();
  logger.info(
    { nodeId, listening: options.listen },
    'cache invalidations are shared with other nodes through PostgreSQL',
  );
  return {
    nodeId,
    get state() {
      return listener?.state ?? 'publishing';
    },
    get reconnects() {
      return listener?.reconnects ?? 0;
    },
    flush: publisher.flush,
    async stop() {
      await publisher.flush();
      await listener?.stop();
    },
  };
}

/**
 * One pending retry at a time, after a delay that doubles from retryMs up to
 * maxRetryMs; reset() after a success starts again from the first delay.
 */
function backoff(options: CacheSyncOptions, run: () => void) {
  const first = options.retryMs ?? 200;
  const max = options.maxRetryMs ?? 30_000;
  let delay = first;
  let timer: NodeJS.Timeout | undefined;
  return {
    /** The delay the next retry will wait. */
    get delay() {
      return delay;
    },
    get pending() {
      return timer !== undefined;
    },
    schedule() {
      if (timer) return;
      timer = setTimeout(() => {
        timer = undefined;
        run();
      }, delay);
      timer.unref();
      delay = Math.min(delay * 2, max);
    },
    cancel() {
      clearTimeout(timer);
      timer = undefined;
    },
    reset() {
      delay = first;
    },
  };
}

/**
 * Collects this node's invalidations and sends them once per turn of the
 * event loop. A batch that cannot be sent (the database unreachable for a
 * moment) leaves the other nodes owed a "clear everything", which covers
 * whatever was lost: it is retried with backoff until it goes through.
 */
function createPublisher(nodeId: string, options: CacheSyncOptions) {
  let tags = new Set<string>();
  let clear = false;
  let owed = false;
  let scheduled: NodeJS.Immediate | undefined;
  let sending: Promise<void> = Promise.resolve();
  const retries = backoff(options, () => {
    scheduled ??= setImmediate(send);
  });

  const send = () => {
    scheduled = undefined;
    const clearing = clear || owed;
    const messages = encodeBatch(nodeId, clearing ? 'clear' : [...tags]);
    tags = new Set();
    clear = false;
    // One after another, so that the others apply them in the order made.
    sending = sending.then(async () => {
      for (const payload of messages) {
        try {
          await options.notify(CACHE_CHANNEL, payload);
        } catch (err) {
          owed = true;
          options.logger.error(
            { err, retryInMs: retries.delay },
            'could not tell the other nodes about a cache invalidation; they may show stale pages until a "clear everything" gets through, retrying',
          );
          retries.schedule();
          return;
        }
      }
      if (clearing && owed) {
        owed = false;
        retries.reset();
        options.logger.info('the other nodes were told to clear their caches after a failed send');
      }
    });
  };

  return {
    add(change: CacheChange) {
      if (change.kind === 'clear') clear = true;
      else for (const tag of change.tags) tags.add(tag);
      scheduled ??= setImmediate(send);
    },
    /** Send what is pending now, a "clear everything" still owed included (one try). */
    async flush() {
      if (retries.pending) {
        retries.cancel();
        scheduled ??= setImmediate(send);
      }
      if (scheduled) {
        clearImmediate(scheduled);
        send();
      }
      await sending;
    },
  };
}

/** The dedicated LISTEN connection, re-established with backoff when it drops. */
function createListener(nodeId: string, options: CacheSyncOptions) {
  const { cache, logger } = options;
  let state: CacheSyncState = 'reconnecting';
  let reconnects = 0;
  let client: pg.Client | undefined;
  let ping: NodeJS.Timeout | undefined;
  let stopped = false;
  const retries = backoff(options, () => void attempt(false));

  const lost = (c: pg.Client, err?: Error) => {
    if (client !== c) return;
    client = undefined;
    clearInterval(ping);
    c.end().catch(() => {});
    if (stopped) return;
    logger.warn({ err, nodeId }, 'cache invalidation listener lost its connection; reconnecting');
    state = 'reconnecting';
    cache.applyRemote({ kind: 'clear' });
    schedule();
  };

  const connect = async (): Promise<pg.Client> => {
    const c = new pg.Client({
      connectionString: options.connectionString,
      application_name: `yimen-cache ${nodeId}`,
      keepAlive: true,
      query_timeout: 10_000,
    });
    c.on('error', (err) => lost(c, err));
    c.on('end', () => lost(c));
    c.on('notification', (msg) => {
      if (msg.channel !== CACHE_CHANNEL || msg.payload === undefined) return;
      const change = decodeMessage(nodeId, msg.payload);
      if (change) cache.applyRemote(change);
    });
    try {
      await c.connect();
      await c.query(`LISTEN ${CACHE_CHANNEL}`);
      return c;
    } catch (err) {
      await c.end().catch(() => {});
      throw err;
    }
  };

  const attempt = async (first: boolean) => {
    let c: pg.Client;
    try {
      c = await connect();
    } catch (err) {
      logger.warn(
        { err, nodeId, retryInMs: retries.delay },
        'cache invalidation listener cannot connect',
      );
      schedule();
      return;
    }
    if (stopped) {
      await c.end().catch(() => {});
      return;
    }
    client = c;
    retries.reset();
    state = 'listening';
    ping = setInterval(() => {
      c.query('SELECT 1').catch((err: Error) => lost(c, err));
    }, PING_INTERVAL_MS);
    ping.unref();
    if (!first) {
      reconnects++;
      // Whatever was cached while nobody listened may have been invalidated elsewhere.
      cache.applyRemote({ kind: 'clear' });
      logger.info({ nodeId }, 'cache invalidation listener reconnected; local cache cleared');
    }
  };

  function schedule() {
    if (!stopped) retries.schedule();
  }

  return {
    get state() {
      return stopped ? 'stopped' : state;
    },
    get reconnects() {
      return reconnects;
    },
    start: () => attempt(true),
    async stop() {
      stopped = true;
      retries.cancel();
      clearInterval(ping);
      const c = client;
      client = undefined;
      await c?.end().catch(() => {});
    },
  };
}
