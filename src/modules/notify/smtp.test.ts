// Email through a real SMTP peer: the `smtp-server` package on 127.0.0.1
// (test-support/smtp-peer.ts), read back with mailparser. Both bodies and the
// one-click unsubscribe headers arrive over STARTTLS; a 451 on the first RCPT
// is retried with backoff and delivered once; a 550 is a bounce, not retried;
// the relay's self-signed certificate is refused unless configured.
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { dialects } from '../../../test/helpers/databases.ts';
import { dispatchDue } from './dispatch.ts';
import { enqueueMessage, type OutgoingMessage } from './outbox.ts';
import {
  emptyOutbox,
  messageRow,
  type NotifyTest,
  openNotifyTest,
} from './test-support/context.ts';
import { type SmtpPeer, startSmtpPeer } from './test-support/smtp-peer.ts';

const UNSUB =
  'https://www.example.gov.cn/notify/unsubscribe/0190c6a2-0000-7000-8000-000000000001.abc';

const publication = (to: string, title: string): OutgoingMessage => ({
  to,
  template: 'subscription.publication.email',
  params: {
    title,
    issuer: '市卫生健康委员会',
    url: 'https://www.example.gov.cn/zcwj/2026/1126.html',
    target: '政策主题：医疗卫生',
    summary: '为进一步减轻群众就医负担，现就有关事项通知如下。',
    unsubscribe_url: UNSUB,
  },
  unsubscribeUrl: UNSUB,
});

for (const dialect of dialects) {
  describe(`email over SMTP to a local relay [${dialect}]`, () => {
    let peer: SmtpPeer;
    let t: NotifyTest;
    const env = (p: SmtpPeer, selfSigned: boolean) => ({
      YIMEN_SMTP_URL: p.url,
      YIMEN_SMTP_FROM: '一门政务 <noreply@yimen.test>',
      YIMEN_SMTP_ALLOW_SELF_SIGNED: String(selfSigned),
    });
    before(async () => {
      peer = await startSmtpPeer();
      t = await openNotifyTest(dialect, env(peer, true));
    });
    after(async () => {
      await t.close();
      await peer.close();
    });
    beforeEach(async () => {
      t.clock.set('2026-11-26T02:00:00.000Z');
      await emptyOutbox(t.ctx);
      peer.received.length = 0;
      peer.rcptAttempts.clear();
    });

    it('delivers text and HTML bodies with the List-Unsubscribe headers, over STARTTLS', async () => {
      const id = await enqueueMessage(
        t.ctx,
        t.ctx.db.kysely,
        publication('director@hospital.cn', '关于调整医保报销比例的通知'),
      );
      const stats = await dispatchDue(t.ctx);
      assert.equal(stats.sent, 1);
      await peer.waitFor(1);
      const [mail] = peer.received;
      assert.ok(mail?.secure, 'upgraded with STARTTLS before sending');
      assert.deepEqual(mail?.to, ['director@hospital.cn']);
      assert.equal(mail?.parsed.subject, '新发布：关于调整医保报销比例的通知');
      assert.match(
        mail?.parsed.text ?? '',
        /阅读全文：https:\/\/www\.example\.gov\.cn\/zcwj\/2026\/1126\.html/,
      );
      const html = String(mail?.parsed.html);
      assert.match(html, /<a href="https:\/\/www\.example\.gov\.cn\/zcwj\/2026\/1126\.html">/);
      assert.match(html, /关于调整医保报销比例的通知/);
      const headers = (mail?.raw ?? '').split('\r\n\r\n')[0]!.replace(/\r\n[ \t]+/g, ' ');
      assert.ok(headers.includes(`List-Unsubscribe: <${UNSUB}>`), headers);
      assert.ok(headers.includes('List-Unsubscribe-Post: List-Unsubscribe=One-Click'));
      const row = await messageRow(t.ctx, id);
      assert.equal(row.status, 'sent');
      assert.equal(row.provider_message_id, `<${id}@yimen.test>`);
      assert.equal(mail?.parsed.messageId, `<${id}@yimen.test>`);
    });

    it('retries a 451 on the first RCPT with backoff and delivers once', async () => {
      peer.refuse('greylisted@school.cn', 451, 1);
      const id = await enqueueMessage(
        t.ctx,
        t.ctx.db.kysely,
        publication('greylisted@school.cn', '灰名单'),
      );
      const first = await dispatchDue(t.ctx);
      assert.equal(first.retried, 1);
      const waiting = await messageRow(t.ctx, id);
      assert.equal(waiting.status, 'pending');
      assert.equal(waiting.bounce_code, null, 'not a bounce');
      assert.ok(
        String(waiting.next_attempt_at) >= '2026-11-26T02:00:48',
        'backoff of about a minute',
      );
      assert.equal((await dispatchDue(t.ctx)).sent, 0, 'not before the backoff');
      t.clock.advance(5 * 60_000);
      assert.equal((await dispatchDue(t.ctx)).sent, 1);
      await peer.waitFor(1);
      assert.equal(peer.received.filter((m) => m.to.includes('greylisted@school.cn')).length, 1);
      assert.equal(peer.rcptAttempts.get('greylisted@school.cn'), 2);
      assert.equal((await messageRow(t.ctx, id)).attempts, 2);
    });

    it('records a 550 as a bounce and does not retry it', async () => {
      peer.refuse('nobody@school.cn', 550, Number.POSITIVE_INFINITY);
      const id = await enqueueMessage(
        t.ctx,
        t.ctx.db.kysely,
        publication('nobody@school.cn', '退信'),
      );
      const stats = await dispatchDue(t.ctx);
      assert.equal(stats.failed, 1);
      const row = await messageRow(t.ctx, id);
      assert.deepEqual([row.status, row.bounce_code], ['failed', '550']);
      assert.match(row.bounce_reason ?? '', /Mailbox unavailable/);
      t.clock.advance(60 * 60_000);
      await dispatchDue(t.ctx);
      assert.equal(peer.rcptAttempts.get('nobody@school.cn'), 1, 'never tried again');
      assert.equal(peer.received.length, 0);
    });

    it('refuses the relay’s self-signed certificate unless that is configured', async () => {
      const strict = await openNotifyTest(dialect, env(peer, false));
      try {
        const id = await enqueueMessage(
          strict.ctx,
          strict.ctx.db.kysely,
          publication('x@school.cn', '证书'),
        );
        const stats = await dispatchDue(strict.ctx);
        assert.equal(stats.retried, 1);
        const row = await messageRow(strict.ctx, id);
        assert.equal(row.status, 'pending');
        assert.match(row.last_error ?? '', /certificate/i);
        assert.equal(peer.received.length, 0);
      } finally {
        await strict.close();
      }
    });
  });
}
