// The page cache: a second request is served from memory (a change made
// behind the cache's back stays invisible until itemChanged runs), changes
// made through the services show on the very next request, pages that do
// not show the change stay cached, and conditional requests get 304s.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { itemChanged } from '../../src/modules/content/changes.ts';
import { createItem } from '../../src/modules/content/items.ts';
import { pushItem } from '../../src/modules/content/push.ts';
import { approve, submitForReview, unpublish } from '../../src/modules/content/review.ts';
import { dialects } from '../helpers/databases.ts';
import {
  createFixture,
  type Fixture,
  openPortalApp,
  type PortalApp,
  publish,
} from '../helpers/portal-content.ts';

for (const dialect of dialects) {
  describe(`public page cache [${dialect}]`, () => {
    let p: PortalApp;
    let f: Fixture;
    const get = (url: string, headers: Record<string, string> = {}) =>
      p.app.inject({ method: 'GET', url, headers });
    const body = async (url: string) => {
      const res = await get(url);
      assert.equal(res.statusCode, 200, url);
      return res.body;
    };
    /** Change a live title in the database directly, as if another process had. */
    const behindTheCache = (id: string, title: string) =>
      p.ctx.db.kysely.updateTable('content_item').set({ title }).where('id', '=', id).execute();

    before(async () => {
      p = await openPortalApp(dialect);
      f = await createFixture(p);
    });
    after(() => p.close());

    it('serves the second request from memory until itemChanged drops the page', async () => {
      const url = '/sites/government/news/city-services.html';
      assert.ok((await body(url)).includes(f.article.title));
      assert.ok((await body('/sites/government/news/')).includes(f.article.title));
      await behindTheCache(f.article.id, '缓存之外改动的标题');
      assert.ok((await body(url)).includes(f.article.title), 'still the cached page');
      assert.ok((await body('/sites/government/news/')).includes(f.article.title));
      await itemChanged(p.ctx, f.article);
      assert.ok((await body(url)).includes('缓存之外改动的标题'), 'the very next request');
      assert.ok((await body('/sites/government/news/')).includes('缓存之外改动的标题'));
    });

    it('shows an item published and pushed through the services on the very next request, and only drops pages that show it', async () => {
      // Fill the cache, and make an unrelated change behind its back.
      for (const url of [
        '/',
        '/citizens/',
        '/sites/party/',
        '/sites/party/news/',
        '/sites/cppcc/',
      ]) {
        await body(url);
      }
      await behindTheCache(f.withAttachment.id, '政协公告（缓存外改动）');
      const item = await publish(p, {
        channelId: 'party-news',
        type: 'article',
        slug: 'cache-news',
        title: '市委发布新的便民举措',
        bodyHtml: '<p>新闻</p>',
        audiences: ['citizen'],
      });
      assert.ok((await body('/sites/party/')).includes(item.title), 'its site');
      assert.ok((await body('/sites/party/news/')).includes(item.title), 'its channel');
      assert.ok(
        (await body('/citizens/')).includes(item.title),
        'the audience portal it is tagged for',
      );
      assert.ok(!(await body('/')).includes(item.title), 'not pushed yet');
      await pushItem(p.ctx, item.id, 'portal', p.people.admin);
      assert.ok((await body('/')).includes(item.title), 'pushed: on the portal home at once');
      assert.ok(
        (await body('/sites/cppcc/')).includes(f.withAttachment.title),
        'an unrelated site kept its cached page',
      );
    });

    it('drops a withdrawn item from every page that showed it', async () => {
      assert.ok((await body('/')).includes(f.pushed.title));
      assert.ok((await body('/citizens/')).includes(f.pushed.title));
      assert.equal((await get('/sites/party/news/plenary-session.html')).statusCode, 200);
      await unpublish(p.ctx, f.pushed.id, p.people.admin, '撤下测试');
      assert.ok(!(await body('/')).includes(f.pushed.title));
      assert.ok(!(await body('/citizens/')).includes(f.pushed.title));
      assert.equal((await get('/sites/party/news/plenary-session.html')).statusCode, 404);
    });

    it("shows a policy's interpretation on the policy page as soon as the interpretation goes live", async () => {
      const url = '/sites/government/policies/small-business-policy.html';
      const draft = await createItem(
        p.ctx,
        {
          channelId: 'government-interpretations',
          type: 'interpretation',
          slug: 'policy-chart',
          title: '图解：小微企业扶持措施',
          bodyHtml: '<p>图解</p>',
        },
        p.people.editor,
      );
      await p.ctx.db.kysely
        .insertInto('content_link')
        .values({ policy_id: f.policy.id, interpretation_id: draft.id })
        .execute();
      p.ctx.cache.clear();
      assert.ok(!(await body(url)).includes(draft.title), 'not live yet');
      await submitForReview(p.ctx, draft.id, p.people.editor);
      for (const r of [p.people.r1, p.people.r2, p.people.r3]) await approve(p.ctx, draft.id, r);
      assert.ok((await body(url)).includes(draft.title));
    });

    it('answers conditional requests with 304 by ETag and by Last-Modified', async () => {
      const url = '/sites/government/';
      const first = await get(url);
      const etag = String(first.headers.etag);
      const lastModified = String(first.headers['last-modified']);
      assert.match(etag, /^"[\w-]{20,}"$/);
      assert.equal(
        first.headers['cache-control'],
        'public, max-age=60, stale-while-revalidate=300',
      );
      assert.equal(first.headers['set-cookie'], undefined);
      assert.ok(
        !String(first.headers.vary ?? '')
          .toLowerCase()
          .includes('cookie'),
      );
      const byTag = await get(url, { 'if-none-match': etag });
      assert.equal(byTag.statusCode, 304);
      assert.equal(byTag.body, '');
      assert.equal(byTag.headers.etag, etag);
      assert.equal((await get(url, { 'if-none-match': `"x", W/${etag}` })).statusCode, 304);
      assert.equal((await get(url, { 'if-none-match': '"other"' })).statusCode, 200);
      assert.equal((await get(url, { 'if-modified-since': lastModified })).statusCode, 304);
      const earlier = new Date(Date.parse(lastModified) - 1000).toUTCString();
      assert.equal((await get(url, { 'if-modified-since': earlier })).statusCode, 200);
      const future = new Date(Date.now() + 86_400_000).toUTCString();
      assert.equal(
        (await get(url, { 'if-modified-since': future })).statusCode,
        200,
        'a date still to come is ignored',
      );
      assert.equal(
        (await get(url, { 'if-none-match': '"other"', 'if-modified-since': lastModified }))
          .statusCode,
        200,
        'If-None-Match wins over If-Modified-Since',
      );
      // A change gives a new body, a new ETag and a later Last-Modified.
      p.advance(5000);
      await publish(p, {
        channelId: 'government-news',
        type: 'article',
        slug: 'etag-news',
        title: '新的政府要闻',
        bodyHtml: '<p>x</p>',
      });
      const after = await get(url, { 'if-none-match': etag });
      assert.equal(after.statusCode, 200);
      assert.notEqual(after.headers.etag, etag);
      assert.ok(Date.parse(String(after.headers['last-modified'])) > Date.parse(lastModified));
    });

    it('gives every visitor the same bytes: no nonce, no per-visitor mode, each response its own CSP nonce', async () => {
      const url = '/sites/government/news/city-services.html';
      const plain = await get(url);
      const elder = await get(url, { cookie: 'yimen-elder=1; yimen-csrf=abc' });
      assert.equal(elder.body, plain.body);
      assert.equal(elder.headers.etag, plain.headers.etag);
      assert.ok(!plain.body.includes('nonce'));
      assert.notEqual(
        plain.headers['content-security-policy'],
        elder.headers['content-security-policy'],
      );
    });

    it('gives visitors who ask for a dropped page at the same moment one rendering of it, each with its own headers', async () => {
      const url = '/sites/government/news/city-services.html';
      await body(url);
      await behindTheCache(f.article.id, '同时到来的访客看到的标题');
      await itemChanged(p.ctx, f.article);
      const responses = await Promise.all(Array.from({ length: 12 }, () => get(url)));
      for (const res of responses) {
        assert.equal(res.statusCode, 200);
        assert.equal(res.headers.etag, responses[0]!.headers.etag);
        assert.ok(res.body.includes('同时到来的访客看到的标题'));
      }
      const ids = new Set(responses.map((r) => r.headers['x-request-id']));
      assert.equal(ids.size, responses.length, 'each response is its own');
      await behindTheCache(f.article.id, '之后的改动');
      assert.ok(!(await body(url)).includes('之后的改动'), 'the rendering was kept');
    });
  });

  describe(`YIMEN_PAGE_CACHE=false [${dialect}]`, () => {
    let p: PortalApp;
    let f: Fixture;
    before(async () => {
      p = await openPortalApp(dialect, { YIMEN_PAGE_CACHE: 'false' });
      f = await createFixture(p);
    });
    after(() => p.close());

    it('renders every request afresh and still answers 304 by ETag', async () => {
      const url = '/sites/government/news/city-services.html';
      const first = await p.app.inject({ url });
      await p.ctx.db.kysely
        .updateTable('content_item')
        .set({ title: '未缓存的新标题' })
        .where('id', '=', f.article.id)
        .execute();
      const second = await p.app.inject({ url });
      assert.ok(second.body.includes('未缓存的新标题'));
      assert.notEqual(second.headers.etag, first.headers.etag);
      const again = await p.app.inject({
        url,
        headers: { 'if-none-match': String(second.headers.etag) },
      });
      assert.equal(again.statusCode, 304);
      assert.equal(p.ctx.cache.get(`page:http://localhost:80${url}`), undefined);
    });
  });
}
