// Subscriptions on each database: publishEvent matches channels, topics,
// issuers and queries inside the publishing transaction (rolled back: nothing;
// published twice: nothing new; one message per recipient), daily digests
// group a day's publications into one message, and ended subscriptions
// receive nothing more.
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { dialects } from '../../../test/helpers/databases.ts';
import { inTransaction } from '../../platform/database/index.ts';
import { piiCodec } from '../identity/pii.ts';
import { sendDigests } from './digest.ts';
import { listOutbox } from './outbox.ts';
import { type PublicationEvent, publishEvent } from './publish.ts';
import { type NewSubscription, subscribe } from './subscriptions.ts';
import {
  emptyOutbox,
  messageRows,
  type NotifyTest,
  openNotifyTest,
} from './test-support/context.ts';
import { unsubscribeAddress, unsubscribeById } from './unsubscribe.ts';

const org = (id: string) => ({ kind: 'organisation' as const, id });
const sub = (
  over: Partial<NewSubscription> & Pick<NewSubscription, 'address'>,
): NewSubscription => ({
  owner: org('hospital'),
  targetKind: 'topic',
  targetValue: '医疗卫生',
  channel: 'sms',
  frequency: 'immediate',
  ...over,
});

const policy = (n: number, over: Partial<PublicationEvent> = {}): PublicationEvent => ({
  id: `content:policy-${n}`,
  kind: 'publication',
  title: `关于调整城乡居民医保门诊报销比例的通知（第${n}号）`,
  url: `https://www.example.gov.cn/zcwj/${n}.html`,
  channel: 'zcwj',
  topics: ['医疗卫生', '社会保障'],
  issuer: '市卫生健康委员会',
  text: '为进一步减轻群众就医负担，提高医保门诊报销比例。',
  ...over,
});

