// SMS through a real SMPP peer: an SMSC built with the `smpp` package on
// 127.0.0.1 (test-support/smsc.ts). Bind, submit in UCS-2, a long Chinese
// message reassembled from its UDH parts, delivery receipts recorded (also one
// that overtakes its submit_sm_resp), the SMSC dropping the connection
// mid-batch (nothing lost, nothing sent twice), throttling retried, a
// permanent refusal recorded, and TD replies ending subscriptions.
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { dialects } from '../../../test/helpers/databases.ts';
import { dispatchDue } from './dispatch.ts';
import { enqueueMessage } from './outbox.ts';
import { subscribe } from './subscriptions.ts';
import {
  emptyOutbox,
  messageRow,
  messageRows,
  type NotifyTest,
  openNotifyTest,
} from './test-support/context.ts';
import { type Smsc, startSmsc } from './test-support/smsc.ts';

const reminder = (to: string, subject: string) => ({
  to,
  template: 'reminder.deadline' as const,
  params: { subject, deadline: '12月1日' },
});

/** Run the dispatcher, moving the clock past any backoff, until nothing is left to send. */
async function drain(t: NotifyTest, rounds = 8): Promise<void> {
  for (let i = 0; i < rounds; i++) {
    await dispatchDue(t.ctx);
    const left = (await messageRows(t.ctx)).filter((r) => r.status === 'pending').length;
    if (left === 0) return;
    t.clock.advance(10 * 60_000);
  }
}

