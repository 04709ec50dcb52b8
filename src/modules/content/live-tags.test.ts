// content_live_tag follows each item's live face (what audience portals read
// through): rows appear when the item goes live, change with a new live
// revision, and go when it is withdrawn or expires; a scheduled item has none
// until it is published. The migration backfills them for existing items.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { dialects } from '../../../test/helpers/databases.ts';
import {
  openPortalApp,
  type PortalApp,
  publish,
  reviewThrough,
} from '../../../test/helpers/portal-content.ts';
import { taggedFor } from '../portal/queries.ts';
import { createItem, saveDraft } from './items.ts';
import * as migration from './migrations/202611261130_content_live_tags.ts';
import { runScheduledPublication, schedule, unpublish } from './review.ts';

const HOUR = 3_600_000;

for (const dialect of dialects) {
  describe(`live tags of items [${dialect}]`, () => {
    let portal: PortalApp;
    before(async () => {
      portal = await openPortalApp(dialect);
    });
    after(() => portal?.close());

    async function tagsOf(itemId: string) {
      const rows = await portal.ctx.db.kysely
        .selectFrom('content_live_tag')
        .selectAll()
        .where('item_id', '=', itemId)
        .execute();
      return rows.map((r) => `${r.kind}:${r.tag}@${r.site_code}`).sort();
    }

    it('has one row per audience and topic while the item is live, none before', async () => {
      const { ctx, people } = portal;
      const draft = await createItem(
        ctx,
        {
          channelId: 'government-news',
          type: 'article',
          title: '市民服务中心延长周末开放时间',
          bodyHtml: '<p>自下月起，市民服务中心周六全天开放。</p>',
          audiences: ['citizen', 'business'],
          topics: ['social-security'],
        },
        people.editor,
      );
      assert.deepEqual(await tagsOf(draft.id), [], 'a draft is not public');
      const live = await reviewThrough(portal, draft.id);
      assert.equal(live.publication, 'published');
      assert.deepEqual(await tagsOf(draft.id), [
        'audience:business@government',
        'audience:citizen@government',
        'topic:social-security@government',
      ]);
      const [row] = await ctx.db.kysely
        .selectFrom('content_live_tag')
        .select('published_at')
        .where('item_id', '=', draft.id)
        .execute();
      assert.equal(row?.published_at, live.published_at);
    });

    it('follows a new live revision and drops everything on withdrawal', async () => {
      const { ctx, people } = portal;
      portal.advance(HOUR);
      const item = await publish(portal, {
        channelId: 'government-news',
        type: 'article',
        title: '农村公路养护工程全面开工',
        bodyHtml: '<p>今年计划养护农村公路三百公里。</p>',
        audiences: ['rural'],
      });
      assert.deepEqual(await tagsOf(item.id), ['audience:rural@government']);
      await saveDraft(
        ctx,
        item.id,
        {
          title: item.title,
          bodyHtml: '<p>今年计划养护农村公路三百公里，惠及沿线群众。</p>',
          audiences: ['citizen'],
        },
        people.editor,
      );
      assert.deepEqual(
        await tagsOf(item.id),
        ['audience:rural@government'],
        'an unreviewed draft does not change the live face',
      );
      await reviewThrough(portal, item.id);
      assert.deepEqual(await tagsOf(item.id), ['audience:citizen@government']);
      const citizen = await taggedFor(ctx, 'citizen', ['government'], 5);
      assert.equal(citizen[0]?.id, item.id, 'the newest citizen item comes first');
      const rural = await taggedFor(ctx, 'rural', ['government'], 5);
      assert.ok(!rural.some((i) => i.id === item.id), 'no longer listed under its old audience');

      await unpublish(ctx, item.id, people.admin, '信息有误');
      assert.deepEqual(await tagsOf(item.id), []);
      const after = await taggedFor(ctx, 'citizen', ['government'], 5);
      assert.ok(!after.some((i) => i.id === item.id), 'a withdrawn item is not listed');
    });

    it('has no rows for a scheduled item until it is published, and none after it expires', async () => {
      const { ctx, people } = portal;
      const draft = await createItem(
        ctx,
        {
          channelId: 'government-notices',
          type: 'notice',
          title: '关于春节期间办事大厅开放安排的公告',
          bodyHtml: '<p>春节期间办事大厅轮班开放。</p>',
          audiences: ['citizen'],
        },
        people.editor,
      );
      const now = ctx.now().getTime();
      await schedule(ctx, draft.id, {
        publishAt: new Date(now + 2 * HOUR),
        unpublishAt: new Date(now + 5 * HOUR),
      });
      const approved = await reviewThrough(portal, draft.id);
      assert.equal(approved.publication, 'scheduled');
      assert.deepEqual(await tagsOf(draft.id), []);
      portal.advance(3 * HOUR);
      await runScheduledPublication(ctx);
      assert.deepEqual(await tagsOf(draft.id), ['audience:citizen@government']);
      portal.advance(3 * HOUR);
      await runScheduledPublication(ctx);
      assert.deepEqual(await tagsOf(draft.id), [], 'expired');
    });

    it('lists the newest items of every given site, and only those sites', async () => {
      const { ctx } = portal;
      portal.advance(HOUR);
      const party = await publish(portal, {
        channelId: 'party-news',
        type: 'article',
        title: '市委召开民生工作专题会议',
        bodyHtml: '<p>会议研究民生实事。</p>',
        audiences: ['citizen'],
      });
      const both = await taggedFor(ctx, 'citizen', ['government', 'party'], 10);
      assert.equal(both[0]?.id, party.id, 'newest first across sites');
      const dates = both.map((i) => i.published_at ?? '');
      assert.deepEqual(dates, [...dates].sort().reverse(), 'ordered by publication date');
      const governmentOnly = await taggedFor(ctx, 'citizen', ['government'], 10);
      assert.ok(governmentOnly.length > 0);
      assert.ok(governmentOnly.every((i) => i.site_code === 'government'));
      assert.equal((await taggedFor(ctx, 'citizen', ['government', 'party'], 1)).length, 1);
    });

    it('is rebuilt by the migration from the items that are live', async () => {
      const db = portal.ctx.db.kysely;
      const snapshot = async () =>
        (
          await db
            .selectFrom('content_live_tag')
            .selectAll()
            .orderBy('item_id')
            .orderBy('kind')
            .orderBy('tag')
            .execute()
        ).map((r) => JSON.stringify(r));
      const before = await snapshot();
      assert.ok(before.length >= 4, 'the earlier tests left live tagged items');
      await migration.down(db);
      await migration.up(db);
      assert.deepEqual(await snapshot(), before);
    });
  });
}
