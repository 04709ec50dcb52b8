// The reporter is told by e-mail through a real SMTP peer: the answer an
// editor records leaves the outbox, crosses SMTP and arrives with the lookup
// code, the outcome, the answer and the address of the status page.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { dispatchDue } from '../notify/dispatch.ts';
import { type SmtpPeer, startSmtpPeer } from '../notify/test-support/smtp-peer.ts';
import { closeTransports } from '../notify/transports.ts';
import { resolveReport, submitReport } from './feedback.ts';
import { dialects, type Harness, openHarness } from './test-support/harness.ts';

for (const dialect of dialects) {
  describe(`找错 answer by e-mail [${dialect}]`, () => {
    let peer: SmtpPeer;
    let h: Harness;
    before(async () => {
      peer = await startSmtpPeer();
      h = await openHarness(dialect, {
        YIMEN_SMTP_URL: peer.url,
        YIMEN_SMTP_FROM: '一门政务 <noreply@yimen.test>',
        YIMEN_SMTP_ALLOW_SELF_SIGNED: 'true',
        YIMEN_PUBLIC_URL: 'https://www.example.gov.cn',
      });
    });
    after(async () => {
      await closeTransports(h.ctx);
      await h.close();
      await peer.close();
    });

    it('delivers the answer to the address the reporter left', async () => {
      const editor = await h.staff('editor', 'site:tourism');
      const { id, code } = await submitReport(
        h.ctx,
        {
          pageUrl: 'https://www.example.gov.cn/tourism/',
          kind: 'wrong_info',
          description: '海龙屯景区的开放时间写错了，应为8:30开门。',
          contact: 'visitor@example.com',
        },
        { ip: '203.0.113.40' },
      );
      await resolveReport(h.ctx, editor, id, {
        outcome: 'fixed',
        answer: '开放时间已更正为8:30—17:30。',
      });
      const stats = await dispatchDue(h.ctx);
      assert.equal(stats.sent, 1);
      await peer.waitFor(1);
      const [mail] = peer.received;
      assert.deepEqual(mail?.to, ['visitor@example.com']);
      assert.match(mail?.parsed.subject ?? '', new RegExp(code));
      const text = mail?.parsed.text ?? '';
      assert.match(text, /已修正/);
      assert.match(text, /开放时间已更正为8:30—17:30。/);
      assert.ok(text.includes(`https://www.example.gov.cn/feedback/status?code=${code}`));
    });
  });
}
