import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { dialects, openTestContext, type TestContext } from '../../../test/helpers/databases.ts';

for (const dialect of dialects) {
  describe(`working-day calendar [${dialect}]`, () => {
    let t: TestContext;
    before(async () => {
      t = await openTestContext(dialect);
    });
    after(() => t.close());

    it('knows the 2026 Spring Festival holidays and its two adjusted Saturdays', () => {
      const cal = t.ctx.calendar;
      assert.equal(cal.isWorkingDay('2026-02-13'), true, 'Friday before the holiday');
      assert.equal(cal.isWorkingDay('2026-02-14'), true, 'Saturday 2-14 is a 调休 working day');
      for (const day of ['2026-02-15', '2026-02-16', '2026-02-17', '2026-02-20', '2026-02-23']) {
        assert.equal(cal.isWorkingDay(day), false, `${day} is a holiday`);
      }
      assert.equal(cal.isWorkingDay('2026-02-24'), true);
      assert.equal(cal.isWorkingDay('2026-02-28'), true, 'Saturday 2-28 is a 调休 working day');
      assert.equal(cal.isWorkingDay('2026-03-01'), false, 'an ordinary Sunday');
    });

    it('adds working days across the Spring Festival', () => {
      const cal = t.ctx.calendar;
      // Fri 2-13 + 1 → Sat 2-14 (调休); + 2 → Tue 2-24 after nine days off.
      assert.equal(cal.addWorkingDays('2026-02-13', 1), '2026-02-14');
      assert.equal(cal.addWorkingDays('2026-02-13', 2), '2026-02-24');
      assert.equal(cal.addWorkingDays('2026-02-13', 5), '2026-02-27');
      assert.equal(cal.addWorkingDays('2026-02-13', 6), '2026-02-28', 'Saturday 2-28 counts');
      assert.equal(cal.addWorkingDays('2026-02-13', 7), '2026-03-02');
      assert.equal(cal.workingDaysBetween('2026-02-13', '2026-03-02'), 7);
      assert.equal(cal.workingDaysBetween('2026-03-02', '2026-02-13'), -7);
      assert.equal(cal.addWorkingDays('2026-02-24', -2), '2026-02-13');
    });

    it('adds working days across National Day 2026 with 9-20 and 10-10 worked', () => {
      const cal = t.ctx.calendar;
      assert.equal(cal.isWorkingDay('2026-09-20'), true, 'Sunday 9-20 is worked');
      assert.equal(cal.isWorkingDay('2026-10-10'), true, 'Saturday 10-10 is worked');
      assert.equal(cal.isWorkingDay('2026-10-01'), false);
      assert.equal(cal.isWorkingDay('2026-10-07'), false);
      assert.equal(cal.isWorkingDay('2026-10-08'), true);
      // 15 working days from Fri 9-18: 9-20 (1), 9-21..24 (5), 9-28..30 (8),
      // 10-8, 10-9 (10), 10-10 (11), 10-12..15 (15). Mid-Autumn 9-25..27 is off.
      assert.equal(cal.addWorkingDays('2026-09-18', 15), '2026-10-15');
      assert.equal(cal.workingDaysBetween('2026-09-18', '2026-10-15'), 15);
      assert.equal(cal.workingDaysBetween('2026-09-30', '2026-10-07'), 0, 'the whole week off');
    });

    it('counts a moment by its date in Asia/Shanghai', () => {
      // 2026-02-13 17:00 UTC is already Saturday 2-14 01:00 in Shanghai.
      assert.equal(
        t.ctx.calendar.addWorkingDays(new Date('2026-02-13T17:00:00Z'), 1),
        '2026-02-24',
      );
    });

    it('keeps addWorkingDays and workingDaysBetween consistent over two years', () => {
      const cal = t.ctx.calendar;
      for (let d = Date.parse('2025-01-01'); d < Date.parse('2026-12-31'); d += 3 * 86_400_000) {
        const start = new Date(d).toISOString().slice(0, 10);
        for (const n of [1, 5, 15, 20]) {
          assert.equal(
            cal.workingDaysBetween(start, cal.addWorkingDays(start, n)),
            n,
            `${start} + ${n}`,
          );
        }
      }
    });

    it('lets an administrator add and remove a day, and rejects a malformed date', async () => {
      const cal = t.ctx.calendar;
      await cal.setDay('2026-12-31', false, '演示假日');
      assert.equal(cal.isWorkingDay('2026-12-31'), false);
      assert.equal(cal.addWorkingDays('2026-12-30', 1), '2027-01-01');
      await cal.removeDay('2026-12-31');
      assert.equal(cal.isWorkingDay('2026-12-31'), true);
      assert.throws(() => cal.addWorkingDays('2026-13-45', 1), /YYYY-MM-DD/);
      await assert.rejects(() => cal.setDay('not-a-day', true, 'x'), /YYYY-MM-DD/);
    });
  });
}
