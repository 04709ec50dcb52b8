// Solicitations and surveys published ahead of their first day enter the
// search index when they open, through the job queue, without waiting for a
// full rebuild; one whose opening is put back enters on the new day only.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { search } from '../search/service.ts';
import { drainJobs } from '../search/test-support.ts';
import type { Staff } from './common.ts';
import { createConsultation, setConsultationStatus, updateConsultation } from './consultations.ts';
import { addQuestion, createSurvey, publishSurvey } from './surveys.ts';
import { dialects, type Harness, openHarness } from './test-support/harness.ts';

/** 00:00 of a Beijing date, as the test clock's milliseconds. */
const beijingMidnight = (date: string) => Date.parse(`${date}T00:00:00+08:00`);

for (const dialect of dialects) {
  describe(`solicitations and surveys enter search when they open [${dialect}]`, () => {
    let h: Harness;
    let editor: Staff;
    const found = async (q: string) =>
      (await search(h.ctx, { q })).hits.map((x) => x.title.map((p) => p.text).join(''));

    before(async () => {
      h = await openHarness(dialect);
      editor = await h.staff('site_admin', 'site:government');
      // The clock is at 2026-12-01; all three open later.
      const parking = await createConsultation(h.ctx, editor, {
        siteCode: 'government',
        department: '市发展改革委',
        title: '关于调整城区停车收费标准的征求意见稿',
        body: '一、调整范围\n\n二、收费标准',
        opensOn: '2026-12-05',
        closesOn: '2026-12-20',
      });
      await setConsultationStatus(h.ctx, editor, parking, 'published');
      const later = await createConsultation(h.ctx, editor, {
        siteCode: 'government',
        department: '市交通运输局',
        title: '关于新增公共停车场布局规划的征求意见稿',
        body: '规划正文',
        opensOn: '2026-12-05',
        closesOn: '2026-12-20',
      });
      await setConsultationStatus(h.ctx, editor, later, 'published');
      // Put back by three days after it was published.
      await updateConsultation(h.ctx, editor, later, {
        department: '市交通运输局',
        title: '关于新增公共停车场布局规划的征求意见稿',
        body: '规划正文',
        opensOn: '2026-12-08',
        closesOn: '2026-12-20',
      });
      const survey = await createSurvey(h.ctx, editor, {
        siteCode: 'government',
        title: '城区停车设施满意度调查',
        intro: '请告诉我们您停车是否方便。',
        opensOn: '2026-12-05',
        closesOn: '2026-12-31',
      });
      await addQuestion(h.ctx, editor, survey, {
        kind: 'rating',
        prompt: '总体满意度',
        required: true,
        options: '',
      });
      await publishSurvey(h.ctx, editor, survey);
    });
    after(() => h.close());

    it('is not found before its first day', async () => {
      await drainJobs(h.ctx);
      assert.deepEqual(await found('停车'), []);
    });

    it('is found from 00:00 of its first day, once the queue has run', async () => {
      h.set(beijingMidnight('2026-12-05') - 1);
      assert.equal(await drainJobs(h.ctx), 0, 'nothing is due a moment before midnight');
      h.set(beijingMidnight('2026-12-05'));
      assert.ok((await drainJobs(h.ctx)) >= 2);
      assert.deepEqual(
        (await found('停车')).sort(),
        ['关于调整城区停车收费标准的征求意见稿', '城区停车设施满意度调查'].sort(),
      );
    });

    it('a solicitation put back enters on its new first day', async () => {
      h.set(beijingMidnight('2026-12-08'));
      assert.ok((await drainJobs(h.ctx)) >= 1);
      assert.ok((await found('停车场布局')).includes('关于新增公共停车场布局规划的征求意见稿'));
    });
  });
}
