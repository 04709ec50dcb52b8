// Cache invalidation messages: each fits PostgreSQL's NOTIFY payload limit,
// a batch too large for a few messages becomes "clear everything", and a
// node never applies its own messages. A batch that could not be sent is
// made good by a "clear everything", retried until it goes through.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createCache } from './cache.ts';
import { decodeMessage, encodeBatch, MAX_PAYLOAD_BYTES, startCacheSync } from './cache-sync.ts';
import { createLogger } from './logging.ts';

describe('cache invalidation messages', () => {
  it('carry the tags of a batch, split under the payload limit', () => {
    const tags = Array.from({ length: 300 }, (_, i) => `item:${'x'.repeat(20)}${i}`);
    const messages = encodeBatch('node1', tags);
    assert.ok(messages.length > 1);
    for (const m of messages) assert.ok(Buffer.byteLength(m) <= MAX_PAYLOAD_BYTES);
    const received = messages.flatMap((m) => {
      const change = decodeMessage('node2', m);
      return change?.kind === 'tags' ? change.tags : [];
    });
    assert.deepEqual(received, tags);
  });

  it('say "clear everything" when a batch is too large or a tag absurdly long', () => {
    const many = Array.from({ length: 5000 }, (_, i) => `站点:${'长'.repeat(10)}${i}`);
    assert.deepEqual(
      encodeBatch('node1', many).map((m) => decodeMessage('node2', m)),
      [{ kind: 'clear' }],
    );
    assert.deepEqual(
      encodeBatch('node1', ['x'.repeat(MAX_PAYLOAD_BYTES)]).map((m) => decodeMessage('n2', m)),
      [{ kind: 'clear' }],
    );
  });

  it('are ignored by the node that sent them, and anything unreadable clears', () => {
    const [message] = encodeBatch('node1', ['site:gov']);
    assert.equal(decodeMessage('node1', message!), undefined);
    assert.deepEqual(decodeMessage('node2', message!), { kind: 'tags', tags: ['site:gov'] });
    assert.deepEqual(decodeMessage('node2', 'not json'), { kind: 'clear' });
  });

  it('after a failed send, retry "clear everything" until it goes through, then send tags again', async () => {
    const cache = createCache();
    const sent: string[] = [];
    let refusals = 2;
    const sync = await startCacheSync({
      cache,
      connectionString: 'postgres://127.0.0.1:1/unused',
      // The database refuses the first two sends, as while it restarts.
      notify: async (_channel, payload) => {
        if (refusals-- > 0) throw new Error('connection refused');
        sent.push(payload);
      },
      logger: createLogger({ logLevel: 'silent' }),
      listen: false,
      retryMs: 5,
      maxRetryMs: 20,
    });
    cache.invalidateTag('item:lost');
    for (let i = 0; i < 200 && sent.length === 0; i++) await new Promise((r) => setTimeout(r, 5));
    assert.deepEqual(
      sent.map((m) => decodeMessage('other-node', m)),
      [{ kind: 'clear' }],
    );
    cache.invalidateTag('item:next');
    await sync.flush();
    assert.deepEqual(decodeMessage('other-node', sent.at(-1)!), {
      kind: 'tags',
      tags: ['item:next'],
    });
    assert.equal(sent.length, 2);
    await sync.stop();
  });
});
