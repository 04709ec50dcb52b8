import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { DomainError } from '../../platform/errors.ts';
import type { Staff } from './common.ts';
import { fieldOf } from './survey-form.ts';
import { csvCell, surveyCsv, surveyResults } from './survey-results.ts';
import {
  ALREADY_ANSWERED,
  addQuestion,
  createSurvey,
  publishSurvey,
  questionsOf,
  removeQuestion,
  respond,
  responseCount,
} from './surveys.ts';
import type { SurveyQuestionRow } from './tables.ts';
import { auditActions, dialects, type Harness, openHarness } from './test-support/harness.ts';

const client = { ip: '203.0.113.30' };
const fields = (e: unknown) => (e instanceof DomainError ? e.fields : undefined);

describe('CSV cells', () => {
  it('neutralises formulas and quotes separators', () => {
    assert.equal(csvCell('=HYPERLINK("http://x")'), `"'=HYPERLINK(""http://x"")"`);
    assert.equal(csvCell('+1'), "'+1");
    assert.equal(csvCell('-2'), "'-2");
    assert.equal(csvCell('@SUM(A1)'), "'@SUM(A1)");
    assert.equal(csvCell('满意，很好'), '满意，很好');
    assert.equal(csvCell('a,b'), '"a,b"');
    assert.equal(csvCell('两行\n文字'), '"两行\n文字"');
  });
});