for (const dialect of dialects) {
  describe(`subscriptions and publications [${dialect}]`, () => {
    let t: NotifyTest;
    before(async () => {
      t = await openNotifyTest(dialect);
    });
    after(() => t.close());
    beforeEach(async () => {
      t.clock.set('2026-11-26T02:00:00.000Z');
      await emptyOutbox(t.ctx);
      await t.ctx.db.kysely.deleteFrom('notify_digest_item').execute();
      await t.ctx.db.kysely.deleteFrom('notify_subscription').execute();
    });

    it('queues one message per matching recipient inside the publishing transaction', async () => {
      await subscribe(t.ctx, sub({ address: '13800000001' }));
      await subscribe(
        t.ctx,
        sub({ address: '13800000001', targetKind: 'issuer', targetValue: '市卫生健康委员会' }),
      );
      await subscribe(
        t.ctx,
        sub({
          owner: org('school'),
          channel: 'email',
          address: 'office@school.cn',
          targetKind: 'issuer',
          targetValue: '市卫生健康委员会',
        }),
      );
      await subscribe(
        t.ctx,
        sub({
          owner: org('firm'),
          channel: 'email',
          address: 'hr@firm.cn',
          targetKind: 'query',
          targetValue: '医保 报销',
        }),
      );
      await subscribe(
        t.ctx,
        sub({
          owner: org('firm2'),
          address: '13800000002',
          targetKind: 'query',
          targetValue: '公积金',
        }),
      );
      await subscribe(
        t.ctx,
        sub({ owner: org('kindergarten'), address: '13800000003', targetValue: '教育' }),
      );
      await subscribe(
        t.ctx,
        sub({
          owner: org('clinic'),
          address: '13800000004',
          targetKind: 'channel',
          targetValue: 'zcwj',
        }),
      );
      await subscribe(
        t.ctx,
        sub({
          owner: org('pharmacy'),
          channel: 'email',
          address: 'boss@pharmacy.cn',
          frequency: 'daily',
        }),
      );
      const result = await inTransaction(t.ctx.db, (trx) => publishEvent(t.ctx, trx, policy(1)));
      assert.deepEqual(result, { immediate: 4, digest: 1 });
      const out = await listOutbox(t.ctx);
      assert.deepEqual(out.map((m) => m.to).sort(), [
        '13800000001',
        '13800000004',
        'hr@firm.cn',
        'office@school.cn',
      ]);
      const sms = out.find((m) => m.to === '13800000001');
      assert.equal(
        sms?.body,
        '【一门】市卫生健康委员会发布《关于调整城乡居民医保门诊报销比例的通知（第1号）》，详见 https://www.example.gov.cn/zcwj/1.html 回复TD退订',
      );
      const mail = out.find((m) => m.to === 'hr@firm.cn');
      assert.match(
        mail?.body ?? '',
        /您订阅了“关键词：医保 报销”。退订请点击：http:\/\/127\.0\.0\.1:3000\/notify\/unsubscribe\//,
      );
      const rows = await messageRows(t.ctx);
      const email = rows.find((r) => r.channel === 'email' && r.email_enc);
      const parts = JSON.parse(
        piiCodec(t.ctx.config.secret).decrypt('outbox.email', email!.email_enc!),
      );
      assert.match(parts.unsubscribeUrl, /\/notify\/unsubscribe\/[0-9a-f-]{36}\./);
      assert.match(parts.html, /<a href="https:\/\/www\.example\.gov\.cn\/zcwj\/1\.html">/);
    });

    it('queues nothing for a rolled-back publication and nothing new when it is published again', async () => {
      await subscribe(t.ctx, sub({ address: '13800000005' }));
      await assert.rejects(
        inTransaction(t.ctx.db, async (trx) => {
          await publishEvent(t.ctx, trx, policy(2));
          throw new Error('publishing failed');
        }),
      );
      assert.equal((await messageRows(t.ctx)).length, 0);
      await inTransaction(t.ctx.db, (trx) => publishEvent(t.ctx, trx, policy(2)));
      await inTransaction(t.ctx.db, (trx) =>
        publishEvent(t.ctx, trx, policy(2, { title: '修订后的标题' })),
      );
      const rows = await messageRows(t.ctx);
      assert.equal(rows.length, 1, 'the same event twice is one message');
    });

    it('groups a day of publications into one digest per subscription, once', async () => {
      await subscribe(
        t.ctx,
        sub({ channel: 'email', address: 'daily@school.cn', frequency: 'daily' }),
      );
      await subscribe(
        t.ctx,
        sub({ owner: org('clinic'), address: '13800000006', frequency: 'daily' }),
      );
      for (const n of [11, 12, 13])
        await inTransaction(t.ctx.db, (trx) => publishEvent(t.ctx, trx, policy(n)));
      await inTransaction(t.ctx.db, (trx) => publishEvent(t.ctx, trx, policy(12)));
      assert.equal((await messageRows(t.ctx)).length, 0, 'nothing goes before the digest');
      t.clock.set('2026-11-27T00:00:00.000Z');
      assert.equal(await sendDigests(t.ctx), 2);
      assert.equal(await sendDigests(t.ctx), 0, 'a second run sends nothing');
      const out = await listOutbox(t.ctx);
      assert.equal(out.length, 2);
      const mail = out.find((m) => m.channel === 'email');
      assert.match(mail?.body ?? '', /^11月27日您订阅的内容有3篇新发布/);
      for (const n of [11, 12, 13])
        assert.ok(mail?.body.includes(`（第${n}号）》（市卫生健康委员会）`), `item ${n}`);
      const sms = out.find((m) => m.channel === 'sms');
      assert.equal(
        sms?.body,
        '【一门】11月27日新发布3篇，包括《关于调整城乡居民医保门诊报销比例的通知（第11号）》等，详见 http://127.0.0.1:3000/ 回复TD退订',
      );
      await inTransaction(t.ctx.db, (trx) => publishEvent(t.ctx, trx, policy(14)));
      assert.equal(await sendDigests(t.ctx), 2, 'the next day’s digest has the new one');
      assert.equal((await messageRows(t.ctx)).length, 4);
    });

    it('sends nothing more to an ended subscription, and drops its open digest items', async () => {
      const a = await subscribe(t.ctx, sub({ address: '13800000007' }));
      const b = await subscribe(
        t.ctx,
        sub({ channel: 'email', address: 'x@school.cn', frequency: 'daily' }),
      );
      await subscribe(
        t.ctx,
        sub({
          owner: org('other'),
          channel: 'email',
          address: 'x@school.cn',
          targetKind: 'issuer',
          targetValue: '市卫生健康委员会',
          frequency: 'daily',
        }),
      );
      await inTransaction(t.ctx.db, (trx) => publishEvent(t.ctx, trx, policy(21)));
      assert.equal(await unsubscribeById(t.ctx, a, 'link'), 1);
      assert.equal(
        await unsubscribeById(t.ctx, b, 'link', true),
        2,
        'every subscription of that address',
      );
      assert.equal(await sendDigests(t.ctx), 0);
      await inTransaction(t.ctx.db, (trx) => publishEvent(t.ctx, trx, policy(22)));
      assert.equal(
        (await messageRows(t.ctx)).filter((r) =>
          r.idempotency_key?.startsWith('pub:content:policy-22'),
        ).length,
        0,
      );
      const again = await subscribe(t.ctx, sub({ address: '13800000007' }));
      assert.equal(again, a, 'subscribing again renews the same subscription');
      assert.equal(await unsubscribeAddress(t.ctx, 'sms', '+8613800000007', 'sms-reply'), 1);
    });

    it('refuses a bad address or an empty target in Chinese', async () => {
      await assert.rejects(
        subscribe(t.ctx, sub({ address: '12345' })),
        (err: Error & { fields?: Record<string, string> }) =>
          /手机号码格式不正确/.test(err.fields?.address ?? ''),
      );
      await assert.rejects(
        subscribe(t.ctx, sub({ channel: 'email', address: 'not-an-email', targetValue: ' ' })),
        (err: Error & { fields?: Record<string, string> }) =>
          /电子邮件地址格式不正确/.test(err.fields?.address ?? '') &&
          /请填写订阅的内容/.test(err.fields?.targetValue ?? ''),
      );
    });
  });
}
