// Sites, channels and the sensitive-term dictionary in the back office:
// who may change what (site.manage for sites, channel.manage on the site for
// its channels, the portal's site administrators for the shared dictionary),
// validation, and the starter dictionary's idempotent seed (content's seed() calls it).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { loadTerms } from '../../src/modules/content/sensitive.ts';
import { insertMissingTerms, STARTER_TERMS } from '../../src/modules/content/starter-terms.ts';
import { getSite, listChannels } from '../../src/modules/sites/sites.ts';
import { type Newsroom, openNewsroom, postForm } from '../helpers/content.ts';
import { dialects } from '../helpers/databases.ts';

for (const dialect of dialects) {
  describe(`content back office: sites, channels, terms [${dialect}]`, () => {
    let n: Newsroom;
    before(async () => {
      n = await openNewsroom(dialect, ['editor', 'partyAdmin', 'portalAdmin', 'sysadmin']);
    });
    after(() => n.aa.close());

    it('lets the system administrator edit a site, with a readable colour and 1–3 review levels', async () => {
      const sys = n.agents.sysadmin!;
      const list = await sys.get('/admin/sites');
      assert.equal(list.statusCode, 200);
      assert.match(list.body, /中共遵义市委/);
      assert.equal((await sys.get('/admin/sites/party')).statusCode, 200);
      const pale = await postForm(sys, '/admin/sites/party', {
        name: '中共遵义市委员会',
        shortName: '市委',
        colour: '#ffeeee',
        reviewLevels: '2',
      });
      assert.equal(pale.statusCode, 400);
      assert.match(pale.body, /对比度不足/);
      const four = await postForm(sys, '/admin/sites/party', {
        name: '中共遵义市委员会',
        shortName: '市委',
        colour: '#a50e0e',
        reviewLevels: '4',
      });
      assert.equal(four.statusCode, 400);
      const ok = await postForm(sys, '/admin/sites/party', {
        name: '中共遵义市委员会',
        shortName: '市委',
        colour: '#A50E0E',
        reviewLevels: '2',
      });
      assert.equal(ok.statusCode, 303, ok.body.slice(0, 400));
      const site = await getSite(n.aa.ctx, 'party');
      assert.equal(site.name, '中共遵义市委员会');
      assert.equal(site.review_levels, 2);
      assert.equal(site.colour, '#a50e0e');
      assert.equal((await n.agents.partyAdmin!.get('/admin/sites')).statusCode, 403);
      assert.equal(
        (
          await postForm(n.agents.editor!, '/admin/sites/party', {
            name: 'x',
            shortName: 'x',
            colour: '#000000',
            reviewLevels: '1',
          })
        ).statusCode,
        403,
      );
    });

    it('lets a site’s administrator manage its channel tree, and only its own', async () => {
      const admin = n.agents.partyAdmin!;
      const page = await admin.get('/admin/sites/party/channels');
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /要闻动态/);
      const created = await postForm(admin, '/admin/sites/party/channels', {
        name: '党建工作',
        slug: 'party-building',
        parent: 'news',
        kind: 'list',
        description: '基层党建动态',
        sortOrder: '5',
        inNav: '1',
      });
      assert.equal(created.statusCode, 303, created.body.slice(0, 400));
      const channels = await listChannels(n.aa.ctx, 'party');
      const mine = channels.find((c) => c.slug === 'party-building')!;
      assert.equal(mine.parent_id, 'party-news');
      const dup = await postForm(admin, '/admin/sites/party/channels', {
        name: '重复',
        slug: 'party-building',
        kind: 'list',
        sortOrder: '0',
      });
      assert.equal(dup.statusCode, 409);
      assert.match(dup.body, /同名栏目标识/);
      const edited = await postForm(admin, `/admin/sites/party/channels/${mine.id}`, {
        name: '党的建设',
        slug: 'party-building',
        kind: 'topic',
        sortOrder: '1',
      });
      assert.equal(edited.statusCode, 303, edited.body.slice(0, 400));
      const after = (await listChannels(n.aa.ctx, 'party')).find((c) => c.id === mine.id)!;
      assert.equal(after.name, '党的建设');
      assert.equal(after.kind, 'topic');
      assert.equal(after.in_nav, 0);
      assert.equal((await admin.get('/admin/sites/government/channels')).statusCode, 403);
      assert.equal(
        (await admin.get(`/admin/sites/government/channels/${mine.id}`)).statusCode,
        403,
      );
      assert.equal(
        (
          await postForm(admin, '/admin/sites/government/channels', {
            name: 'x',
            slug: 'x',
            kind: 'list',
            sortOrder: '0',
          })
        ).statusCode,
        403,
      );
      assert.equal((await n.agents.editor!.get('/admin/sites/party/channels')).statusCode, 403);
    });

    it('keeps the shared dictionary for the portal’s site administrators', async () => {
      const admin = n.agents.portalAdmin!;
      assert.equal((await admin.get('/admin/content/terms')).statusCode, 200);
      const added = await postForm(admin, '/admin/content/terms', {
        term: '帐号',
        severity: 'warn',
        suggestion: '账号',
        note: '规范用字',
      });
      assert.equal(added.statusCode, 303);
      assert.ok(
        (await loadTerms(n.aa.ctx)).some((t) => t.term === '帐号' && t.suggestion === '账号'),
      );
      const page = await admin.get('/admin/content/terms');
      assert.match(page.body, /帐号/);
      const removed = await postForm(admin, '/admin/content/terms/remove', { term: '帐号' });
      assert.equal(removed.statusCode, 303);
      assert.ok(!(await loadTerms(n.aa.ctx)).some((t) => t.term === '帐号'));
      for (const who of ['partyAdmin', 'editor', 'sysadmin']) {
        assert.equal((await n.agents[who]!.get('/admin/content/terms')).statusCode, 403, who);
        const post = await postForm(n.agents[who]!, '/admin/content/terms', {
          term: 'x',
          severity: 'block',
        });
        assert.equal(post.statusCode, 403, who);
      }
      const bad = await postForm(admin, '/admin/content/terms', { term: 'x', severity: 'fatal' });
      assert.equal(bad.statusCode, 400);
    });

    it('seeds the starter dictionary once, never overwriting an administrator’s entry', async () => {
      await postForm(n.agents.portalAdmin!, '/admin/content/terms', {
        term: '其它',
        severity: 'block',
        suggestion: '其他',
        note: '本市要求',
      });
      const first = await insertMissingTerms(n.aa.ctx);
      assert.equal(first, STARTER_TERMS.length - 1, 'all but the one the administrator set');
      assert.equal(await insertMissingTerms(n.aa.ctx), 0, 'idempotent');
      const terms = await loadTerms(n.aa.ctx);
      assert.ok(STARTER_TERMS.length >= 12);
      for (const entry of STARTER_TERMS)
        assert.ok(
          terms.some((t) => t.term === entry.term),
          entry.term,
        );
      assert.equal(
        terms.find((t) => t.term === '其它')!.severity,
        'block',
        'kept as the administrator set it',
      );
      assert.ok(STARTER_TERMS.some((t) => t.severity === 'block'));
    });
  });
}
