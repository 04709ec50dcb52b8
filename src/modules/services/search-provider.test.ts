import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { dialects, openTestContext, type TestContext } from '../../../test/helpers/databases.ts';
import { SEARCH_UPDATE_JOB } from '../../platform/search.ts';
import type { Reviewer } from '../content/review.ts';
import { createService, findServiceByCode, updateService } from './catalog.ts';
import { seedDemoServices } from './demo/seed.ts';
import { approveService, submitService, withdrawService } from './review.ts';
import { servicesSearchProvider } from './search-provider.ts';
import { completeInput, seedOrganisations, serviceStaff } from './test-support.ts';

for (const dialect of dialects) {
  describe(`services in the search index [${dialect}]`, () => {
    let t: TestContext;
    let org: Record<string, string>;
    const p: Record<string, Reviewer> = {};

    before(async () => {
      t = await openTestContext(dialect);
      org = await seedOrganisations(t.ctx);
      await seedDemoServices(t.ctx, () => {});
      const police = `org:${org['public-security']}`;
      p.editor = await serviceStaff(t.ctx, 'sp.editor', [
        { role: 'service_editor', scope: police },
      ]);
      p.r1 = await serviceStaff(t.ctx, 'sp.r1', [
        { role: 'service_reviewer', scope: police, level: 1 },
      ]);
      p.r2 = await serviceStaff(t.ctx, 'sp.r2', [
        { role: 'service_reviewer', scope: police, level: 2 },
      ]);
    });
    after(() => t.close());

    const queued = async (id: string) =>
      (
        await t.ctx.db.kysely
          .selectFrom('yimen_job')
          .select('payload')
          .where('name', '=', SEARCH_UPDATE_JOB)
          .execute()
      ).filter((j) => JSON.parse(j.payload).sourceId === id).length;

    it('loads a published guide as a service document, and nothing for one that is not public', async () => {
      const row = await findServiceByCode(t.ctx, 'GA-001');
      const doc = await servicesSearchProvider.load(t.ctx, row!.id);
      assert.equal(doc?.source, 'services');
      assert.equal(doc?.type, 'service');
      assert.equal(doc?.url, '/services/GA-001');
      assert.equal(doc?.title, '新生儿出生登记（落户）');
      assert.match(doc?.body ?? '', /遵义市公安局/);
      assert.match(doc?.body ?? '', /出生医学证明/);
      const draft = await createService(
        t.ctx,
        completeInput(org['public-security']!, { code: 'GA-880' }),
        p.editor!,
      );
      assert.equal(await servicesSearchProvider.load(t.ctx, draft.id), null);
      assert.equal(await servicesSearchProvider.load(t.ctx, 'no-such-id'), null);
    });

    it('yields every published guide for a rebuild', async () => {
      let n = 0;
      for await (const batch of servicesSearchProvider.all(t.ctx)) n += batch.length;
      const published = await t.ctx.db.kysely
        .selectFrom('service_items')
        .select('id')
        .where('status', '=', 'published')
        .execute();
      assert.equal(n, published.length);
    });

    it('asks the index to refresh a guide on publication, edit and withdrawal', async () => {
      const row = await createService(
        t.ctx,
        completeInput(org['public-security']!, { code: 'GA-881' }),
        p.editor!,
      );
      await submitService(t.ctx, row.id, p.editor!);
      await approveService(t.ctx, row.id, p.r1!);
      const before = await queued(row.id);
      await approveService(t.ctx, row.id, p.r2!);
      const published = await queued(row.id);
      assert.ok(published > before, 'queued on publication');
      await updateService(
        t.ctx,
        row.id,
        completeInput(org['public-security']!, { code: 'GA-881', summary: '新' }),
        p.editor!,
      );
      const edited = await queued(row.id);
      assert.ok(edited > published, 'queued on edit');
      await withdrawService(t.ctx, row.id, p.r2!, '调整');
      assert.ok((await queued(row.id)) > edited, 'queued on withdrawal');
      assert.equal(await servicesSearchProvider.load(t.ctx, row.id), null);
    });
  });
}
