import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { dialects, openTestContext, type TestContext } from '../../../test/helpers/databases.ts';
import { auditRows } from '../../../test/helpers/staff.ts';
import { DomainError } from '../../platform/errors.ts';
import type { Reviewer } from '../content/review.ts';
import { type BundleInput, publishedBundle, saveBundle } from './bundles.ts';
import { seedDemoServices } from './demo/seed.ts';
import { seedOrganisations, serviceStaff } from './test-support.ts';

for (const dialect of dialects) {
  describe(`一件事 bundles [${dialect}]`, () => {
    let t: TestContext;
    let org: Record<string, string>;
    const p: Record<string, Reviewer> = {};
    const input = (overrides: Partial<BundleInput> = {}): BundleInput => ({
      code: 'YJS-101',
      name: '退休“一件事”',
      summary: '退休申请、医保待遇和高龄津贴一次办。',
      lifeEvent: 'retirement',
      orgId: org['government-services']!,
      serviceCodes: ['RS-005', 'YB-002'],
      publish: true,
      ...overrides,
    });

    before(async () => {
      t = await openTestContext(dialect);
      org = await seedOrganisations(t.ctx);
      await seedDemoServices(t.ctx, () => {});
      p.coordinator = await serviceStaff(t.ctx, 'yjs.coordinator', [
        { role: 'service_editor', scope: `org:${org['government-services']}` },
      ]);
      p.police = await serviceStaff(t.ctx, 'yjs.police', [
        { role: 'service_editor', scope: `org:${org['public-security']}` },
      ]);
    });
    after(() => t.close());

    it('creates a bundle of existing services in order, audited, and replaces it by code', async () => {
      await saveBundle(t.ctx, input(), p.coordinator!);
      let view = await publishedBundle(t.ctx, 'YJS-101');
      assert.deepEqual(
        view?.services.map((s) => s.code),
        ['RS-005', 'YB-002'],
      );
      await saveBundle(
        t.ctx,
        input({ serviceCodes: ['YB-002', 'RS-005', 'MZ-005'] }),
        p.coordinator!,
      );
      view = await publishedBundle(t.ctx, 'YJS-101');
      assert.deepEqual(
        view?.services.map((s) => s.code),
        ['YB-002', 'RS-005', 'MZ-005'],
      );
      // 身份证 is asked by two of them: listed once, for both.
      const idCards = view?.materials.filter((m) => m.key === 'id-card') ?? [];
      assert.equal(idCards.length, 1);
      assert.deepEqual(
        idCards[0]?.neededBy.map((b) => b.code),
        ['YB-002', 'RS-005'],
      );
      assert.equal(new Set(view?.materials.map((m) => m.key)).size, view?.materials.length);
      const audits = await auditRows(t.ctx, 'service.bundle.update');
      assert.equal(audits.length, 1);
    });

    it('refuses bad input, unknown services and other organisations, changing nothing', async () => {
      const refused = async (i: BundleInput, who: Reviewer, code: string) =>
        assert.rejects(saveBundle(t.ctx, i, who), (err: unknown) => {
          assert.ok(err instanceof DomainError);
          assert.equal(err.code, code, err.message);
          return true;
        });
      await refused(input({ code: 'bundle-1' }), p.coordinator!, 'bad_request');
      await refused(input({ serviceCodes: ['RS-005'] }), p.coordinator!, 'bad_request');
      await refused(input({ serviceCodes: ['RS-005', 'ZZ-999'] }), p.coordinator!, 'bad_request');
      await refused(input({ lifeEvent: 'nonsense' }), p.coordinator!, 'bad_request');
      await refused(input({ code: 'YJS-102' }), p.police!, 'forbidden');
      assert.equal(await publishedBundle(t.ctx, 'YJS-102'), undefined);
      // The police cannot take over a bundle by naming their own department either.
      await refused(input({ orgId: org['public-security']! }), p.police!, 'not_found');
      const view = await publishedBundle(t.ctx, 'YJS-101');
      assert.equal(view?.bundle.org_id, org['government-services']);
    });

    it('leaves a draft bundle and its unpublished services off the public pages', async () => {
      await saveBundle(t.ctx, input({ code: 'YJS-103', publish: false }), p.coordinator!);
      assert.equal(await publishedBundle(t.ctx, 'YJS-103'), undefined);
    });
  });
}
