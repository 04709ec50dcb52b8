// `yimen seed` on a fresh database, once per dialect: the demo content is
// published through the newsroom services with a full history, fills every
// site, channel and audience portal, and a second run adds nothing.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { dialects, openTestContext, type TestContext } from '../../../../test/helpers/databases.ts';
import { assertLiveTagsMatchItems } from '../../../../test/helpers/live-tags.ts';
import { seedAll } from '../../../platform/context.ts';
import { storedFilePath } from '../files.ts';

const HAN = /\p{Script=Han}/u;
const AUDIENCE_OF: Record<string, string> = {
  gov: 'gov',
  citizens: 'citizen',
  business: 'business',
  invest: 'investor',
  tourism: 'tourist',
  rural: 'rural',
};

for (const dialect of dialects) {
  describe(`demo content seed [${dialect}]`, () => {
    let t: TestContext;
    const lines: string[] = [];
    const db = () => t.ctx.db.kysely;
    const live = () =>
      db().selectFrom('content_item').selectAll().where('publication', '=', 'published').execute();

    before(async () => {
      t = await openTestContext(dialect);
      await seedAll(t.ctx, (line) => lines.push(line));
    });
    after(() => t.close());

    it('publishes at least 300 items, with progress per site', async () => {
      const items = await live();
      assert.ok(items.length >= 300, `${items.length} published`);
      assert.ok(
        lines.some((l) => /demo content: government \d+ \(news \d+/.test(l)),
        lines.join('\n'),
      );
      assert.ok(lines.some((l) => /demo content: \d+ items published/.test(l)));
    });

    it('tags every live item for the audience portals under its back-dated publication date', async () => {
      await assertLiveTagsMatchItems(t.ctx);
    });

    it('fills every channel of every site', async () => {
      const channels = await db().selectFrom('channel').select(['id', 'site_code']).execute();
      const counts = await db()
        .selectFrom('content_item')
        .select(['channel_id', (eb) => eb.fn.countAll<number>().as('n')])
        .where('publication', '=', 'published')
        .groupBy('channel_id')
        .execute();
      const byChannel = new Map(counts.map((c) => [c.channel_id, Number(c.n)]));
      for (const c of channels)
        assert.ok((byChannel.get(c.id) ?? 0) >= 1, `channel ${c.id} is empty`);
    });

    it('gives every audience portal plenty, and the portal home pushed headlines', async () => {
      const items = await live();
      for (const [site, audience] of Object.entries(AUDIENCE_OF)) {
        const tagged = items.filter(
          (i) => i.site_code !== 'invest-en' && JSON.parse(i.audiences).includes(audience),
        );
        assert.ok(tagged.length >= 25, `${site}: ${tagged.length} items tagged ${audience}`);
      }
      const pushes = await db()
        .selectFrom('content_push')
        .select(['site_code', (eb) => eb.fn.countAll<number>().as('n')])
        .groupBy('site_code')
        .execute();
      const pushed = new Map(pushes.map((p) => [p.site_code, Number(p.n)]));
      assert.ok((pushed.get('portal') ?? 0) >= 15, `portal: ${pushed.get('portal')} pushes`);
      for (const site of Object.keys(AUDIENCE_OF)) assert.ok((pushed.get(site) ?? 0) >= 2, site);
    });

    it('links every interpretation to a published policy', async () => {
      const rows = await db()
        .selectFrom('content_item as i')
        .leftJoin('content_link as l', 'l.interpretation_id', 'i.id')
        .leftJoin('content_item as p', 'p.id', 'l.policy_id')
        .select(['i.slug', 'p.type as policyType', 'p.publication as policyPublication'])
        .where('i.type', '=', 'interpretation')
        .execute();
      assert.ok(rows.length >= 20);
      for (const r of rows) {
        assert.equal(r.policyType, 'policy', `${r.slug} has no policy`);
        assert.equal(r.policyPublication, 'published', r.slug);
      }
    });

    it('gives every item a revision, a full review history and audit entries', async () => {
      const items = await live();
      const sites = new Map(
        (await db().selectFrom('site').select(['code', 'review_levels']).execute()).map((s) => [
          s.code,
          s.review_levels,
        ]),
      );
      const revisions = await db().selectFrom('content_revision').select('item_id').execute();
      const withRevision = new Set(revisions.map((r) => r.item_id));
      const reviews = await db()
        .selectFrom('content_review')
        .select(['item_id', 'action', 'level'])
        .execute();
      const history = new Map<string, string[]>();
      for (const r of reviews)
        history.set(r.item_id, [...(history.get(r.item_id) ?? []), `${r.action}:${r.level}`]);
      const audited = new Set(
        (
          await db()
            .selectFrom('audit_log')
            .select('target_id')
            .where('action', '=', 'content.approve')
            .execute()
        ).map((a) => a.target_id),
      );
      for (const item of items) {
        assert.ok(withRevision.has(item.id), `${item.slug} has no revision`);
        const levels = sites.get(item.site_code)!;
        const expected = [
          'submit:0',
          ...Array.from({ length: levels }, (_, i) => `approve:${i + 1}`),
          'publish:0',
        ];
        assert.deepEqual((history.get(item.id) ?? []).sort(), expected.sort(), item.slug);
        assert.ok(audited.has(item.id), `${item.slug} has no audit entry`);
        assert.notEqual(item.author_id, null);
        assert.ok(
          item.published_at! < t.ctx.now().toISOString() && item.published_at! >= '2025-01-01',
        );
      }
    });

    it('has unique titles and bodies without anything executable', async () => {
      const items = await live();
      assert.equal(new Set(items.map((i) => i.title)).size, items.length);
      for (const i of items) {
        assert.doesNotMatch(i.body_html, /<script|<iframe|javascript:|\son[a-z]+\s*=/i, i.slug);
        assert.doesNotMatch(i.body_html, /\sstyle\s*=/i, i.slug);
      }
    });

    it('writes the English investment site in English', async () => {
      const en = (await live()).filter((i) => i.site_code === 'invest-en');
      assert.ok(en.length >= 12);
      for (const i of en)
        assert.doesNotMatch(`${i.title} ${i.summary ?? ''} ${i.body_html}`, HAN, i.slug);
    });

    it('stores attachments and covers content-addressed', async () => {
      const files = await db()
        .selectFrom('content_attachment as a')
        .innerJoin('stored_file as f', 'f.sha256', 'a.sha256')
        .select(['a.name', 'f.sha256', 'f.mime', 'f.size'])
        .execute();
      assert.ok(files.some((f) => f.mime === 'application/pdf'));
      for (const f of files) {
        const path = storedFilePath(t.ctx, f.sha256);
        assert.ok(existsSync(path), path);
        const bytes = readFileSync(path);
        assert.equal(bytes.length, Number(f.size));
        if (f.mime === 'application/pdf') assert.equal(bytes.subarray(0, 5).toString(), '%PDF-');
      }
      const covers = (await live()).filter((i) => JSON.parse(i.fields).coverSha256);
      assert.ok(covers.length >= 2);
      for (const c of covers) {
        const fields = JSON.parse(c.fields);
        assert.ok(fields.coverAlt, `${c.slug} cover without alt text`);
        assert.ok(existsSync(storedFilePath(t.ctx, fields.coverSha256)));
      }
    });

    it('leaves the demo staff without a password and disabled', async () => {
      const staff = await db()
        .selectFrom('account')
        .select(['username', 'status', 'password_hash'])
        .where('username', 'like', 'demo-%')
        .execute();
      assert.equal(staff.length, 26);
      for (const s of staff) {
        assert.equal(s.password_hash, null, s.username!);
        assert.equal(s.status, 'disabled', s.username!);
      }
    });

    it('adds nothing when run again', async () => {
      const count = async (
        table:
          | 'content_item'
          | 'content_revision'
          | 'content_review'
          | 'content_push'
          | 'audit_log'
          | 'account'
          | 'stored_file',
      ) =>
        Number(
          (await sql<{ n: number }>`select count(*) as n from ${sql.table(table)}`.execute(db()))
            .rows[0]!.n,
        );
      const tables = [
        'content_item',
        'content_revision',
        'content_review',
        'content_push',
        'audit_log',
        'account',
        'stored_file',
      ] as const;
      const before = await Promise.all(tables.map(count));
      const again: string[] = [];
      await seedAll(t.ctx, (line) => again.push(line));
      assert.deepEqual(await Promise.all(tables.map(count)), before);
      assert.ok(
        again.some((l) => /demo content: all \d+ items already present/.test(l)),
        again.join('\n'),
      );
    });
  });
}