for (const dialect of dialects) {
  describe(`SMS over SMPP to a local SMSC [${dialect}]`, () => {
    let smsc: Smsc;
    let t: NotifyTest;
    before(async () => {
      smsc = await startSmsc();
      t = await openNotifyTest(dialect, {
        YIMEN_SMPP_URL: smsc.url,
        YIMEN_SMPP_SOURCE: '106900',
        YIMEN_SMPP_TPS: '1000',
      });
    });
    after(async () => {
      await t.close();
      await smsc.close();
    });
    beforeEach(async () => {
      t.clock.set('2026-11-26T02:00:00.000Z');
      await emptyOutbox(t.ctx);
      smsc.submits.length = 0;
      smsc.received.length = 0;
      smsc.hooks.onSubmit = undefined;
    });

    it('binds, submits a code in UCS-2 and records its delivery receipt', async () => {
      const id = await enqueueMessage(t.ctx, t.ctx.db.kysely, {
        to: '+86 138 0000 0001',
        template: 'auth.sms_code',
        params: { code: '246810', purpose: '登录' },
      });
      const stats = await dispatchDue(t.ctx);
      assert.equal(stats.sent, 1);
      assert.ok(smsc.binds >= 1);
      const [submit] = smsc.submits;
      assert.equal(submit?.destination, '13800000001');
      assert.equal(submit?.source, '106900');
      assert.equal(submit?.dataCoding, 8, 'UCS-2');
      assert.equal(
        submit?.text,
        '【一门】您的验证码是246810，用于登录，10分钟内有效。请勿泄露给他人。',
      );
      const sent = await messageRow(t.ctx, id);
      assert.deepEqual([sent.status, sent.provider_message_id], ['sent', submit?.messageId]);
      assert.equal(await smsc.sendReceipt(submit!.messageId), 0, 'deliver_sm_resp OK');
      const delivered = await messageRow(t.ctx, id);
      assert.equal(delivered.delivery_status, 'DELIVRD');
      assert.equal(delivered.delivered_at, '2026-11-26T02:01:00.000Z', 'done date in Beijing time');
    });

    it('splits a long Chinese message into UDH parts that reassemble to the original', async () => {
      const subject = `关于进一步优化营商环境、降低制度性交易成本的若干措施（${'第一条至第三十条实施细则'.repeat(8)}）`;
      const id = await enqueueMessage(t.ctx, t.ctx.db.kysely, reminder('13800000002', subject));
      await dispatchDue(t.ctx);
      const body = `【一门】提醒：${subject}将于12月1日到期，请及时办理。`;
      assert.ok(body.length > 134, 'needs three parts');
      assert.equal(smsc.submits.length, Math.ceil(body.length / 67));
      for (const s of smsc.submits) {
        assert.equal(s.esmClass & 0x40, 0x40, 'UDHI set');
        assert.equal(s.concat?.[1], smsc.submits.length);
      }
      assert.deepEqual(smsc.messages(), [body]);
      const refs = await t.ctx.db.kysely
        .selectFrom('outbox_provider_ref')
        .selectAll()
        .where('message_id', '=', id)
        .execute();
      assert.equal(refs.length, smsc.submits.length);
      // A failed part stays failed even if another part is delivered afterwards.
      await smsc.sendReceipt(smsc.submits[1]!.messageId, 'UNDELIV', '012');
      await smsc.sendReceipt(smsc.submits[0]!.messageId, 'DELIVRD');
      const row = await messageRow(t.ctx, id);
      assert.deepEqual([row.delivery_status, row.bounce_code], ['UNDELIV', 'sms:012']);
    });

    it('matches a receipt that arrives before the submit response', async () => {
      smsc.hooks.onSubmit = (s) => {
        void smsc.sendReceipt(s.messageId, 'DELIVRD');
      };
      const id = await enqueueMessage(
        t.ctx,
        t.ctx.db.kysely,
        reminder('13800000003', '早到的回执'),
      );
      await dispatchDue(t.ctx);
      const row = await messageRow(t.ctx, id);
      assert.equal(row.status, 'sent');
      assert.equal(row.delivery_status, 'DELIVRD');
    });

    it('loses nothing and sends nothing twice when the SMSC drops the connection mid-batch', async () => {
      const markers = Array.from({ length: 12 }, (_, i) => `批次${String(i).padStart(2, '0')}号`);
      for (const [i, m] of markers.entries()) {
        await enqueueMessage(
          t.ctx,
          t.ctx.db.kysely,
          reminder(`1390000${String(i).padStart(4, '0')}`, m),
        );
      }
      const bindsBefore = smsc.binds;
      smsc.dropAfter(5);
      await drain(t);
      assert.ok(smsc.binds > bindsBefore, 'the client bound again after the drop');
      for (const m of markers)
        assert.equal(smsc.countContaining(m), 1, `${m} accepted exactly once`);
      const rows = await messageRows(t.ctx);
      assert.deepEqual([...new Set(rows.map((r) => r.status))], ['sent']);
    });

    it('retries a throttled submit (ESME_RTHROTTLED) with backoff and delivers it once', async () => {
      smsc.refuseNext(0x58);
      const id = await enqueueMessage(t.ctx, t.ctx.db.kysely, reminder('13800000004', '限流重试'));
      const first = await dispatchDue(t.ctx);
      assert.equal(first.retried, 1);
      const waiting = await messageRow(t.ctx, id);
      assert.equal(waiting.status, 'pending');
      assert.match(waiting.last_error ?? '', /0x0058/);
      assert.ok(String(waiting.next_attempt_at) > '2026-11-26T02:00:07', 'backoff of about 10 s');
      t.clock.advance(60_000);
      await dispatchDue(t.ctx);
      assert.equal((await messageRow(t.ctx, id)).status, 'sent');
      assert.equal(smsc.countContaining('限流重试'), 1);
      assert.equal(
        smsc.received.filter((s) => s.text.includes('限流重试')).length,
        2,
        'tried twice',
      );
    });

    it('records a permanent refusal (invalid destination) as failed, without retrying', async () => {
      smsc.refuseNext(0x0b);
      const id = await enqueueMessage(t.ctx, t.ctx.db.kysely, reminder('13800000005', '无效号码'));
      const stats = await dispatchDue(t.ctx);
      assert.equal(stats.failed, 1);
      const row = await messageRow(t.ctx, id);
      assert.deepEqual([row.status, row.bounce_code], ['failed', '0x000b']);
    });

    it('ends every SMS subscription of a phone that replies TD, and nothing else', async () => {
      const owner = { kind: 'organisation' as const, id: 'hospital-1' };
      const base = {
        owner,
        channel: 'sms' as const,
        address: '13800000099',
        frequency: 'immediate' as const,
      };
      await subscribe(t.ctx, { ...base, targetKind: 'topic', targetValue: '医疗卫生' });
      await subscribe(t.ctx, { ...base, targetKind: 'issuer', targetValue: '市卫生健康委员会' });
      await subscribe(t.ctx, {
        ...base,
        channel: 'email',
        address: 'office@hospital.cn',
        targetKind: 'topic',
        targetValue: '医疗卫生',
      });
      await enqueueMessage(t.ctx, t.ctx.db.kysely, reminder('13800000006', '保持连接'));
      await dispatchDue(t.ctx); // binds
      assert.equal(await smsc.sendReply('8613800000099', 'TD'), 0);
      const subs = await t.ctx.db.kysely
        .selectFrom('notify_subscription')
        .selectAll()
        .orderBy('channel')
        .execute();
      assert.deepEqual(
        subs.map((s) => [s.channel, s.status, s.unsubscribed_via]),
        [
          ['email', 'active', null],
          ['sms', 'unsubscribed', 'sms-reply'],
          ['sms', 'unsubscribed', 'sms-reply'],
        ],
      );
      await t.ctx.db.kysely.deleteFrom('notify_subscription').execute();
    });
  });
}
