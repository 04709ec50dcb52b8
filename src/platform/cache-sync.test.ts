// Cache invalidation messages: each fits PostgreSQL's NOTIFY payload limit,
// a batch too large for a few messages becomes "clear everything", and a
// node never applies its own messages.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { decodeMessage, encodeBatch, MAX_PAYLOAD_BYTES } from './cache-sync.ts';

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
});
