// Pure pieces of notifications, no database: template checks and rendering,
// UCS-2 splitting with UDH, receipt parsing, quiet hours, unsubscribe tokens,
// query matching and SMTP error classification.
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { loadConfig } from '../../platform/config.ts';
import { isUnsubscribeReply } from './inbound.ts';
import { quietUntil } from './policy.ts';
import { matchesQuery } from './publish.ts';
import { render } from './render.ts';
import { decodeUcs2, encodeSms, readConcat, referenceFor } from './smpp/encoding.ts';
import { isDeliveryReceipt, parseReceipt } from './smpp/receipts.ts';
import { classifySmtpError } from './smtp.ts';
import { checkTemplate } from './templates.ts';
import { unsubscribeToken, verifyUnsubscribeToken } from './unsubscribe.ts';

const SECRET = 'unit-secret-unit-secret-unit-secret-0123';
const DATA_DIR = mkdtempSync(join(tmpdir(), 'yimen-notify-unit-'));

describe('templates', () => {
  it('accepts the defaults and refuses unknown, missing and stray variables in Chinese', () => {
    assert.equal(
      checkTemplate('auth.sms_code', { text: '验证码{code}，用于{purpose}' }),
      undefined,
    );
    const unknown = checkTemplate('auth.sms_code', { text: '验证码{code}，{name}您好' });
    assert.match(unknown?.text ?? '', /变量 \{name\} 不存在，可用的变量有：\{code\}、\{purpose\}/);
    const missing = checkTemplate('auth.sms_code', { text: '您的验证码已发送' });
    assert.match(missing?.text ?? '', /缺少必需的变量 \{code\}/);
    const stray = checkTemplate('auth.sms_code', { text: '验证码{code}}' });
    assert.match(stray?.text ?? '', /不成对的花括号/);
    const email = checkTemplate('subscription.publication.email', {
      subject: '',
      text: '{title} {url} {unsubscribe_url}',
    });
    assert.match(email?.subject ?? '', /邮件标题不能为空/);
    const noUnsub = checkTemplate('subscription.publication.email', {
      subject: '{title}',
      text: '{title} {url}',
    });
    assert.match(noUnsub?.text ?? '', /缺少必需的变量 \{unsubscribe_url\}/);
  });

  it('renders text and an escaped HTML part with links from the same template', () => {
    const r = render('subscription.publication.email', {
      title: '关于<医疗>保障的通知',
      issuer: '市卫健委',
      url: 'https://www.example.gov.cn/zc/1',
      target: '主题“医疗”',
      summary: '摘要 & 说明',
      unsubscribe_url: 'https://www.example.gov.cn/notify/unsubscribe/x.y',
    });
    assert.equal(r.subject, '新发布：关于<医疗>保障的通知');
    assert.ok(r.text.includes('阅读全文：https://www.example.gov.cn/zc/1'));
    assert.ok(r.html?.includes('关于&lt;医疗&gt;保障的通知'));
    assert.ok(r.html?.includes('摘要 &amp; 说明'));
    assert.ok(r.html?.includes('<a href="https://www.example.gov.cn/zc/1">'));
    assert.ok(!r.html?.includes('<医疗>'));
    assert.throws(() => render('auth.sms_code', { purpose: '登录' }), /needs the variable "code"/);
  });
});

describe('SMS encoding', () => {
  it('sends up to 70 UCS-2 characters as one part without a header', () => {
    const parts = encodeSms('验'.repeat(70), 7);
    assert.equal(parts.length, 1);
    assert.equal(parts[0]!.esmClass, 0);
    assert.equal(decodeUcs2(parts[0]!.shortMessage), '验'.repeat(70));
  });

  it('splits longer text into 67-character parts with a concatenation UDH, never inside a surrogate pair', () => {
    const text = `${'政'.repeat(66)}😀${'策'.repeat(80)}`;
    const ref = referenceFor('0190-abc');
    const parts = encodeSms(text, ref);
    assert.equal(parts.length, 3);
    const joined = parts
      .map((p) => {
        assert.equal(p.esmClass, 0x40);
        assert.ok(p.shortMessage.length <= 140);
        const { info, body } = readConcat(p.shortMessage);
        assert.deepEqual(info, { reference: ref, total: 3, part: p.part });
        return decodeUcs2(body);
      })
      .join('');
    assert.equal(joined, text);
    assert.equal(
      decodeUcs2(readConcat(parts[0]!.shortMessage).body).length,
      66,
      'the emoji moved to part 2',
    );
  });
});

describe('delivery receipts', () => {
  it('parses the SMPP 3.4 appendix B text, preferring the TLVs', () => {
    const text =
      'id:1234 sub:001 dlvr:001 submit date:2611261400 done date:2611261405 stat:UNDELIV err:012 text:';
    const r = parseReceipt(text);
    assert.equal(r?.providerId, '1234');
    assert.equal(r?.state, 'UNDELIV');
    assert.equal(r?.errorCode, '012');
    assert.equal(r?.doneAt?.toISOString(), '2026-11-26T06:05:00.000Z');
    assert.equal(
      parseReceipt(text, { receiptedMessageId: '4d2', messageState: 2 })?.state,
      'DELIVRD',
    );
    assert.equal(parseReceipt('hello'), undefined);
    assert.ok(isDeliveryReceipt(0x04));
    assert.ok(!isDeliveryReceipt(0x00));
    assert.ok(!isDeliveryReceipt(0x40));
  });

  it('reads TD, td, full-width ＴＤ and 退订 as unsubscribe replies', () => {
    for (const t of ['TD', 'td', ' ＴＤ ', '退订']) assert.ok(isUnsubscribeReply(t), t);
    assert.ok(!isUnsubscribeReply('谢谢'));
  });
});

