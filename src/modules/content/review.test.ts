import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { dialects, openTestContext, type TestContext } from '../../../test/helpers/databases.ts';
import { bootstrapRole, createStaff, grantRole, grantsOf } from '../identity/accounts.ts';
import type { Role } from '../identity/permissions.ts';
import { changeSlug, createItem, getItem, saveDraft } from './items.ts';
import { pushItem } from './push.ts';
import {
  approve,
  type Reviewer,
  returnItem,
  runScheduledPublication,
  schedule,
  submitForReview,
  unpublish,
} from './review.ts';
import { setTerm } from './sensitive.ts';

const T0 = Date.parse('2026-11-26T02:00:00Z');

for (const dialect of dialects) {
  describe(`三审 review chain [${dialect}]`, () => {
    let t: TestContext;
    let nowMs = T0;
    const people: Record<string, Reviewer> = {};

    async function staff(
      name: string,
      grants: { role: Role; scope: string; level?: number }[],
    ): Promise<Reviewer> {
      const { account } = await createStaff(
        t.ctx,
        { username: name, displayName: name },
        { id: null, name: 'test' },
      );
      for (const g of grants)
        await grantRole(
          t.ctx,
          { granteeId: account.id, ...g },
          { id: people.sec!.id, name: 'sec' },
        );
      return { id: account.id, name, grants: await grantsOf(t.ctx, account.id) };
    }

    before(async () => {
      t = await openTestContext(dialect, { clock: () => new Date(nowMs) });
      const { account } = await createStaff(
        t.ctx,
        { username: 'sec', displayName: 'sec' },
        { id: null, name: 'test' },
      );
      await bootstrapRole(t.ctx, account.id, 'security_admin');
      people.sec = { id: account.id, name: 'sec', grants: [] };
      people.editor = await staff('editor', [{ role: 'editor', scope: 'site:party' }]);
      people.r1 = await staff('reviewer1', [{ role: 'reviewer', scope: 'site:party', level: 1 }]);
      people.r2 = await staff('reviewer2', [{ role: 'reviewer', scope: 'site:party', level: 2 }]);
      people.r3 = await staff('reviewer3', [{ role: 'reviewer', scope: 'site:party', level: 3 }]);
      people.govReviewer = await staff('govreviewer', [
        { role: 'reviewer', scope: 'site:government', level: 3 },
      ]);
      people.admin = await staff('siteadmin', [{ role: 'site_admin', scope: 'site:party' }]);
      people.selfReviewer = await staff('selfreviewer', [
        { role: 'editor', scope: 'site:party' },
        { role: 'reviewer', scope: 'site:party', level: 3 },
      ]);
    });
    after(() => t.close());

    const draft = (title: string) =>
      createItem(
        t.ctx,
        {
          channelId: 'party-news',
          type: 'article',
          title,
          bodyHtml: `<p>${title}正文。</p><script>alert(1)</script>`,
          audiences: ['citizen'],
        },
        people.editor!,
      );

    it('passes 初审, 复审 and 终审 by three different reviewers, then goes live', async () => {
      const item = await draft('市委召开全会');
      assert.equal(
        item.body_html,
        '<p>市委召开全会正文。</p>',
        'the HTML was sanitised before storage',
      );
      assert.equal(item.publication, 'unpublished');
      await submitForReview(t.ctx, item.id, people.editor!);
      assert.equal((await approve(t.ctx, item.id, people.r1!)).review_level, 2);
      assert.equal((await approve(t.ctx, item.id, people.r2!)).review_level, 3);
      const live = await approve(t.ctx, item.id, people.r3!, '同意发布');
      assert.equal(live.publication, 'published');
      assert.equal(live.workflow, 'approved');
      assert.equal(live.live_revision, 1);
      assert.equal(live.published_at, new Date(nowMs).toISOString());
      const history = await t.ctx.db.kysely
        .selectFrom('content_review')
        .select(['action', 'level'])
        .where('item_id', '=', item.id)
        .orderBy('created_at')
        .orderBy('level')
        .execute();
      assert.deepEqual(history.map((h) => `${h.action}:${h.level}`).sort(), [
        'approve:1',
        'approve:2',
        'approve:3',
        'publish:0',
        'submit:0',
      ]);
      const audits = await t.ctx.db.kysely
        .selectFrom('audit_log')
        .select('action')
        .where('target_id', '=', item.id)
        .execute();
      assert.equal(audits.filter((a) => a.action === 'content.approve').length, 3);
    });

    it('never skips a level, and one person approves at most one level of a revision', async () => {
      const item = await draft('不跳级');
      await submitForReview(t.ctx, item.id, people.editor!);
      assert.equal(
        (await approve(t.ctx, item.id, people.r3!)).review_level,
        2,
        'a 终审 reviewer approving first only completes 初审',
      );
      await assert.rejects(approve(t.ctx, item.id, people.r3!), /不同人员审核/);
      await assert.rejects(approve(t.ctx, item.id, people.r1!), /没有该站点复审的权限/);
      assert.equal((await approve(t.ctx, item.id, people.r2!)).review_level, 3);
      await assert.rejects(approve(t.ctx, item.id, people.r2!), /没有该站点终审的权限|不同人员/);
      assert.equal((await getItem(t.ctx, item.id)).publication, 'unpublished');
    });

    it('refuses reviewers of another site and authors reviewing their own item', async () => {
      const own = await createItem(
        t.ctx,
        { channelId: 'party-news', type: 'article', title: '自审', bodyHtml: '<p>x</p>' },
        people.selfReviewer!,
      );
      await submitForReview(t.ctx, own.id, people.selfReviewer!);
      await assert.rejects(approve(t.ctx, own.id, people.selfReviewer!), /不能审核自己撰写的稿件/);
      await assert.rejects(approve(t.ctx, own.id, people.govReviewer!), /没有该站点初审的权限/);
      await assert.rejects(
        submitForReview(t.ctx, own.id, people.govReviewer!),
        /没有在该站点提交稿件的权限/,
      );
    });

    it('returns with a comment from any level, then a resubmitted revision starts again at 初审', async () => {
      const item = await draft('退回重审');
      await submitForReview(t.ctx, item.id, people.editor!);
      await approve(t.ctx, item.id, people.r1!);
      await assert.rejects(returnItem(t.ctx, item.id, people.r2!, '   '), /必须填写意见/);
      await returnItem(t.ctx, item.id, people.r2!, '第二段数据需核实');
      const returned = await getItem(t.ctx, item.id);
      assert.equal(returned.workflow, 'returned');
      assert.equal(returned.review_level, 0);
      await assert.rejects(approve(t.ctx, item.id, people.r3!), /不在审核中/);
      const rev = await saveDraft(
        t.ctx,
        item.id,
        { title: '退回重审（修改稿）', bodyHtml: '<p>已核实。</p>' },
        people.editor!,
      );
      assert.equal(rev, 2);
      await submitForReview(t.ctx, item.id, people.editor!);
      assert.equal((await getItem(t.ctx, item.id)).review_level, 1);
      // r1 approved revision 1; revision 2 is new work and r1 may review it again.
      await approve(t.ctx, item.id, people.r1!);
      await approve(t.ctx, item.id, people.r2!);
      const live = await approve(t.ctx, item.id, people.r3!);
      assert.equal(live.title, '退回重审（修改稿）');
      assert.equal(live.live_revision, 2);
    });

    it('keeps an item frozen while in review and the live copy unchanged while a new revision is reviewed', async () => {
      const item = await draft('修订不影响线上');
      await submitForReview(t.ctx, item.id, people.editor!);
      await assert.rejects(
        saveDraft(t.ctx, item.id, { title: '偷改', bodyHtml: '<p>x</p>' }, people.editor!),
        /审核中，不能修改/,
      );
      for (const r of [people.r1!, people.r2!, people.r3!]) await approve(t.ctx, item.id, r);
      await saveDraft(
        t.ctx,
        item.id,
        { title: '修订稿', bodyHtml: '<p>新内容</p>' },
        people.editor!,
      );
      await submitForReview(t.ctx, item.id, people.editor!);
      const during = await getItem(t.ctx, item.id);
      assert.equal(during.title, '修订不影响线上');
      assert.equal(during.publication, 'published');
    });

    it('blocks submission on a severe wrong expression and warns on a minor one, with spans', async () => {
      await setTerm(t.ctx, {
        term: '遵义市人民政府办公厅',
        severity: 'block',
        suggestion: '遵义市人民政府办公室',
        note: '机构名称错误',
      });
      await setTerm(t.ctx, {
        term: '截止',
        severity: 'warn',
        suggestion: '截至',
        note: '常见误用',
      });
      const bad = await createItem(
        t.ctx,
        {
          channelId: 'party-news',
          type: 'notice',
          title: '关于报送材料的通知',
          bodyHtml: '<p>请于月底前报送遵义市人民政府办公厅。</p>',
        },
        people.editor!,
      );
      await assert.rejects(
        submitForReview(t.ctx, bad.id, people.editor!),
        /严重错误表述.*遵义市人民政府办公厅.*应为“遵义市人民政府办公室”/,
      );
      assert.equal((await getItem(t.ctx, bad.id)).workflow, 'draft', 'nothing changed');
      const minor = await createItem(
        t.ctx,
        {
          channelId: 'party-news',
          type: 'notice',
          title: '数据截止11月',
          bodyHtml: '<p>统计截止到十月底。</p>',
        },
        people.editor!,
      );
      const hits = await submitForReview(t.ctx, minor.id, people.editor!);
      assert.deepEqual(
        hits.map((h) => [h.field, h.start, h.end, h.term]),
        [
          ['body', 2, 4, '截止'],
          ['title', 2, 4, '截止'],
        ],
      );
    });

    it('publishes and withdraws on schedule', async () => {
      const item = await draft('定时发布');
      await schedule(t.ctx, item.id, {
        publishAt: new Date(T0 + 3_600_000),
        unpublishAt: new Date(T0 + 7_200_000),
      });
      await submitForReview(t.ctx, item.id, people.editor!);
      for (const r of [people.r1!, people.r2!, people.r3!]) await approve(t.ctx, item.id, r);
      assert.equal((await getItem(t.ctx, item.id)).publication, 'scheduled');
      nowMs = T0 + 3_600_000 - 1;
      await runScheduledPublication(t.ctx);
      assert.equal((await getItem(t.ctx, item.id)).publication, 'scheduled');
      nowMs = T0 + 3_600_000;
      await runScheduledPublication(t.ctx);
      const live = await getItem(t.ctx, item.id);
      assert.equal(live.publication, 'published');
      assert.equal(live.published_at, new Date(T0 + 3_600_000).toISOString());
      nowMs = T0 + 7_200_000;
      await runScheduledPublication(t.ctx);
      assert.equal((await getItem(t.ctx, item.id)).publication, 'withdrawn');
      await assert.rejects(
        schedule(t.ctx, item.id, { publishAt: new Date(T0), unpublishAt: new Date(T0) }),
        /下线时间必须晚于发布时间/,
      );
      nowMs = T0;
    });

    it('keeps old slugs redirecting, without loops when a slug comes back', async () => {
      const item = await draft('改网址');
      await changeSlug(t.ctx, item.id, 'new-address');
      await changeSlug(t.ctx, item.id, 'newer-address');
      const redirects = await t.ctx.db.kysely
        .selectFrom('content_redirect')
        .select('old_slug')
        .where('item_id', '=', item.id)
        .execute();
      assert.deepEqual(redirects.map((r) => r.old_slug).sort(), [item.slug, 'new-address'].sort());
      await changeSlug(t.ctx, item.id, 'new-address');
      const after = await t.ctx.db.kysely
        .selectFrom('content_redirect')
        .select('old_slug')
        .where('item_id', '=', item.id)
        .execute();
      assert.ok(
        !after.some((r) => r.old_slug === 'new-address'),
        'the live slug is not also a redirect',
      );
      await assert.rejects(changeSlug(t.ctx, item.id, 'Bad Slug'), /网址标识格式不正确/);
      // index.html is the channel's old first page (portal/structure.ts).
      await assert.rejects(changeSlug(t.ctx, item.id, 'index'), /网址标识不可用/);
    });

    it('drops exactly the cached pages that show a changed item', async () => {
      const item = await draft('缓存失效');
      await submitForReview(t.ctx, item.id, people.editor!);
      await approve(t.ctx, item.id, people.r1!);
      await approve(t.ctx, item.id, people.r2!);
      const cache = t.ctx.cache;
      const pages = {
        item: ['item', `item:${item.id}`],
        channel: ['channel', 'channel:party-news'],
        site: ['site', 'site:party'],
        portal: ['portal', 'site:portal'],
        audience: ['audience', 'audience:citizen'],
        other: ['other', 'site:cppcc'],
      } as const;
      const fill = () => {
        for (const [key, tag] of Object.values(pages)) cache.set(key, `<html>${key}</html>`, [tag]);
      };
      fill();
      await approve(t.ctx, item.id, people.r3!);
      assert.deepEqual(
        Object.values(pages)
          .map(([k]) => k)
          .filter((k) => cache.get(k)),
        ['portal', 'other'],
        'not pushed yet: the portal page stays',
      );
      await pushItem(t.ctx, item.id, 'portal', people.admin!);
      fill();
      await unpublish(t.ctx, item.id, people.admin!, '内容过期');
      assert.deepEqual(
        Object.values(pages)
          .map(([k]) => k)
          .filter((k) => cache.get(k)),
        ['other'],
      );
      await assert.rejects(
        unpublish(t.ctx, item.id, people.editor!, 'x'),
        /没有在该站点下线稿件的权限/,
      );
    });
  });
}
