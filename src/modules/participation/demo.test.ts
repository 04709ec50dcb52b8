import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { phaseOf } from './common.ts';
import { listPublicConsultations, shownComments } from './consultations.ts';
import { seedParticipation } from './demo.ts';
import { surveyResults } from './survey-results.ts';
import { listPublicSurveys } from './surveys.ts';
import { dialects, type Harness, openHarness } from './test-support/harness.ts';

for (const dialect of dialects) {
  describe(`participation demo data [${dialect}]`, () => {
    let h: Harness;
    const lines: string[] = [];
    before(async () => {
      h = await openHarness(dialect);
    });
    after(() => h.close());

    const counts = async () =>
      Promise.all(
        (
          [
            'consultation',
            'consultation_comment',
            'survey',
            'survey_response',
            'survey_answer',
            'feedback_report',
          ] as const
        ).map(async (table) =>
          Number(
            (
              await h.ctx.db.kysely
                .selectFrom(table)
                .select((eb) => eb.fn.countAll<number>().as('n'))
                .executeTakeFirstOrThrow()
            ).n,
          ),
        ),
      );

    it('seeds a closed solicitation with its summary, an open one, a survey with responses and reports', async () => {
      await seedParticipation(h.ctx, (l) => lines.push(l));
      const consultations = await listPublicConsultations(h.ctx);
      const phases = consultations.map((c) => phaseOf(c, h.ctx.now())).sort();
      assert.deepEqual(phases, ['closed', 'open']);
      const closed = consultations.find((c) => phaseOf(c, h.ctx.now()) === 'closed')!;
      assert.ok(closed.summary);
      const open = consultations.find((c) => phaseOf(c, h.ctx.now()) === 'open')!;
      assert.equal(
        (await shownComments(h.ctx, open.id)).length,
        2,
        'the pending comment stays hidden',
      );
      const [survey] = await listPublicSurveys(h.ctx);
      const results = await surveyResults(h.ctx, survey!.id);
      assert.equal(results.responses, 12);
      for (const q of results.questions.filter((x) => x.kind === 'single' || x.kind === 'rating'))
        assert.equal(
          q.tallies.reduce((s, t) => s + t.count, 0),
          12,
          `${q.prompt}: every response counted once`,
        );
    });

    it('is idempotent', async () => {
      const before = await counts();
      await seedParticipation(h.ctx, (l) => lines.push(l));
      assert.deepEqual(await counts(), before);
      assert.ok(lines.slice(-4).every((l) => l.endsWith('already present')));
    });
  });
}
