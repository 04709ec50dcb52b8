// Several nodes on one PostgreSQL database: a change made through one node
// shows on every other node's very next request, including pages those nodes
// had cached; a node whose listening connection is cut reconnects and drops
// what it cached meanwhile. (SQLite is a single node: nothing to test there.)
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import pg from 'pg';
import { structureChanged } from '../../src/modules/sites/sites.ts';
import { PG_URL } from '../helpers/databases.ts';
import {
  createFixture,
  type Fixture,
  openPortalApp,
  openPortalNode,
  type PortalApp,
  publish,
} from '../helpers/portal-content.ts';

/** Wait (at most a few seconds: NOTIFY is asynchronous) until `done` holds. */
async function until(done: () => boolean | Promise<boolean>, what: string): Promise<void> {
  const deadline = Date.now() + 5000;
  while (!(await done())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('several nodes on one PostgreSQL database', { skip: !PG_URL }, () => {
  let a: PortalApp;
  let b: Awaited<ReturnType<typeof openPortalNode>>;
  let f: Fixture;
  const bodyOn = async (node: Pick<PortalApp, 'app'>, url: string) => {
    const res = await node.app.inject({ method: 'GET', url });
    assert.equal(res.statusCode, 200, url);
    return res.body;
  };
  /** B has applied an invalidation since `generation`. */
  const heardSince = (generation: number) => () => b.ctx.cache.generation > generation;

  before(async () => {
    a = await openPortalApp('postgres');
    f = await createFixture(a);
    b = await openPortalNode(a);
  });
  after(async () => {
    await b?.close();
    await a?.close();
  });

  it('shows an item published through one node on the other nodes at their next request', async () => {
    for (const url of ['/sites/party/', '/sites/party/news/', '/citizens/']) {
      await bodyOn(b, url);
    }
    const cachedOnB = b.ctx.cache.size;
    assert.ok(cachedOnB >= 3, 'B keeps the pages it rendered');
    const generation = b.ctx.cache.generation;
    const item = await publish(a, {
      channelId: 'party-news',
      type: 'article',
      slug: 'multi-node-news',
      title: '两台服务器同步发布的新闻',
      bodyHtml: '<p>新闻</p>',
      audiences: ['citizen'],
    });
    await until(heardSince(generation), 'B heard the invalidation');
    assert.ok((await bodyOn(b, '/sites/party/')).includes(item.title), 'its site on B');
    assert.ok((await bodyOn(b, '/sites/party/news/')).includes(item.title), 'its channel on B');
    assert.ok((await bodyOn(b, '/citizens/')).includes(item.title), 'its audience portal on B');
  });

  it('drops the site structure on the other nodes too', async () => {
    assert.ok(!(await bodyOn(b, '/sites/cppcc/')).includes('政协更名测试站'));
    await a.ctx.db.kysely
      .updateTable('site')
      .set({ name: '政协更名测试站', short_name: '政协更名' })
      .where('code', '=', 'cppcc')
      .execute();
    const generation = b.ctx.cache.generation;
    structureChanged(a.ctx);
    await until(heardSince(generation), 'B heard the structure change');
    assert.ok((await bodyOn(b, '/sites/cppcc/')).includes('政协更名测试站'));
  });

  it("ignores its own messages and applies the others' in order", async () => {
    const before = a.ctx.cache.generation;
    const beforeOnB = b.ctx.cache.generation;
    a.ctx.cache.invalidateTag('test:own');
    await a.ctx.cacheSync!.flush();
    b.ctx.cache.invalidateTag('test:other');
    await b.ctx.cacheSync!.flush();
    // Notifications arrive in commit order: once A has B's, it has had its own.
    await until(() => a.ctx.cache.generation >= before + 2, "A heard B's invalidation");
    assert.equal(a.ctx.cache.generation, before + 2, 'its own invalidation applied once');
    // Both nodes settle here, so no late message lands in the next test: an
    // invalidation arriving mid-render keeps that render out of the cache.
    await until(() => b.ctx.cache.generation >= beforeOnB + 2, "B heard A's invalidation");
    assert.equal(b.ctx.cache.generation, beforeOnB + 2, "B's own invalidation applied once");
  });

  it('a node whose listening connection is cut reconnects, drops its cache and hears again', async () => {
    const url = '/sites/government/news/city-services.html';
    assert.ok((await bodyOn(b, url)).includes(f.article.title));
    // A change nobody announced stands for a message missed while disconnected.
    await a.ctx.db.kysely
      .updateTable('content_item')
      .set({ title: '断线期间错过的标题' })
      .where('id', '=', f.article.id)
      .execute();
    assert.ok((await bodyOn(b, url)).includes(f.article.title), 'still cached on B');
    const admin = new pg.Client({ connectionString: a.ctx.config.databaseUrl });
    await admin.connect();
    try {
      const killed = await admin.query(
        'SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = $1',
        [`yimen-cache ${b.ctx.cacheSync!.nodeId}`],
      );
      assert.equal(killed.rowCount, 1, "B's listening connection");
    } finally {
      await admin.end();
    }
    await until(() => b.ctx.cacheSync!.reconnects === 1, 'B reconnected');
    assert.equal(b.ctx.cacheSync!.state, 'listening');
    assert.ok((await bodyOn(b, url)).includes('断线期间错过的标题'), 'cache dropped on reconnect');
    const ready = await b.app.inject({ url: '/readyz' });
    assert.equal(ready.json().cacheSync, 'listening');
    const metrics = await b.app.inject({ url: '/metrics' });
    assert.match(metrics.body, /yimen_cache_sync_listening 1/);
    assert.match(metrics.body, /yimen_cache_sync_reconnects_total 1/);

    const generation = b.ctx.cache.generation;
    await a.ctx.db.kysely
      .updateTable('content_item')
      .set({ title: '重连之后的标题' })
      .where('id', '=', f.article.id)
      .execute();
    a.ctx.cache.invalidateTag(`item:${f.article.id}`);
    await until(heardSince(generation), 'B hears again after reconnecting');
    assert.ok((await bodyOn(b, url)).includes('重连之后的标题'));
  });
});
