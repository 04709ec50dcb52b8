// The demo letters: seeded once (a second run adds nothing), spread over the
// months with replies from several departments, and what is public is only
// what may be: answered, publishable, never the report.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { dialects } from '../../../test/helpers/databases.ts';
import { DEMO_LETTERS } from './demo-letters.ts';
import { listPublicLetters } from './public.ts';
import { seedDemoLetters } from './seed.ts';
import { monthStats } from './stats.ts';
import { type LettersWorld, openLettersWorld } from './test-support.ts';

for (const dialect of dialects) {
  describe(`demo letters [${dialect}]`, () => {
    let w: LettersWorld;
    before(async () => {
      w = await openLettersWorld(dialect, '2026-11-26T02:00:00.000Z');
    });
    after(() => w.close());

    it('seeds every demo letter once', async () => {
      assert.equal(await seedDemoLetters(w.ctx), DEMO_LETTERS.length);
      assert.equal(await seedDemoLetters(w.ctx), 0);
    });

    it('publishes the answered, publishable letters of several departments, and never the report', async () => {
      const expected = DEMO_LETTERS.filter((d) => d.reply && d.publish && d.type !== 'report');
      const { items, total } = await listPublicLetters(w.ctx, {}, 1, 100);
      assert.equal(total, expected.length);
      assert.ok(new Set(items.map((l) => l.department)).size >= 8, 'several departments answer');
      assert.ok(!items.some((l) => l.type === 'report'));
      assert.ok(!items.some((l) => l.subject.includes('宅基地')), 'the writer did not allow it');
    });

    it('spreads over the months, so the statistics have something to show', async () => {
      let months = 0;
      for (const month of ['2026-06', '2026-07', '2026-08', '2026-09', '2026-10', '2026-11']) {
        if ((await monthStats(w.ctx, month)).total.received > 0) months += 1;
      }
      assert.ok(months >= 5, `${months} months with letters`);
    });
  });
}
