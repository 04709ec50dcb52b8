// Changing the password on /account/password: the current password is
// required, the new one must pass the policy, and on success every other
// session ends while this one goes on.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { getAccount, setPassword } from '../../src/modules/identity/accounts.ts';
import {
  type AccountApp,
  Browser,
  makeCitizen,
  newPhone,
  openAccountApp,
  PASSWORD,
  signIn,
} from '../helpers/account.ts';
import { dialects } from '../helpers/databases.ts';

const NEW_PASSWORD = 'Chishui-waterfall-88';

for (const dialect of dialects) {
  describe(`changing the password [${dialect}]`, () => {
    let a: AccountApp;
    let phone: string;
    let accountId: string;
    before(async () => {
      a = await openAccountApp(dialect);
      phone = newPhone();
      accountId = (await makeCitizen(a.ctx, phone)).id;
    });
    after(() => a.close());

    it('needs a signed-in member', async () => {
      const res = await new Browser(a.app).get('/account/password');
      assert.equal(res.statusCode, 303);
      assert.equal(res.headers.location, '/account/login?next=%2Faccount%2Fpassword');
    });

    it('refuses a wrong current password, a mismatch or a weak password, changing nothing', async () => {
      const browser = new Browser(a.app);
      await signIn(browser, phone);
      const page = await browser.get('/account/password');
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /<label for="f-current_password">当前密码/);
      const before = (await getAccount(a.ctx, accountId)).password_hash;
      const cases: [Record<string, string>, RegExp][] = [
        [
          {
            current_password: 'Not-my-password-1',
            password: NEW_PASSWORD,
            password_confirm: NEW_PASSWORD,
          },
          /当前密码不正确/,
        ],
        [
          {
            current_password: PASSWORD,
            password: NEW_PASSWORD,
            password_confirm: 'something-else-1',
          },
          /两次输入的密码不一致/,
        ],
        [
          { current_password: PASSWORD, password: '12345678', password_confirm: '12345678' },
          /该密码过于常见/,
        ],
        [
          { current_password: PASSWORD, password: `pw${phone}`, password_confirm: `pw${phone}` },
          /不能与账号名相同或包含账号名/,
        ],
        [
          { current_password: '', password: NEW_PASSWORD, password_confirm: NEW_PASSWORD },
          /请输入密码/,
        ],
      ];
      for (const [fields, message] of cases) {
        const res = await browser.post('/account/password', fields);
        assert.equal(res.statusCode, 400, JSON.stringify(fields));
        assert.match(res.body, message);
        assert.ok(!res.body.includes(NEW_PASSWORD) && !res.body.includes(PASSWORD));
      }
      assert.equal((await getAccount(a.ctx, accountId)).password_hash, before, 'unchanged');
    });

    it('the service itself refuses the phone number as password for a public account', async () => {
      const account = await getAccount(a.ctx, accountId);
      await assert.rejects(
        setPassword(a.ctx, account, `x${phone}`, { id: null, name: 'test' }),
        (err: Error & { fields?: Record<string, string> }) =>
          /包含账号名/.test(err.fields?.password ?? ''),
      );
    });

    it('changes it, keeps this session, ends the others, and says so', async () => {
      const here = new Browser(a.app);
      const elsewhere = new Browser(a.app);
      await signIn(here, phone);
      await signIn(elsewhere, phone);
      await here.get('/account/password');
      const res = await here.post('/account/password', {
        current_password: PASSWORD,
        password: NEW_PASSWORD,
        password_confirm: NEW_PASSWORD,
      });
      assert.equal(res.statusCode, 303, res.body);
      assert.equal(res.headers.location, '/account?done=1');
      const page = await here.get('/account?done=1');
      assert.equal(page.statusCode, 200, 'this session goes on');
      assert.match(page.body, /密码已修改，其他设备上的登录已退出/);
      assert.equal((await elsewhere.get('/account')).statusCode, 303, 'the other session ended');

      const browser = new Browser(a.app);
      await browser.get('/account/login');
      const old = await browser.post('/account/login', {
        method: 'password',
        phone,
        password: PASSWORD,
      });
      assert.equal(old.statusCode, 401, 'the old password no longer works');
      await signIn(browser, phone, NEW_PASSWORD);
    });

    it('throttles guessing the current password with 429 and Retry-After', async () => {
      const browser = new Browser(a.app);
      await signIn(browser, phone, NEW_PASSWORD);
      await browser.get('/account/password');
      const guess = (current: string) =>
        browser.post('/account/password', {
          current_password: current,
          password: 'Yet-another-pass-77',
          password_confirm: 'Yet-another-pass-77',
        });
      for (let i = 0; i < 5; i++) assert.equal((await guess(`Guess-${i}-wrong`)).statusCode, 400);
      const res = await guess(NEW_PASSWORD);
      assert.equal(res.statusCode, 429, 'even the right one waits');
      assert.ok(Number(res.headers['retry-after']) > 0);
      assert.match(res.body, /尝试次数过多，请 1 分钟后再试/);
      a.advance(61_000);
      assert.equal((await guess(NEW_PASSWORD)).statusCode, 303, 'allowed after the lock');
    });
  });
}
