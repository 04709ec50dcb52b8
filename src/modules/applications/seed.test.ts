import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { dialects, openTestContext, type TestContext } from '../../../test/helpers/databases.ts';
import { demoOrganisations } from '../identity/demo-organisations.ts';
import { insertMissingOrganisations } from '../identity/organisations.ts';
import { DEMO_ONLINE_SERVICE_CODES } from '../services/demo/online-codes.ts';
import { seedDemoServices } from '../services/demo/seed.ts';
import { seedDemoApplications, seedDemoForms } from './demo/seed.ts';
import { bundleForm } from './forms.ts';
import { applicationStats } from './stats.ts';

for (const dialect of dialects) {
  describe(`demo applications [${dialect}]`, () => {
    let t: TestContext;
    before(async () => {
      t = await openTestContext(dialect);
      await insertMissingOrganisations(t.ctx.db, demoOrganisations);
      await seedDemoServices(t.ctx, () => {});
    });
    after(() => t.close());

    it('gives every online demo service a form, and the bundles merged forms', async () => {
      assert.equal(await seedDemoForms(t.ctx), DEMO_ONLINE_SERVICE_CODES.length);
      const forms = await t.ctx.db.kysely
        .selectFrom('application_form')
        .select('service_code')
        .execute();
      assert.deepEqual(
        forms.map((f) => f.service_code).sort(),
        [...DEMO_ONLINE_SERVICE_CODES].sort(),
      );
      const merged = await bundleForm(t.ctx, ['GA-001', 'YB-001', 'RS-001']);
      assert.ok(merged.materials.some((m) => m.key === 'birth-medical-certificate'));
    });

    it('seeds applications once, so the statistics have numbers', async () => {
      const made = await seedDemoApplications(t.ctx);
      assert.ok(made >= 15, `${made} applications`);
      assert.equal(await seedDemoApplications(t.ctx), 0, 'a second run adds nothing');
      assert.equal(await seedDemoForms(t.ctx), 0);
      const stats = await applicationStats(t.ctx, 'org');
      assert.ok(stats.length >= 3);
      assert.ok(stats.some((s) => s.ratings > 0 && s.decided > 0));
      assert.ok(stats.some((s) => s.badReviews > 0));
    });
  });
}
