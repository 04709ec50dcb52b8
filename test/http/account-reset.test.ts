// Forgotten password on /account/reset: a code by SMS, then a new password,
// which ends every session. Asking for a code for an unknown phone gets the
// identical answer and sends nothing.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { listOutbox } from '../../src/modules/notify/outbox.ts';
import {
  type AccountApp,
  Browser,
  countRows,
  latestCode,
  makeCitizen,
  newPhone,
  openAccountApp,
  PASSWORD,
  signIn,
} from '../helpers/account.ts';
import { dialects } from '../helpers/databases.ts';

const NEW_PASSWORD = 'Loushanguan-pass-1935';

for (const dialect of dialects) {
  describe(`password reset [${dialect}]`, () => {
    let a: AccountApp;
    let phone: string;
    before(async () => {
      a = await openAccountApp(dialect);
      phone = newPhone();
      await makeCitizen(a.ctx, phone);
    });
    after(() => a.close());

    it('answers an unknown phone exactly as a known one, and sends it nothing', async () => {
      const unknown = newPhone();
      const outbox = await countRows(a.ctx, 'outbox_message');
      const answers = [];
      for (const who of [phone, unknown]) {
        const browser = new Browser(a.app);
        await browser.get('/account/reset');
        const res = await browser.post('/account/reset', { phone: who, action: 'send' });
        answers.push({
          status: res.statusCode,
          type: res.headers['content-type'],
          body: res.body.replace(/name="_csrf" value="[^"]+"/, '').replaceAll(who, 'PHONE'),
        });
      }
      assert.equal(answers[0]!.status, 200);
      assert.match(answers[0]!.body, /验证码已发送/);
      assert.deepEqual(answers[0], answers[1]);
      assert.equal(
        (await listOutbox(a.ctx, { to: unknown })).length,
        0,
        'nothing to the unknown phone',
      );
      assert.equal(
        await countRows(a.ctx, 'outbox_message'),
        outbox + 1,
        'one SMS, to the known phone',
      );
    });

    it('refuses a wrong code and a weak password, changing nothing', async () => {
      a.advance(61_000);
      const browser = new Browser(a.app);
      await browser.get('/account/reset');
      await browser.post('/account/reset', { phone, action: 'send' });
      const code = await latestCode(a.ctx, phone);
      const wrong = await browser.post('/account/reset', {
        phone,
        code: code === '999999' ? '999998' : '999999',
        password: NEW_PASSWORD,
        password_confirm: NEW_PASSWORD,
      });
      assert.equal(wrong.statusCode, 400);
      assert.match(wrong.body, /验证码不正确或已过期/);
      const weak = await browser.post('/account/reset', {
        phone,
        code,
        password: 'qwerty123',
        password_confirm: 'qwerty123',
      });
      assert.equal(weak.statusCode, 400);
      assert.match(weak.body, /该密码过于常见/);
      await signIn(new Browser(a.app), phone, PASSWORD);
    });

    it('sets a new password with the code, ends every session, and points to sign-in', async () => {
      a.advance(61_000);
      const signedIn = new Browser(a.app);
      await signIn(signedIn, phone);
      const browser = new Browser(a.app);
      await browser.get('/account/reset');
      const sent = await browser.post('/account/reset', { phone, action: 'send' });
      assert.equal(sent.statusCode, 200);
      const code = await latestCode(a.ctx, phone);
      const res = await browser.post('/account/reset', {
        phone,
        code,
        password: NEW_PASSWORD,
        password_confirm: NEW_PASSWORD,
      });
      assert.equal(res.statusCode, 303, res.body);
      assert.equal(res.headers.location, '/account/login?reset=1');
      const login = await browser.get('/account/login?reset=1');
      assert.match(login.body, /密码已重置，请用新密码登录/);
      assert.equal((await signedIn.get('/account')).statusCode, 303, 'existing sessions ended');

      const again = await browser.post('/account/reset', {
        phone,
        code,
        password: 'Another-new-pass-42',
        password_confirm: 'Another-new-pass-42',
      });
      assert.equal(again.statusCode, 400, 'the code works once');
      const old = await browser.post('/account/login', {
        method: 'password',
        phone,
        password: PASSWORD,
      });
      assert.equal(old.statusCode, 401);
      await signIn(new Browser(a.app), phone, NEW_PASSWORD);
    });
  });
}
