// The back office under /admin/notify over HTTP on each database: sign-in
// and the outbox.view permission, masked recipients, search by recipient,
// cancel/resend only with the CSRF token, template editing with Chinese
// variable errors.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { dialects } from '../../../test/helpers/databases.ts';
import { buildApp } from '../../platform/http/app.ts';
import { enqueueMessage } from './outbox.ts';
import {
  messageRow,
  messageRows,
  type NotifyTest,
  openNotifyTest,
} from './test-support/context.ts';
import { csrf, FORM, staffCookie } from './test-support/http.ts';

for (const dialect of dialects) {
  describe(`notification back office [${dialect}]`, () => {
    let t: NotifyTest;
    let app: FastifyInstance;
    let admin: string;
    before(async () => {
      t = await openNotifyTest(dialect);
      app = (await buildApp(t.ctx)).app;
      admin = await staffCookie(t, 'notifyadmin', true);
    });
    after(async () => {
      await app.close();
      await t.close();
    });

    it('asks for sign-in, then for the outbox.view permission', async () => {
      const anonymous = await app.inject({ method: 'GET', url: '/admin/notify' });
      assert.equal(anonymous.statusCode, 303);
      assert.match(String(anonymous.headers.location), /^\/admin\/login\?next=/);
      const plain = await staffCookie(t, 'plainstaff', false);
      const denied = await app.inject({
        method: 'GET',
        url: '/admin/notify',
        headers: { cookie: plain },
      });
      assert.equal(denied.statusCode, 403);
    });

    it('lists messages with masked recipients and finds one by its full recipient', async () => {
      await enqueueMessage(t.ctx, t.ctx.db.kysely, {
        to: '13800000001',
        template: 'reminder.deadline',
        params: { subject: '申请甲', deadline: '12月1日' },
      });
      await enqueueMessage(t.ctx, t.ctx.db.kysely, {
        to: '13900000002',
        template: 'reminder.deadline',
        params: { subject: '申请乙', deadline: '12月2日' },
      });
      const list = await app.inject({
        method: 'GET',
        url: '/admin/notify',
        headers: { cookie: admin },
      });
      assert.equal(list.statusCode, 200);
      assert.match(list.body, /138\*\*\*\*0001/);
      assert.match(list.body, /139\*\*\*\*0002/);
      assert.ok(!list.body.includes('13800000001'), 'no full phone number in the list');
      const found = await app.inject({
        method: 'GET',
        url: '/admin/notify?to=13800000001&status=pending',
        headers: { cookie: admin },
      });
      assert.ok(found.body.includes('138****0001'));
      assert.ok(!found.body.includes('139****0002'));
    });

    it('cancels and resends only with the CSRF token, and audits reading a message', async () => {
      const id = await enqueueMessage(t.ctx, t.ctx.db.kysely, {
        to: '13800000003',
        template: 'reminder.deadline',
        params: { subject: '申请丙', deadline: '12月3日' },
      });
      const bare = await app.inject({
        method: 'POST',
        url: `/admin/notify/messages/${id}/cancel`,
        headers: { cookie: admin, 'content-type': FORM },
        payload: '',
      });
      assert.equal(bare.statusCode, 403);
      assert.equal((await messageRow(t.ctx, id)).status, 'pending');
      const pair = await csrf(app, admin, `/admin/notify/messages/${id}`);
      const ok = await app.inject({
        method: 'POST',
        url: `/admin/notify/messages/${id}/cancel`,
        headers: { cookie: pair.cookie, 'content-type': FORM },
        payload: `_csrf=${encodeURIComponent(pair.token)}`,
      });
      assert.equal(ok.statusCode, 303);
      assert.equal((await messageRow(t.ctx, id)).status, 'cancelled');
      const resend = await app.inject({
        method: 'POST',
        url: `/admin/notify/messages/${id}/resend`,
        headers: { cookie: pair.cookie, 'content-type': FORM },
        payload: `_csrf=${encodeURIComponent(pair.token)}`,
      });
      assert.equal(resend.statusCode, 303);
      assert.equal((await messageRows(t.ctx)).filter((r) => r.resend_of === id).length, 1);
      const audits = await t.ctx.db.kysely
        .selectFrom('audit_log')
        .select('action')
        .where('target_id', '=', id)
        .execute();
      assert.deepEqual(audits.map((a) => a.action).sort(), [
        'notify.cancel',
        'notify.message.view',
        'notify.resend',
      ]);
    });

    it('refuses a template with an unknown variable in Chinese and saves a valid one', async () => {
      const url = '/admin/notify/templates/reminder.deadline';
      const pair = await csrf(app, admin, url);
      const post = (text: string) =>
        app.inject({
          method: 'POST',
          url,
          headers: { cookie: pair.cookie, 'content-type': FORM },
          payload: new URLSearchParams({ _csrf: pair.token, text }).toString(),
        });
      const bad = await post('【一门】{name}您好，{subject}将于{deadline}到期。');
      assert.equal(bad.statusCode, 400);
      assert.ok(bad.body.includes('模板正文中的变量 {name} 不存在'), bad.body);
      const good = await post('【一门】{subject}请在{deadline}前办理。');
      assert.equal(good.statusCode, 303);
      const list = await app.inject({
        method: 'GET',
        url: '/admin/notify/templates',
        headers: { cookie: admin },
      });
      assert.ok(list.body.includes('已修改（notifyadmin'));
    });
  });
}