for (const dialect of dialects) {
  describe(`在线调查 [${dialect}]`, () => {
    let h: Harness;
    let editor: Staff;
    let surveyId: string;
    let q: Record<'single' | 'multiple' | 'rating' | 'text', SurveyQuestionRow>;

    before(async () => {
      h = await openHarness(dialect);
      editor = await h.staff('site_admin', 'site:portal');
      surveyId = await createSurvey(h.ctx, editor, {
        siteCode: 'portal',
        title: '政府网站满意度调查',
        intro: '请用两分钟告诉我们您的感受。',
        opensOn: '2026-12-01',
        closesOn: '2026-12-31',
      });
      const add = (kind: string, prompt: string, required: boolean, options = '') =>
        addQuestion(h.ctx, editor, surveyId, { kind, prompt, required, options });
      await add('single', '您多久访问一次本网站？', true, '每天\n每周\n每月');
      await add('multiple', '您常用哪些栏目？', false, '政务公开\n办事服务\n互动交流');
      await add('rating', '总体满意度', true);
      await add('text', '其他建议', false);
      const extra = await add('text', '将被删除的题', false);
      await removeQuestion(h.ctx, editor, surveyId, extra);
      const questions = await questionsOf(h.ctx, surveyId);
      q = Object.fromEntries(questions.map((x) => [x.kind, x])) as typeof q;
      assert.equal(questions.length, 4);
    });
    after(() => h.close());

    it('takes no answers before it is published, and no question changes after', async () => {
      const c = await h.citizen();
      await assert.rejects(respond(h.ctx, c, surveyId, {}, client), /没有这项调查/);
      await publishSurvey(h.ctx, editor, surveyId);
      await assert.rejects(
        addQuestion(h.ctx, editor, surveyId, {
          kind: 'text',
          prompt: '新题',
          required: false,
          options: '',
        }),
        /不能再修改/,
      );
    });

    it('refuses forged questions, missing required answers and out-of-range values, saving nothing', async () => {
      const c = await h.citizen();
      const err = await respond(
        h.ctx,
        c,
        surveyId,
        {
          [fieldOf(q.single)]: '7',
          [fieldOf(q.multiple)]: ['0', '9'],
          [fieldOf(q.rating)]: '6',
          q_00000000_forged: 'x',
        },
        client,
      ).catch((e: unknown) => e);
      const f = fields(err) ?? {};
      assert.equal(f[fieldOf(q.single)], '请从所列选项中选择一项');
      assert.match(f[fieldOf(q.multiple)] ?? '', /所列选项/);
      assert.equal(f[fieldOf(q.rating)], '请选择1到5之间的评分');
      assert.match(f.q_00000000_forged ?? '', /没有这道题/);
      const missing = await respond(h.ctx, c, surveyId, { [fieldOf(q.rating)]: '3' }, client).catch(
        (e: unknown) => e,
      );
      assert.deepEqual(fields(missing), { [fieldOf(q.single)]: '此题为必答题' });
      assert.equal(await responseCount(h.ctx, surveyId), 0);
    });

    it('accepts one response per account, even from concurrent submits', async () => {
      const c = await h.citizen();
      const answers = { [fieldOf(q.single)]: '1', [fieldOf(q.rating)]: '4' };
      const outcomes = await Promise.allSettled(
        Array.from({ length: 6 }, () => respond(h.ctx, c, surveyId, answers, client)),
      );
      const ok = outcomes.filter((o) => o.status === 'fulfilled');
      const refused = outcomes.filter((o): o is PromiseRejectedResult => o.status === 'rejected');
      assert.equal(ok.length, 1);
      assert.equal(refused.length, 5);
      for (const r of refused) assert.equal((r.reason as Error).message, ALREADY_ANSWERED);
      assert.equal(await responseCount(h.ctx, surveyId), 1);
      const answerRows = await h.ctx.db.kysely.selectFrom('survey_answer').selectAll().execute();
      assert.equal(answerRows.length, 2, 'the refused submits left no answers behind');
    });

    it('counts results per option and rating, and exports every response', async () => {
      const submit = async (values: Record<string, string | string[]>) =>
        respond(h.ctx, await h.citizen(), surveyId, values, client);
      await submit({
        [fieldOf(q.single)]: '0',
        [fieldOf(q.multiple)]: ['0', '2'],
        [fieldOf(q.rating)]: '5',
        [fieldOf(q.text)]: '=1+1 希望增加英文版',
      });
      await submit({
        [fieldOf(q.single)]: '0',
        [fieldOf(q.multiple)]: '2',
        [fieldOf(q.rating)]: '3',
      });
      const r = await surveyResults(h.ctx, surveyId);
      assert.equal(r.responses, 3);
      const by = Object.fromEntries(r.questions.map((x) => [x.kind, x]));
      assert.deepEqual(
        by.single!.tallies.map((t) => t.count),
        [2, 1, 0],
      );
      assert.deepEqual(
        by.multiple!.tallies.map((t) => t.count),
        [1, 0, 2],
      );
      assert.equal(by.multiple!.answered, 2);
      assert.deepEqual(
        by.rating!.tallies.map((t) => t.count),
        [0, 0, 1, 1, 1],
      );
      assert.equal(by.rating!.mean, 4);
      assert.deepEqual(by.text!.texts, ['=1+1 希望增加英文版']);

      const csv = await surveyCsv(h.ctx, surveyId);
      const lines = csv
        .replace(/^\uFEFF/, '')
        .trimEnd()
        .split('\r\n');
      assert.equal(lines.length, 4);
      assert.match(lines[0]!, /您多久访问一次本网站？,您常用哪些栏目？,总体满意度,其他建议$/);
      assert.ok(lines.some((l) => l.endsWith(",每天,政务公开；互动交流,5,'=1+1 希望增加英文版")));
      assert.ok(!csv.includes(',=1+1'), 'no cell starts with a formula');
      const actions = await auditActions(h.ctx, 'survey.');
      assert.equal(actions.filter((a) => a === 'survey.respond').length, 3);
    });

    it('takes no response after the window closes', async () => {
      h.set(Date.parse('2026-12-31T16:00:00Z'));
      await assert.rejects(
        respond(
          h.ctx,
          await h.citizen(),
          surveyId,
          { [fieldOf(q.single)]: '0', [fieldOf(q.rating)]: '3' },
          client,
        ),
        /不在开放时间/,
      );
    });
  });
}
