// The relevance test set over the demo content, on each database: at least
// nine queries in ten find an expected document in the first three results.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { dialects, openTestContext, type TestContext } from '../../../test/helpers/databases.ts';
import { seedAll } from '../../platform/context.ts';
import { evaluateRelevance } from './relevance.ts';
import { RELEVANCE_CASES } from './relevance-cases.ts';
import { SEARCH_TYPES } from './search-page.tsx';

for (const dialect of dialects) {
  describe(`search relevance over the demo content [${dialect}]`, () => {
    let t: TestContext;
    before(async () => {
      t = await openTestContext(dialect);
      await seedAll(t.ctx, () => {});
    });
    after(() => t.close());

    it('has at least 60 cases with stable document keys', () => {
      assert.ok(RELEVANCE_CASES.length >= 60);
      for (const c of RELEVANCE_CASES)
        for (const e of c.expect) assert.match(e, /^([a-z-]+\/[a-z0-9-]+|services\/[A-Z0-9-]+)$/);
    });

    it('names every type of document indexed (its tab, and ?type= accepts it)', async () => {
      const types = await t.ctx.db.kysely
        .selectFrom('search_document')
        .select('type')
        .distinct()
        .execute();
      assert.ok(types.length >= 5);
      for (const { type } of types) assert.ok(SEARCH_TYPES.has(type), `no name for type ${type}`);
    });

    it('reaches success@3 of at least 0.9', async () => {
      const report = await evaluateRelevance(t.ctx);
      const missed = report.failures.map((f) => `${f.query} → ${f.top.slice(0, 3).join(', ')}`);
      assert.ok(
        report.successAt3 >= 0.9,
        `success@3 ${report.successAt3.toFixed(3)}; missed:\n${missed.join('\n')}`,
      );
      assert.ok(report.mrr >= 0.85, `MRR ${report.mrr.toFixed(3)}`);
    });
  });
}
