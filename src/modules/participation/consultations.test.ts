import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { AccountRow } from '../identity/tables.ts';
import type { Staff } from './common.ts';
import {
  addComment,
  commentsForModeration,
  createConsultation,
  listPublicConsultations,
  moderateComment,
  publicConsultation,
  publishSummary,
  setConsultationStatus,
  shownComments,
} from './consultations.ts';
import { searchProviders } from './search.ts';
import { auditActions, dialects, type Harness, openHarness } from './test-support/harness.ts';

const client = { ip: '203.0.113.20' };

for (const dialect of dialects) {
  describe(`意见征集 [${dialect}]`, () => {
    let h: Harness;
    let editor: Staff;
    let citizen: AccountRow;
    let id: string;

    before(async () => {
      h = await openHarness(dialect);
      editor = await h.staff('editor', 'site:government');
      citizen = await h.citizen('李');
      // Window: 2026-12-03 to 2026-12-10 (Beijing dates, both inclusive).
      id = await createConsultation(h.ctx, editor, {
        siteCode: 'government',
        department: '市交通运输局',
        title: '关于优化中心城区公交线网的征求意见稿',
        body: '一、总体目标\n\n二、主要措施',
        opensOn: '2026-12-03',
        closesOn: '2026-12-10',
      });
    });
    after(() => h.close());

    it('a draft or a solicitation before its window is not public and takes no comment', async () => {
      assert.equal(await publicConsultation(h.ctx, id), undefined);
      await setConsultationStatus(h.ctx, editor, id, 'published');
      assert.equal(await publicConsultation(h.ctx, id), undefined, 'window not yet open');
      assert.equal(
        await searchProviders[0]!.load(h.ctx, id),
        null,
        'not in search before it opens',
      );
      await assert.rejects(addComment(h.ctx, citizen, id, '建议增加夜班线路', client), /没有这项/);
    });

    it('takes comments only inside the window (from 00:00 of the first day to 24:00 of the last)', async () => {
      h.set(Date.parse('2026-12-02T16:00:00Z')); // 2026-12-03 00:00 Beijing
      assert.ok(await publicConsultation(h.ctx, id));
      const doc = await searchProviders[0]!.load(h.ctx, id);
      assert.equal(doc?.url, `/consultations/${id}`);
      assert.equal(doc?.siteCode, 'government');
      await addComment(h.ctx, citizen, id, '建议增加夜班线路', client);
      h.set(Date.parse('2026-12-10T15:59:59Z')); // 2026-12-10 23:59:59 Beijing
      await addComment(h.ctx, citizen, id, '建议公交站台增加遮雨棚', client);
      h.set(Date.parse('2026-12-10T16:00:00Z')); // 2026-12-11 00:00 Beijing
      await assert.rejects(addComment(h.ctx, citizen, id, '迟到的意见', client), /已结束/);
      const all = await commentsForModeration(h.ctx, id);
      assert.deepEqual(
        all.map((c) => c.body),
        ['建议增加夜班线路', '建议公交站台增加遮雨棚'],
      );
    });

    it('shows a comment publicly only after a moderator shows it', async () => {
      const all = await commentsForModeration(h.ctx, id);
      assert.ok(all.every((c) => c.status === 'pending'));
      assert.deepEqual(await shownComments(h.ctx, id), []);
      await moderateComment(h.ctx, editor, id, all[0]!.id, 'shown');
      await moderateComment(h.ctx, editor, id, all[1]!.id, 'hidden');
      const shown = await shownComments(h.ctx, id);
      assert.deepEqual(
        shown.map((c) => c.body),
        ['建议增加夜班线路'],
      );
      const other = await h.staff('editor', 'site:party');
      await assert.rejects(moderateComment(h.ctx, other, id, all[1]!.id, 'shown'), /没有这项/);
      assert.equal((await shownComments(h.ctx, id)).length, 1);
    });

    it('publishes the feedback summary only after the window', async () => {
      const early = await createConsultation(h.ctx, editor, {
        siteCode: 'government',
        department: '市住建局',
        title: '物业管理办法（征求意见稿）',
        body: '正文',
        opensOn: '2026-12-10',
        closesOn: '2026-12-31',
      });
      await assert.rejects(publishSummary(h.ctx, editor, early, '采纳'), /征集期结束后/);
      await publishSummary(h.ctx, editor, id, '共收到意见2条，采纳1条：增加夜班线路。');
      const row = await publicConsultation(h.ctx, id);
      assert.match(row?.summary ?? '', /采纳1条/);
      assert.ok((await listPublicConsultations(h.ctx)).some((c) => c.id === id));
      assert.deepEqual(await auditActions(h.ctx, 'consultation.'), [
        'consultation.create',
        'consultation.publish',
        'consultation.comment.submit',
        'consultation.comment.submit',
        'consultation.comment.show',
        'consultation.comment.hide',
        'consultation.create',
        'consultation.summary',
      ]);
    });

    it('refuses a solicitation with its window backwards', async () => {
      await assert.rejects(
        createConsultation(h.ctx, editor, {
          siteCode: 'government',
          department: '局',
          title: '标题',
          body: '正文',
          opensOn: '2026-12-10',
          closesOn: '2026-12-01',
        }),
        /请修改/,
      );
      await assert.rejects(
        createConsultation(h.ctx, editor, {
          siteCode: 'party',
          department: '局',
          title: '标题',
          body: '正文',
          opensOn: '2026-12-01',
          closesOn: '2026-12-10',
        }),
        /您管理的站点/,
      );
    });
  });
}
