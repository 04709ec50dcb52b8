// The outbox on each database, with the development sink (no gateway): a
// rolled-back transaction sends nothing, a repeated business event is one
// message, quiet hours and rate limits defer (never drop), an expired
// 'sending' lease is resent once and then dead, cancel and resend, and
// template overrides.
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { dialects } from '../../../test/helpers/databases.ts';
import { inTransaction } from '../../platform/database/index.ts';
import { dispatchDue } from './dispatch.ts';
import { DELIVER_JOB, enqueueMessage, listOutbox } from './outbox.ts';
import { cancelMessage, resendMessage } from './outbox-admin.ts';
import { saveTemplate } from './template-store.ts';
import {
  emptyOutbox,
  messageRow,
  messageRows,
  type NotifyTest,
  openNotifyTest,
} from './test-support/context.ts';

const ADMIN = { id: null, name: 'tester' };
const reminder = (to: string, n: number) => ({
  to,
  template: 'reminder.deadline' as const,
  params: { subject: `第${n}号申请`, deadline: '12月1日' },
});
const code = (to: string) => ({
  to,
  template: 'auth.sms_code' as const,
  params: { code: '123456', purpose: '登录' },
});

for (const dialect of dialects) {
  describe(`outbox [${dialect}]`, () => {
    let t: NotifyTest;
    before(async () => {
      t = await openNotifyTest(dialect, {
        YIMEN_NOTIFY_PER_RECIPIENT_HOUR: '3',
        YIMEN_NOTIFY_EMAIL_PER_MINUTE: '4',
      });
    });
    after(() => t.close());
    beforeEach(async () => {
      t.clock.set('2026-11-26T02:00:00.000Z'); // 10:00 in Beijing
      await emptyOutbox(t.ctx);
    });

    it('sends nothing for a transaction that rolled back', async () => {
      await assert.rejects(
        inTransaction(t.ctx.db, async (trx) => {
          await enqueueMessage(t.ctx, trx, reminder('13800000001', 1));
          throw new Error('the business change failed');
        }),
        /business change failed/,
      );
      assert.equal((await messageRows(t.ctx)).length, 0);
      assert.equal((await t.ctx.jobs.list({})).length, 0, 'no wake-up job either');
      const stats = await dispatchDue(t.ctx);
      assert.equal(stats.held + stats.sent, 0);
    });

    it('queues one message for a business event enqueued twice', async () => {
      const msg = { ...reminder('13800000002', 2), idempotencyKey: 'letter:42:deadline' };
      const first = await inTransaction(t.ctx.db, (trx) => enqueueMessage(t.ctx, trx, msg));
      const second = await inTransaction(t.ctx.db, (trx) => enqueueMessage(t.ctx, trx, msg));
      assert.equal(second, first, 'the second enqueue returns the first message');
      assert.equal((await messageRows(t.ctx)).length, 1);
      const jobs = await t.ctx.jobs.list({});
      assert.deepEqual(
        jobs.map((j) => j.name),
        [DELIVER_JOB],
      );
    });

    it('holds messages in the development sink when no gateway is configured', async () => {
      const id = await enqueueMessage(t.ctx, t.ctx.db.kysely, code('13800000003'));
      const stats = await dispatchDue(t.ctx);
      assert.equal(stats.held, 1);
      const row = await messageRow(t.ctx, id);
      assert.equal(row.status, 'held');
      assert.equal(row.attempts, 1);
      const [entry] = await listOutbox(t.ctx, { to: '+86 138-0000-0003' });
      assert.match(entry?.body ?? '', /验证码是123456/);
    });

    it('holds non-urgent messages through quiet hours; codes go at once', async () => {
      t.clock.set('2026-11-26T15:00:00.000Z'); // 23:00 in Beijing
      const codeId = await enqueueMessage(t.ctx, t.ctx.db.kysely, code('13800000004'));
      const laterId = await enqueueMessage(t.ctx, t.ctx.db.kysely, reminder('13800000004', 3));
      assert.equal((await messageRow(t.ctx, laterId)).next_attempt_at, '2026-11-27T00:00:00.000Z');
      const wake = await t.ctx.jobs.list({});
      assert.ok(
        wake.some((j) => j.run_at === '2026-11-27T00:00:00.000Z'),
        'a wake-up at 08:00',
      );
      await dispatchDue(t.ctx);
      assert.equal((await messageRow(t.ctx, codeId)).status, 'held');
      assert.equal((await messageRow(t.ctx, laterId)).status, 'pending');
      t.clock.set('2026-11-26T23:59:59.000Z');
      await dispatchDue(t.ctx);
      assert.equal((await messageRow(t.ctx, laterId)).status, 'pending', 'still 07:59:59');
      t.clock.set('2026-11-27T00:00:00.000Z');
      await dispatchDue(t.ctx);
      assert.equal((await messageRow(t.ctx, laterId)).status, 'held', 'goes at 08:00');
    });

    it('holds back a message that became due during quiet hours (a retry at night)', async () => {
      t.clock.set('2026-11-26T13:59:00.000Z'); // 21:59
      const id = await enqueueMessage(t.ctx, t.ctx.db.kysely, reminder('13800000005', 4));
      t.clock.set('2026-11-26T14:05:00.000Z'); // 22:05, before anything ran
      await dispatchDue(t.ctx);
      const row = await messageRow(t.ctx, id);
      assert.equal(row.status, 'pending');
      assert.equal(row.next_attempt_at, '2026-11-27T00:00:00.000Z');
    });

    it('defers non-urgent messages over the per-recipient limit for the hour, never urgent ones', async () => {
      const ids = [];
      for (let n = 0; n < 5; n++)
        ids.push(await enqueueMessage(t.ctx, t.ctx.db.kysely, reminder('13800000006', n)));
      const codeId = await enqueueMessage(t.ctx, t.ctx.db.kysely, code('13800000006'));
      const stats = await dispatchDue(t.ctx);
      assert.equal(stats.held, 4, 'three reminders and the code');
      assert.equal(stats.deferred, 2);
      assert.equal((await messageRow(t.ctx, codeId)).status, 'held');
      const waiting = (await messageRows(t.ctx)).filter((r) => r.status === 'pending');
      assert.equal(waiting.length, 2);
      for (const w of waiting) {
        assert.equal(w.next_attempt_at, '2026-11-26T03:00:00.001Z');
        assert.match(w.last_error ?? '', /每小时发送上限/);
      }
      t.clock.advance(30 * 60_000);
      assert.equal((await dispatchDue(t.ctx)).held, 0, 'not yet');
      t.clock.set('2026-11-26T03:00:01.000Z');
      assert.equal((await dispatchDue(t.ctx)).held, 2, 'after the hour');
    });

    it('defers messages over the per-channel limit per minute', async () => {
      for (let n = 0; n < 6; n++) {
        await enqueueMessage(t.ctx, t.ctx.db.kysely, {
          to: `user${n}@example.cn`,
          template: 'subscription.publication.email',
          params: {
            title: `第${n}号`,
            url: 'https://example.gov.cn/1',
            unsubscribe_url: 'https://example.gov.cn/u',
          },
        });
      }
      const first = await dispatchDue(t.ctx);
      assert.deepEqual([first.held, first.deferred], [4, 2]);
      t.clock.advance(61_000);
      const second = await dispatchDue(t.ctx);
      assert.deepEqual([second.held, second.deferred], [2, 0]);
    });

    it('resends once a message left in sending by a dead node, and stops at the second loss', async () => {
      const a = await enqueueMessage(t.ctx, t.ctx.db.kysely, code('13800000007'));
      const b = await enqueueMessage(t.ctx, t.ctx.db.kysely, code('13800000008'));
      const lost = {
        status: 'sending' as const,
        locked_by: 'dead-node',
        locked_until: '2026-11-26T01:59:00.000Z',
        attempts: 1,
      };
      await t.ctx.db.kysely.updateTable('outbox_message').set(lost).execute();
      await t.ctx.db.kysely
        .updateTable('outbox_message')
        .set({ resends: 1 })
        .where('id', '=', b)
        .execute();
      const stats = await dispatchDue(t.ctx);
      assert.deepEqual([stats.resent, stats.dead, stats.held], [1, 1, 1]);
      const ra = await messageRow(t.ctx, a);
      assert.deepEqual([ra.status, ra.resends], ['held', 1]);
      const rb = await messageRow(t.ctx, b);
      assert.equal(rb.status, 'dead');
      assert.match(rb.last_error ?? '', /两次在发送过程中中断/);
    });

    it('lets staff cancel a pending message and resend a finished one as a new message', async () => {
      const id = await enqueueMessage(t.ctx, t.ctx.db.kysely, reminder('13800000009', 9));
      await cancelMessage(t.ctx, id, ADMIN);
      assert.equal((await messageRow(t.ctx, id)).status, 'cancelled');
      await assert.rejects(cancelMessage(t.ctx, id, ADMIN), /不能取消/);
      assert.equal((await dispatchDue(t.ctx)).held, 0, 'a cancelled message is not sent');
      const copy = await resendMessage(t.ctx, id, ADMIN);
      const row = await messageRow(t.ctx, copy);
      assert.deepEqual([row.status, row.resend_of, row.attempts], ['pending', id, 0]);
      assert.equal((await dispatchDue(t.ctx)).held, 1);
      const pending = await resendMessage(t.ctx, copy, ADMIN);
      await assert.rejects(resendMessage(t.ctx, pending, ADMIN), /还在发送队列中/);
    });

    it('uses an edited template for new messages and refuses an edit that drops a variable', async () => {
      await saveTemplate(
        t.ctx,
        'reminder.deadline',
        { text: '【一门】请在{deadline}前办理{subject}。' },
        ADMIN,
      );
      const id = await enqueueMessage(t.ctx, t.ctx.db.kysely, reminder('13800000010', 10));
      const [entry] = await listOutbox(t.ctx, { to: '13800000010' });
      assert.equal(entry?.id, id);
      assert.equal(entry?.body, '【一门】请在12月1日前办理第10号申请。');
      await assert.rejects(
        saveTemplate(t.ctx, 'reminder.deadline', { text: '【一门】请及时办理。' }, ADMIN),
        (err: Error & { fields?: Record<string, string> }) =>
          /缺少必需的变量 \{subject\}/.test(err.fields?.text ?? ''),
      );
    });
  });
}
