import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { dialects, openTestContext, type TestContext } from '../../../test/helpers/databases.ts';
import { mergeMaterials, publishedBundle } from './bundles.ts';
import { liveGuide } from './catalog.ts';
import { missingElements } from './completeness.ts';
import { DEMO_ONLINE_SERVICE_CODES } from './demo/online-codes.ts';
import { seedDemoServices } from './demo/seed.ts';
import { listPublishedServices, publishedService } from './queries.ts';
import { seedOrganisations } from './test-support.ts';

describe('merging the materials of a bundle', () => {
  const guide = (
    code: string,
    materials: Parameters<typeof mergeMaterials>[0][number]['materials'],
  ) => ({
    code,
    name: `事项${code}`,
    materials,
  });
  it('asks for a shared material once, in the strictest form and count any service needs', () => {
    const merged = mergeMaterials([
      guide('A-001', [
        {
          key: 'id-card',
          name: '身份证',
          form: 'copy',
          copies: 1,
          requirement: 'conditional',
          condition: '代办的',
        },
        { key: 'form-a', name: '申请表A', form: 'original', copies: 1, requirement: 'mandatory' },
      ]),
      guide('B-001', [
        {
          key: 'id-card',
          name: '居民身份证',
          form: 'original',
          copies: 2,
          requirement: 'mandatory',
        },
        { key: 'form-b', name: '申请表B', form: 'original', copies: 1, requirement: 'mandatory' },
      ]),
      guide('C-001', [
        {
          key: 'photo',
          name: '照片',
          form: 'original',
          copies: 2,
          requirement: 'conditional',
          condition: '首次',
        },
      ]),
      guide('D-001', [
        {
          key: 'photo',
          name: '照片',
          form: 'original',
          copies: 1,
          requirement: 'conditional',
          condition: '补领',
        },
      ]),
    ]);
    assert.deepEqual(
      merged.map((m) => m.key),
      ['id-card', 'form-a', 'form-b', 'photo'],
    );
    const id = merged[0]!;
    assert.equal(id.form, 'original_and_copy', 'a copy for one and the original for another: both');
    assert.equal(id.copies, 2);
    assert.equal(id.requirement, 'mandatory');
    assert.deepEqual(id.conditions, []);
    assert.deepEqual(
      id.neededBy.map((b) => b.code),
      ['A-001', 'B-001'],
    );
    const photo = merged[3]!;
    assert.equal(photo.requirement, 'conditional');
    assert.deepEqual(photo.conditions, ['首次', '补领']);
  });
});

for (const dialect of dialects) {
  describe(`demo catalog and public queries [${dialect}]`, () => {
    let t: TestContext;
    let org: Record<string, string>;
    const lines: string[] = [];

    before(async () => {
      t = await openTestContext(dialect);
      org = await seedOrganisations(t.ctx);
      await seedDemoServices(t.ctx, (l) => lines.push(l));
    });
    after(() => t.close());

    it('seeds at least 60 complete guides across departments, once', async () => {
      const rows = await t.ctx.db.kysely.selectFrom('service_items').selectAll().execute();
      assert.ok(rows.length >= 60, `${rows.length} guides`);
      assert.ok(new Set(rows.map((r) => r.org_id)).size >= 15, 'many departments');
      for (const r of rows) assert.deepEqual(missingElements(liveGuide(r)), [], r.code);
      await seedDemoServices(t.ctx, (l) => lines.push(l));
      const again = await t.ctx.db.kysely.selectFrom('service_items').select('id').execute();
      assert.equal(again.length, rows.length);
      assert.match(lines.at(-2) ?? '', /0 added/);
    });

    it('lists exactly the published online services the forms are written for', async () => {
      const online = await t.ctx.db.kysely
        .selectFrom('service_items')
        .select('code')
        .where('online_depth', '!=', 'info')
        .orderBy('code')
        .execute();
      assert.deepEqual(
        online.map((r) => r.code),
        [...DEMO_ONLINE_SERVICE_CODES].sort(),
      );
      const newborn = await publishedService(t.ctx, 'GA-001');
      assert.equal(newborn?.orgId, org['public-security']);
      assert.equal(newborn?.onlineDepth, 'full');
      assert.ok(newborn?.lifeEvents.includes('birth'));
    });

    it('merges the 新生儿出生 bundle materials, each shared document once', async () => {
      const view = await publishedBundle(t.ctx, 'YJS-001');
      assert.ok(view);
      assert.deepEqual(
        view.services.map((s) => s.code),
        ['WJ-001', 'GA-001', 'YB-001', 'RS-001'],
      );
      const keys = view.materials.map((m) => m.key);
      assert.equal(new Set(keys).size, keys.length);
      const parents = view.materials.find((m) => m.key === 'parents-id-cards');
      assert.deepEqual(
        parents?.neededBy.map((b) => b.code),
        ['WJ-001', 'GA-001', 'YB-001'],
      );
      // Mandatory for the birth certificate and 落户, so mandatory in the bundle.
      assert.equal(parents?.requirement, 'mandatory');
      const total = view.services.reduce((n, s) => n + s.materials.length, 0);
      assert.ok(view.materials.length < total, 'fewer documents than the services ask separately');
    });

    it('filters by life event, enterprise stage, audience, department, theme and words', async () => {
      const birth = await listPublishedServices(t.ctx, { lifeEvent: 'birth' });
      assert.ok(birth.services.some((s) => s.code === 'GA-001'));
      assert.ok(birth.services.every((s) => s.lifeEvents.includes('birth')));
      const closing = await listPublishedServices(t.ctx, { stage: 'closing' });
      assert.deepEqual(
        closing.services.map((s) => s.code),
        ['SJ-004'],
      );
      const rural = await listPublishedServices(t.ctx, { audience: 'rural' });
      assert.ok(rural.total > 0 && rural.services.every((s) => s.audiences.includes('rural')));
      const police = await listPublishedServices(t.ctx, { orgId: org['public-security'] });
      assert.ok(police.services.every((s) => s.orgId === org['public-security']));
      assert.ok(police.total >= 8);
      const housing = await listPublishedServices(t.ctx, { theme: 'housing', depth: 'full' });
      assert.deepEqual(
        housing.services.map((s) => s.code),
        ['GJJ-001'],
      );
      const words = await listPublishedServices(t.ctx, { q: '公积金' });
      assert.ok(words.total >= 3);
      assert.ok(words.services.every((s) => `${s.name}${s.summary}`.includes('公积金')));
    });

    it('treats wildcards, quotes and unknown tags in filters as plain text that matches nothing', async () => {
      for (const q of ['%', '_', "' OR 1=1 --", '"birth"', '\\']) {
        const r = await listPublishedServices(t.ctx, { q });
        assert.equal(r.total, 0, q);
      }
      const unknown = await listPublishedServices(t.ctx, { lifeEvent: 'birth"%' });
      assert.equal(unknown.total, 0);
    });
  });
}
