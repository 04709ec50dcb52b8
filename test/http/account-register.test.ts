// Registering a citizen through the public pages: the code arrives by SMS, the
// account is stored with its phone and ID number encrypted, the new member
// lands on 我的账号 signed in, and a phone can be registered only once.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { findByPhone } from '../../src/modules/identity/accounts.ts';
import {
  type AccountApp,
  Browser,
  countRows,
  latestCode,
  newPhone,
  openAccountApp,
  PASSWORD,
  registerCitizen,
  validIdNumber,
} from '../helpers/account.ts';
import { dialects } from '../helpers/databases.ts';

for (const dialect of dialects) {
  describe(`citizen registration [${dialect}]`, () => {
    let a: AccountApp;
    before(async () => {
      a = await openAccountApp(dialect);
    });
    after(() => a.close());

    it('shows a Chinese form with labelled, required fields and a send-code button', async () => {
      const res = await new Browser(a.app).get('/account/register');
      assert.equal(res.statusCode, 200);
      assert.match(res.body, /<html lang="zh-CN"/);
      assert.equal(res.headers['cache-control'], 'no-store');
      for (const name of ['phone', 'code', 'display_name', 'password', 'password_confirm']) {
        assert.match(res.body, new RegExp(`<label for="f-${name}">[^<]+<span class="required">`));
      }
      assert.match(res.body, /<label for="f-id_number">居民身份证号<\/label>/);
      assert.match(res.body, /name="action" value="send"[^>]*>发送验证码</);
      assert.match(res.body, /href="\/account\/login">登录</, 'the header links to sign-in');
    });

    it('registers end to end and lands on 我的账号 signed in', async () => {
      const browser = new Browser(a.app);
      const phone = newPhone();
      const idNumber = validIdNumber();
      await browser.get('/account/register');
      const sent = await browser.post('/account/register', {
        phone,
        action: 'send',
        display_name: '李四',
      });
      assert.equal(sent.statusCode, 200);
      assert.match(sent.body, /验证码已发送/);
      assert.match(sent.body, new RegExp(`value="${phone}"`), 'the phone is kept');
      assert.match(sent.body, /value="李四"/, 'other fields are kept');

      const res = await browser.post('/account/register', {
        phone,
        code: await latestCode(a.ctx, phone),
        display_name: '李四',
        password: PASSWORD,
        password_confirm: PASSWORD,
        real_name: '李四',
        id_number: idNumber.toLowerCase(),
      });
      assert.equal(res.statusCode, 303, res.body);
      assert.equal(res.headers.location, '/account');
      const cookie = res.cookies.find((c) => c.name === 'yimen_sid');
      assert.ok(cookie, 'a session cookie is set');
      assert.equal(cookie.httpOnly, true);
      assert.equal(cookie.sameSite, 'Lax');
      assert.equal(cookie.path, '/');
      assert.notEqual(cookie.secure, true, 'not Secure over plain HTTP');

      const page = await browser.get('/account');
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /我的账号/);
      assert.match(page.body, /李四/);
      assert.match(page.body, /个人账号/);
      assert.ok(page.body.includes(`${phone.slice(0, 3)}****${phone.slice(-4)}`), 'masked phone');
      assert.ok(!page.body.includes(phone), 'never the full phone');
      assert.ok(page.body.includes('110105********'), 'masked ID number');
      assert.ok(!page.body.includes(idNumber), 'never the full ID number');
      assert.match(page.body, /当前会话/);

      const account = await findByPhone(a.ctx, phone);
      assert.ok(account);
      assert.equal(account.kind, 'citizen');
      assert.equal(account.display_name, '李四');
      assert.ok(account.phone_enc && account.phone_hash, 'phone stored encrypted and hashed');
      assert.ok(account.id_number_enc && account.id_number_hash);
      assert.ok(account.password_hash?.startsWith('$argon2id$'));
      for (const [column, value] of Object.entries(account)) {
        const text = String(value);
        assert.ok(!text.includes(phone), `no plaintext phone in ${column}`);
        assert.ok(!text.includes(idNumber.slice(6, 14)), `no plaintext ID number in ${column}`);
      }
      const audit = await a.ctx.db.kysely
        .selectFrom('audit_log')
        .selectAll()
        .where('action', '=', 'account.register')
        .where('target_id', '=', account.id)
        .execute();
      assert.equal(audit.length, 1, 'the registration is audited');
      assert.ok(!audit[0]!.detail.includes(phone), 'the audit detail has no phone');
    });

    it('refuses a second account for the same phone with 409 and a friendly message', async () => {
      const phone = newPhone();
      const first = await registerCitizen(new Browser(a.app), a.ctx, phone);
      assert.equal(first.statusCode, 303);
      a.advance(61_000);
      const accounts = await countRows(a.ctx, 'account');
      const res = await registerCitizen(new Browser(a.app), a.ctx, phone, { display_name: '王五' });
      assert.equal(res.statusCode, 409);
      assert.match(res.body, /该手机号已注册，请直接登录或找回密码/);
      assert.match(res.body, /class="error-summary"/);
      assert.ok(!res.body.includes(PASSWORD), 'the password is never echoed');
      assert.equal(await countRows(a.ctx, 'account'), accounts, 'no second account');
      assert.equal(
        res.cookies.find((c) => c.name === 'yimen_sid'),
        undefined,
        'not signed in',
      );
    });

    it('does not tell, when sending a code, whether the phone is registered', async () => {
      const known = newPhone();
      assert.equal((await registerCitizen(new Browser(a.app), a.ctx, known)).statusCode, 303);
      a.advance(61_000);
      const unknown = newPhone();
      const answers = [];
      for (const phone of [known, unknown]) {
        const browser = new Browser(a.app);
        await browser.get('/account/register');
        const res = await browser.post('/account/register', { phone, action: 'send' });
        answers.push({
          status: res.statusCode,
          body: res.body.replace(/name="_csrf" value="[^"]+"/, '').replaceAll(phone, 'PHONE'),
        });
      }
      assert.deepEqual(answers[0], answers[1]);
    });

    it('refuses a wrong or reused code and creates nothing', async () => {
      const browser = new Browser(a.app);
      const phone = newPhone();
      await browser.get('/account/register');
      await browser.post('/account/register', { phone, action: 'send' });
      const accounts = await countRows(a.ctx, 'account');
      const res = await browser.post('/account/register', {
        phone,
        code: '000000',
        display_name: '赵六',
        password: PASSWORD,
        password_confirm: PASSWORD,
      });
      assert.equal(res.statusCode, 400);
      assert.match(res.body, /验证码不正确或已过期，请重新获取/);
      assert.equal(await countRows(a.ctx, 'account'), accounts);
    });
  });
}
