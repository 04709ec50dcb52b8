// Signing in on /account/login: by phone + password and by phone + SMS code.
// Wrong credentials get one message whatever was wrong; a code works once;
// asking for a code for an unknown number looks exactly like a known one;
// repeated failures are throttled with 429 and Retry-After.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { listOutbox } from '../../src/modules/notify/outbox.ts';
import {
  type AccountApp,
  Browser,
  latestCode,
  makeCitizen,
  newPhone,
  openAccountApp,
  PASSWORD,
  SESSION,
} from '../helpers/account.ts';
import { dialects } from '../helpers/databases.ts';

const normalised = (body: string, phone: string) =>
  body.replace(/name="_csrf" value="[^"]+"/g, '').replaceAll(phone, 'PHONE');

for (const dialect of dialects) {
  describe(`public sign-in [${dialect}]`, () => {
    let a: AccountApp;
    let phone: string;
    before(async () => {
      a = await openAccountApp(dialect);
      phone = newPhone();
      await makeCitizen(a.ctx, phone);
    });
    after(() => a.close());

    it('shows two labelled forms that share one valid CSRF token, and no session', async () => {
      const res = await new Browser(a.app).get('/account/login');
      assert.equal(res.statusCode, 200);
      assert.match(res.body, /<html lang="zh-CN"/);
      assert.match(res.body, /<form[^>]*aria-label="密码登录"/);
      assert.match(res.body, /<form[^>]*aria-label="短信验证码登录"/);
      const tokens = [...res.body.matchAll(/name="_csrf" value="([^"]+)"/g)].map((m) => m[1]);
      assert.equal(tokens.length, 2);
      assert.equal(tokens[0], tokens[1], 'one token for both forms, paired with one cookie');
      assert.equal(res.cookies.filter((c) => c.name === 'yimen-csrf').length, 1);
      assert.equal(
        res.cookies.find((c) => c.name === SESSION),
        undefined,
        'no session yet',
      );
    });

    it('signs in with phone and password', async () => {
      const browser = new Browser(a.app);
      await browser.get('/account/login');
      // The phone as people type it: spaces and a +86 prefix are fine.
      const spaced = `+86 ${phone.slice(0, 3)} ${phone.slice(3, 7)} ${phone.slice(7)}`;
      const res = await browser.post('/account/login', {
        method: 'password',
        phone: spaced,
        password: PASSWORD,
      });
      assert.equal(res.statusCode, 303, res.body);
      assert.equal(res.headers.location, '/account');
      assert.ok(browser.session);
      assert.equal((await browser.get('/account')).statusCode, 200);
    });

    it('answers a wrong password and an unknown phone alike with 401 账号或密码错误', async () => {
      const browser = new Browser(a.app);
      await browser.get('/account/login');
      const bodies = [];
      for (const who of [phone, newPhone()]) {
        const res = await browser.post('/account/login', {
          method: 'password',
          phone: who,
          password: 'Wrong-password-123',
        });
        assert.equal(res.statusCode, 401);
        assert.match(res.body, /账号或密码错误/);
        assert.ok(!res.body.includes('Wrong-password-123'), 'the password is not echoed');
        assert.equal(
          res.cookies.find((c) => c.name === SESSION),
          undefined,
        );
        bodies.push(normalised(res.body, who));
      }
      assert.equal(bodies[0], bodies[1]);
    });

    it('signs in with an SMS code, which works only once', async () => {
      const browser = new Browser(a.app);
      await browser.get('/account/login');
      const sent = await browser.post('/account/login', {
        method: 'sms',
        sms_phone: phone,
        action: 'send',
      });
      assert.equal(sent.statusCode, 200);
      assert.match(sent.body, /验证码已发送/);
      const code = await latestCode(a.ctx, phone);
      const ok = await browser.post('/account/login', {
        method: 'sms',
        sms_phone: phone,
        sms_code: code,
      });
      assert.equal(ok.statusCode, 303, ok.body);
      assert.equal(ok.headers.location, '/account');

      const other = new Browser(a.app);
      await other.get('/account/login');
      const again = await other.post('/account/login', {
        method: 'sms',
        sms_phone: phone,
        sms_code: code,
      });
      assert.equal(again.statusCode, 401, 'a used code is refused');
      assert.match(again.body, /账号或验证码错误/);
    });

    it('sends no code to an unknown number but answers exactly the same', async () => {
      a.advance(61_000);
      const unknown = newPhone();
      const answers = [];
      for (const who of [phone, unknown]) {
        const browser = new Browser(a.app);
        await browser.get('/account/login');
        const res = await browser.post('/account/login', {
          method: 'sms',
          sms_phone: who,
          action: 'send',
        });
        answers.push({ status: res.statusCode, body: normalised(res.body, who) });
      }
      assert.deepEqual(answers[0], answers[1]);
      assert.equal(answers[0]!.status, 200);
      assert.equal((await listOutbox(a.ctx, { to: unknown })).length, 0, 'nothing sent');
      // Sending again within the minute is throttled for the known number; it must not show.
      const browser = new Browser(a.app);
      await browser.get('/account/login');
      const throttled = await browser.post('/account/login', {
        method: 'sms',
        sms_phone: phone,
        action: 'send',
      });
      assert.deepEqual(
        { status: throttled.statusCode, body: normalised(throttled.body, phone) },
        answers[1],
      );
    });

    it('throttles repeated failures with 429, Retry-After and a Chinese message', async () => {
      const victim = newPhone();
      await makeCitizen(a.ctx, victim);
      const browser = new Browser(a.app);
      await browser.get('/account/login');
      const attempt = (password: string) =>
        browser.post('/account/login', { method: 'password', phone: victim, password });
      for (let i = 0; i < 5; i++)
        assert.equal((await attempt(`Wrong-${i}-password`)).statusCode, 401);
      const res = await attempt(PASSWORD);
      assert.equal(res.statusCode, 429, 'even the right password waits');
      assert.ok(Number(res.headers['retry-after']) > 0, 'Retry-After in seconds');
      assert.match(res.body, /登录失败次数过多，请 1 分钟后再试/);
      assert.equal(
        res.cookies.find((c) => c.name === SESSION),
        undefined,
      );
      a.advance(61_000);
      assert.equal((await attempt(PASSWORD)).statusCode, 303, 'allowed again after the lock');
    });

    it('refuses a malformed form: missing method, bad phone', async () => {
      const browser = new Browser(a.app);
      await browser.get('/account/login');
      const noMethod = await browser.post('/account/login', { phone, password: PASSWORD });
      assert.equal(noMethod.statusCode, 400);
      const badPhone = await browser.post('/account/login', {
        method: 'password',
        phone: "' OR 1=1 --",
        password: PASSWORD,
      });
      assert.equal(badPhone.statusCode, 400);
      assert.match(badPhone.body, /手机号码格式不正确/);
    });
  });
}
