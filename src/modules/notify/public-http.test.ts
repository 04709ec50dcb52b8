// The public notification pages over HTTP on each database: unsubscribe
// links (GET changes nothing; POST and the RFC 8058 one-click POST end the
// subscription) and a signed-in member's own subscriptions.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { dialects } from '../../../test/helpers/databases.ts';
import { buildApp } from '../../platform/http/app.ts';
import { insertAccount } from '../identity/accounts.ts';
import { createSession, SESSION_COOKIE } from '../identity/sessions.ts';
import { subscribe } from './subscriptions.ts';
import { type NotifyTest, openNotifyTest } from './test-support/context.ts';
import { client, csrf, FORM } from './test-support/http.ts';
import { unsubscribeToken } from './unsubscribe.ts';

for (const dialect of dialects) {
  describe(`public notification pages [${dialect}]`, () => {
    let t: NotifyTest;
    let app: FastifyInstance;
    before(async () => {
      t = await openNotifyTest(dialect);
      app = (await buildApp(t.ctx)).app;
    });
    after(async () => {
      await app.close();
      await t.close();
    });

    it('shows the unsubscribe page without changing anything; POST and one-click POST unsubscribe', async () => {
      const owner = { kind: 'organisation' as const, id: 'school-1' };
      const base = {
        owner,
        channel: 'email' as const,
        address: 'office@school.cn',
        frequency: 'immediate' as const,
      };
      const a = await subscribe(t.ctx, { ...base, targetKind: 'topic', targetValue: '教育' });
      const b = await subscribe(t.ctx, { ...base, targetKind: 'issuer', targetValue: '市教育局' });
      const c = await subscribe(t.ctx, {
        ...base,
        owner: { kind: 'organisation', id: 'school-2' },
        address: 'head@school.cn',
        targetKind: 'topic',
        targetValue: '教育',
      });
      const status = async (id: string) =>
        (
          await t.ctx.db.kysely
            .selectFrom('notify_subscription')
            .select('status')
            .where('id', '=', id)
            .executeTakeFirstOrThrow()
        ).status;
      const url = (id: string) =>
        `/notify/unsubscribe/${unsubscribeToken(t.ctx.config.secret, id)}`;
      const page = await app.inject({ method: 'GET', url: url(a) });
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /确认退订/);
      assert.match(page.body, /o\*\*\*@school\.cn/);
      assert.equal(await status(a), 'active', 'GET changed nothing');
      const oneClick = await app.inject({
        method: 'POST',
        url: url(a),
        headers: { 'content-type': FORM, 'sec-fetch-site': 'cross-site' },
        payload: 'List-Unsubscribe=One-Click',
      });
      assert.equal(oneClick.statusCode, 200);
      assert.deepEqual([await status(a), await status(b)], ['unsubscribed', 'active']);
      const boundary = 'yimen-boundary';
      const multipart = await app.inject({
        method: 'POST',
        url: url(c),
        headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
        payload: `--${boundary}\r\nContent-Disposition: form-data; name="List-Unsubscribe"\r\n\r\nOne-Click\r\n--${boundary}--\r\n`,
      });
      assert.equal(multipart.statusCode, 200);
      assert.equal(await status(c), 'unsubscribed');
      const all = await app.inject({
        method: 'POST',
        url: url(b),
        headers: { 'content-type': FORM },
        payload: 'all=1',
      });
      assert.ok(all.body.includes('已退订'));
      assert.equal(await status(b), 'unsubscribed');
      const forged = await app.inject({
        method: 'GET',
        url: `/notify/unsubscribe/${a}.AAAAAAAAAAAAAAAAAAAAAA`,
      });
      assert.equal(forged.statusCode, 404);
    });

    it('lets a signed-in member add and end their own subscriptions', async () => {
      const member = await insertAccount(t.ctx, t.ctx.db.kysely, {
        kind: 'citizen',
        displayName: '张三',
        phone: '13700000001',
      });
      const cookie = `${SESSION_COOKIE}=${await createSession(t.ctx, member, client)}`;
      const pair = await csrf(app, cookie, '/account/subscriptions');
      const add = await app.inject({
        method: 'POST',
        url: '/account/subscriptions',
        headers: { cookie: pair.cookie, 'content-type': FORM },
        payload: new URLSearchParams({
          _csrf: pair.token,
          target_kind: 'topic',
          target_value: '社会保障',
          channel: 'sms',
          frequency: 'daily',
        }).toString(),
      });
      assert.equal(add.statusCode, 303, add.body);
      const page = await app.inject({
        method: 'GET',
        url: '/account/subscriptions',
        headers: { cookie },
      });
      assert.match(page.body, /政策主题：社会保障/);
      assert.match(page.body, /137\*\*\*\*0001/);
      assert.match(page.body, /每日摘要/);
      const badEmail = await app.inject({
        method: 'POST',
        url: '/account/subscriptions',
        headers: { cookie: pair.cookie, 'content-type': FORM },
        payload: new URLSearchParams({
          _csrf: pair.token,
          target_kind: 'topic',
          target_value: '教育',
          channel: 'email',
          email: 'nope',
          frequency: 'immediate',
        }).toString(),
      });
      assert.equal(badEmail.statusCode, 400);
      assert.ok(badEmail.body.includes('电子邮件地址格式不正确'));
      const sub = await t.ctx.db.kysely
        .selectFrom('notify_subscription')
        .select('id')
        .where('owner_id', '=', member.id)
        .executeTakeFirstOrThrow();
      const end = await app.inject({
        method: 'POST',
        url: `/account/subscriptions/${sub.id}/end`,
        headers: { cookie: pair.cookie, 'content-type': FORM },
        payload: `_csrf=${encodeURIComponent(pair.token)}`,
      });
      assert.equal(end.statusCode, 303);
      const anonymous = await app.inject({ method: 'GET', url: '/account/subscriptions' });
      assert.equal(anonymous.statusCode, 303);
    });
  });
}
