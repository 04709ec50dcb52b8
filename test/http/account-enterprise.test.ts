// Registering an enterprise (法人) account: 单位名称 becomes the account name,
// the credit code is stored normalised and unique, and the new account lands
// on 我的账号 signed in, showing its enterprise details.
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
  validCreditCode,
} from '../helpers/account.ts';
import { dialects } from '../helpers/databases.ts';

const CREDIT = validCreditCode();

async function registerEnterprise(a: AccountApp, phone: string, creditCode: string) {
  const browser = new Browser(a.app);
  const page = await browser.get('/account/register/enterprise');
  assert.equal(page.statusCode, 200);
  const sent = await browser.post('/account/register/enterprise', {
    org_name: '遵义红色旅游发展有限公司',
    phone,
    action: 'send',
  });
  assert.equal(sent.statusCode, 200);
  assert.match(sent.body, /验证码已发送/);
  assert.match(sent.body, /value="遵义红色旅游发展有限公司"/);
  const res = await browser.post('/account/register/enterprise', {
    org_name: '  遵义红色旅游发展有限公司 ',
    credit_code: creditCode,
    legal_representative: '吴十',
    contact_name: '郑十一',
    phone,
    code: await latestCode(a.ctx, phone),
    password: PASSWORD,
    password_confirm: PASSWORD,
  });
  return { browser, res };
}

for (const dialect of dialects) {
  describe(`enterprise registration [${dialect}]`, () => {
    let a: AccountApp;
    before(async () => {
      a = await openAccountApp(dialect);
    });
    after(() => a.close());

    it('shows the enterprise form with its required fields', async () => {
      const res = await new Browser(a.app).get('/account/register/enterprise');
      assert.match(res.body, /<html lang="zh-CN"/);
      for (const [name, label] of [
        ['org_name', '单位名称'],
        ['credit_code', '统一社会信用代码'],
        ['legal_representative', '法定代表人'],
        ['contact_name', '联系人'],
        ['phone', '手机号'],
        ['code', '短信验证码'],
      ]) {
        assert.match(
          res.body,
          new RegExp(`<label for="f-${name}">${label}<span class="required">`),
        );
      }
    });

    it('registers end to end and shows the enterprise on 我的账号', async () => {
      const phone = newPhone();
      // Typed in lower case with a full-width digit: normalised before storing.
      const typed = `${CREDIT.slice(0, 2)}${CREDIT.slice(2).toLowerCase()}`.replace('1', '１');
      const { browser, res } = await registerEnterprise(a, phone, typed);
      assert.equal(res.statusCode, 303, res.body);
      assert.equal(res.headers.location, '/account');
      const account = await findByPhone(a.ctx, phone);
      assert.ok(account);
      assert.equal(account.kind, 'enterprise');
      assert.equal(account.display_name, '遵义红色旅游发展有限公司', 'trimmed 单位名称');
      assert.equal(account.credit_code, CREDIT);
      assert.equal(account.legal_representative, '吴十');
      assert.equal(account.real_name, '郑十一', 'the contact person');
      for (const value of Object.values(account)) assert.ok(!String(value).includes(phone));

      const page = await browser.get('/account');
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /法人账号/);
      assert.ok(page.body.includes(CREDIT));
      assert.match(page.body, /吴十/);
      assert.match(page.body, /联系人/);
      assert.ok(!page.body.includes(phone));
    });

    it('refuses a second account with the same credit code: 409, nothing written', async () => {
      const accounts = await countRows(a.ctx, 'account');
      const { res } = await registerEnterprise(a, newPhone(), CREDIT);
      assert.equal(res.statusCode, 409);
      assert.match(res.body, /该统一社会信用代码已注册/);
      assert.match(res.body, /id="f-credit_code-error"/, 'shown next to the credit code');
      assert.equal(await countRows(a.ctx, 'account'), accounts);
    });
  });
}