describe('quiet hours', () => {
  const hours = { start: 22 * 60, end: 8 * 60 };
  it('holds until 08:00 Beijing time across midnight, and not outside', () => {
    assert.equal(
      quietUntil(hours, new Date('2026-11-26T14:30:00Z'))?.toISOString(),
      '2026-11-27T00:00:00.000Z',
    );
    assert.equal(
      quietUntil(hours, new Date('2026-11-26T23:59:00Z'))?.toISOString(),
      '2026-11-27T00:00:00.000Z',
    );
    assert.equal(
      quietUntil(hours, new Date('2026-11-27T00:00:00Z')),
      undefined,
      '08:00 is not quiet',
    );
    assert.equal(
      quietUntil(hours, new Date('2026-11-26T13:59:59Z')),
      undefined,
      '21:59 is not quiet',
    );
    assert.equal(quietUntil(undefined, new Date('2026-11-26T15:00:00Z')), undefined);
  });

  it('is configured as HH:MM-HH:MM or off, and refuses nonsense', () => {
    const cfg = (v: string) =>
      loadConfig({
        YIMEN_SECRET: SECRET,
        YIMEN_NOTIFY_QUIET_HOURS: v,
        YIMEN_DATA_DIR: DATA_DIR,
      }).notify;
    assert.deepEqual(cfg('21:30-07:00').quietHours, { start: 21 * 60 + 30, end: 7 * 60 });
    assert.equal(cfg('off').quietHours, undefined);
    assert.throws(() => cfg('late'), /YIMEN_NOTIFY_QUIET_HOURS must be HH:MM-HH:MM/);
  });
});

describe('gateway configuration', () => {
  const load = (env: Record<string, string>) =>
    loadConfig({ YIMEN_SECRET: SECRET, YIMEN_DATA_DIR: DATA_DIR, ...env });
  it('takes smpp:// and smtp(s):// URLs and never logs their passwords', async () => {
    const { describeConfig } = await import('../../platform/config.ts');
    const c = load({
      YIMEN_SMPP_URL: 'smpp://yimen:smpp-pw@smsc.example:2775',
      YIMEN_SMTP_URL: 'smtps://mailer:mail-pw@mail.example:465',
      YIMEN_SMTP_FROM: '一门 <noreply@example.gov.cn>',
    });
    assert.equal(c.notify.smppUrl, 'smpp://yimen:smpp-pw@smsc.example:2775');
    const shown = JSON.stringify(describeConfig(c));
    assert.ok(!shown.includes('smpp-pw') && !shown.includes('mail-pw'));
    assert.throws(() => load({ YIMEN_SMPP_URL: 'http://x' }), /YIMEN_SMPP_URL must look like/);
    assert.throws(() => load({ YIMEN_SMPP_URL: 'smpp://host:2775' }), /must carry the system_id/);
    assert.throws(() => load({ YIMEN_SMTP_URL: 'smtp://host:25' }), /YIMEN_SMTP_FROM must be/);
  });
});

describe('unsubscribe tokens and query matching', () => {
  it('verifies its own tokens and refuses altered ones', () => {
    const id = '0190c6a2-1111-7000-8000-000000000001';
    const token = unsubscribeToken(SECRET, id);
    assert.equal(verifyUnsubscribeToken(SECRET, token), id);
    assert.equal(verifyUnsubscribeToken(`${SECRET}x`, token), undefined);
    const other = '0190c6a2-1111-7000-8000-000000000002';
    assert.equal(verifyUnsubscribeToken(SECRET, `${other}.${token.split('.')[1]}`), undefined);
    assert.equal(verifyUnsubscribeToken(SECRET, 'garbage'), undefined);
  });

  it('matches a query when every word occurs, case- and width-insensitively', () => {
    assert.ok(matchesQuery('医保 报销', '关于调整城乡居民医保门诊报销比例的通知'));
    assert.ok(matchesQuery('ＡＢＣ', 'abc 政策'));
    assert.ok(!matchesQuery('医保 公积金', '关于调整城乡居民医保门诊报销比例的通知'));
  });
});

describe('SMTP error classification', () => {
  it('treats a 5xx for the recipient as a bounce and 4xx or connection errors as temporary', () => {
    assert.equal(
      classifySmtpError({ code: 'EENVELOPE', responseCode: 550, message: 'x' }).permanent,
      true,
    );
    assert.equal(
      classifySmtpError({ code: 'EENVELOPE', responseCode: 451, message: 'x' }).permanent,
      false,
    );
    assert.equal(
      classifySmtpError({ code: 'EAUTH', responseCode: 535, message: 'x' }).permanent,
      false,
    );
    assert.equal(classifySmtpError({ code: 'ECONNECTION', message: 'refused' }).permanent, false);
  });
});
