// 督办 and statistics on both databases: a letter past its deadline goes to
// supervision once, with reminders queued in the outbox for the department's
// staff and the general office; a letter open longer than the limit is
// escalated as stale even before its deadline; monthly figures per
// department count exactly what happened.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { dialects } from '../../../test/helpers/databases.ts';
import { listOutbox } from '../notify/outbox.ts';
import { rateReply } from './citizen.ts';
import { saveSettings } from './settings.ts';
import { monthStats, percent } from './stats.ts';
import { superviseLetters } from './supervision.ts';
import { type LettersWorld, openLettersWorld } from './test-support.ts';
import { getLetter, type LetterActor } from './transition.ts';
import { assignLetter } from './triage.ts';

for (const dialect of dialects) {
  describe(`supervision [${dialect}]`, () => {
    let w: LettersWorld;
    let handler: LetterActor;

    before(async () => {
      w = await openLettersWorld(dialect, '2026-12-01T02:00:00.000Z');
      handler = await w.handler('transport');
    });
    after(() => w.close());

    it('escalates an overdue letter once and reminds the people who must act', async () => {
      // Tuesday 12-01: a 咨询 is due in five working days, Tuesday 12-08.
      const { id, code } = await w.write();
      await assignLetter(w.ctx, w.office, id, { orgIds: [w.org('transport')] });
      w.setNow('2026-12-08T10:00:00.000Z');
      assert.deepEqual(
        await superviseLetters(w.ctx),
        { overdue: 0, stale: 0 },
        'due today is not late',
      );
      w.setNow('2026-12-09T01:00:00.000Z');
      assert.deepEqual(await superviseLetters(w.ctx), { overdue: 1, stale: 0 });
      const letter = await getLetter(w.ctx, id);
      assert.equal(letter.supervision_reason, 'overdue');
      assert.ok(letter.supervised_at);
      const sent = await listOutbox(w.ctx, {});
      const reminders = sent.filter((m) => m.body.includes(code));
      // The transport handler and the general office's letter desk.
      assert.equal(reminders.length, 2, JSON.stringify(reminders.map((m) => m.body)));
      assert.match(reminders[0]!.body, /督办提醒.*已超过办理期限/);
      assert.deepEqual(await superviseLetters(w.ctx), { overdue: 0, stale: 0 }, 'only once');
      assert.ok(handler.id);
    });

    it('escalates any letter open longer than the limit, even one not yet due', async () => {
      w.setNow('2026-12-10T02:00:00.000Z');
      await w.ctx.db.kysely.transaction().execute((trx) =>
        saveSettings(
          trx,
          {
            deadlineDays: { consult: 60, suggest: 60, complain: 60, help: 60, report: 60 },
            staleDays: 30,
          },
          w.ctx.now().toISOString(),
        ),
      );
      const { id } = await w.write({ subject: '关于农村饮水工程的建议', type: 'suggest' });
      w.setNow('2027-01-08T02:00:00.000Z');
      // The overdue letter of 12-01 is now 38 days old: stale too. This one is 29 days old.
      assert.deepEqual(await superviseLetters(w.ctx), { overdue: 0, stale: 1 });
      assert.equal((await getLetter(w.ctx, id)).supervised_at, null, '29 days: not yet');
      w.setNow('2027-01-10T02:00:00.000Z');
      assert.equal((await superviseLetters(w.ctx)).stale, 1);
      const letter = await getLetter(w.ctx, id);
      assert.equal(letter.status, 'submitted');
      assert.equal(letter.supervision_reason, 'stale');
      assert.ok(letter.deadline > '2027-01-10', 'not yet due, escalated anyway');
    });
  });

  describe(`monthly statistics [${dialect}]`, () => {
    let w: LettersWorld;

    before(async () => {
      w = await openLettersWorld(dialect, '2026-10-29T02:00:00.000Z');
    });
    after(() => w.close());

    const answer = (id: string, code: string, at: string) =>
      w.answer(id, code, '您好，您反映的问题已转相关科室办理，现答复如下：已安排处理。', at);

    it('counts received, replied, on time and satisfied per department and month', async () => {
      const me = { id: w.citizen.id, name: '小明' };
      // October (Beijing): one letter to education, answered in November, late.
      const oct = await w.write();
      await assignLetter(w.ctx, w.office, oct.id, { orgIds: [w.org('education')] });
      // November 1st 07:00 Beijing is still 10-31 23:00 UTC: it belongs to November.
      w.setNow('2026-10-31T23:00:00.000Z');
      const a = await w.write({ subject: '关于学校课后服务的建议', type: 'suggest' });
      const b = await w.write({ subject: '关于校车安全的咨询' });
      const c = await w.write({ subject: '关于道路积水的投诉', type: 'complain' });
      const d = await w.write({ subject: '尚未分办的来信' });
      await assignLetter(w.ctx, w.office, a.id, { orgIds: [w.org('education')] });
      await assignLetter(w.ctx, w.office, b.id, { orgIds: [w.org('education')] });
      await assignLetter(w.ctx, w.office, c.id, { orgIds: [w.org('transport')] });
      await answer(oct.id, 'education', '2026-11-20T02:00:00.000Z');
      await answer(a.id, 'education', '2026-11-03T02:00:00.000Z');
      await answer(b.id, 'education', '2026-11-04T02:00:00.000Z');
      await answer(c.id, 'transport', '2026-11-05T02:00:00.000Z');
      await rateReply(w.ctx, me, a.id, { rating: 3 });
      await rateReply(w.ctx, me, b.id, { rating: 1 });
      await rateReply(w.ctx, me, oct.id, { rating: 2 });
      const nov = await monthStats(w.ctx, '2026-11');
      const edu = nov.rows.find((r) => r.orgId === w.org('education'))!;
      assert.deepEqual(
        {
          received: edu.received,
          replied: edu.replied,
          onTime: edu.onTime,
          rated: edu.rated,
          satisfied: edu.satisfied,
        },
        { received: 2, replied: 3, onTime: 2, rated: 3, satisfied: 2 },
      );
      const transport = nov.rows.find((r) => r.orgId === w.org('transport'))!;
      assert.deepEqual([transport.received, transport.replied, transport.onTime], [1, 1, 1]);
      const untriaged = nov.rows.find((r) => r.orgId === null)!;
      assert.equal(untriaged.received, 1);
      assert.equal(nov.total.received, 4);
      assert.equal(nov.total.replied, 4);
      assert.equal(percent(edu.onTime, edu.replied), 66.7);
      assert.equal(percent(0, 0), null);
      const october = await monthStats(w.ctx, '2026-10');
      assert.equal(october.total.received, 1);
      assert.equal(october.total.replied, 0);
      assert.ok(d.id);
    });
  });
}
