// Bad input on the registration forms: each problem comes back as a 400 page
// with the Chinese message next to its field and the user's values (never the
// password), and nothing is written. A missing CSRF token is a 403.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  type AccountApp,
  Browser,
  countRows,
  latestCode,
  newPhone,
  openAccountApp,
  PASSWORD,
  validCreditCode,
  validIdNumber,
} from '../helpers/account.ts';
import { dialects } from '../helpers/databases.ts';

const validId = validIdNumber();
const badCheckId = `${validId.slice(0, 17)}${validId[17] === '0' ? '1' : '0'}`;
const validCredit = validCreditCode();
const badCheckCredit = `${validCredit.slice(0, 17)}${validCredit[17] === '0' ? '1' : '0'}`;

/** The error text shown next to a field (Field renders it in <p id="f-NAME-error">). */
function fieldError(body: string, name: string): string | undefined {
  return new RegExp(`<p class="error-text" id="f-${name}-error">([^<]*)</p>`).exec(body)?.[1];
}

for (const dialect of dialects) {
  describe(`registration input checks [${dialect}]`, () => {
    let a: AccountApp;
    let browser: Browser;
    let phone: string;
    let form: Record<string, string>;
    before(async () => {
      a = await openAccountApp(dialect);
      browser = new Browser(a.app);
      phone = newPhone();
      await browser.get('/account/register');
      assert.equal(
        (await browser.post('/account/register', { phone, action: 'send' })).statusCode,
        200,
      );
      form = {
        phone,
        code: await latestCode(a.ctx, phone),
        display_name: '钱七',
        password: PASSWORD,
        password_confirm: PASSWORD,
        real_name: '',
        id_number: '',
      };
    });
    after(() => a.close());

    async function refused(
      fields: Record<string, string>,
      name: string,
      message: string | RegExp,
      url = '/account/register',
    ) {
      const accounts = await countRows(a.ctx, 'account');
      const sessions = await countRows(a.ctx, 'session');
      const res = await browser.post(url, fields);
      assert.equal(res.statusCode, 400, `${name}: ${res.body.slice(0, 200)}`);
      const shown = fieldError(res.body, name);
      if (typeof message === 'string') assert.equal(shown, message, name);
      else assert.match(shown ?? '', message, name);
      assert.match(res.body, /class="error-summary"/);
      assert.match(res.body, new RegExp(`href="#f-${name}"`), 'the summary links to the field');
      assert.ok(!res.body.includes(PASSWORD), 'the password is never sent back');
      assert.equal(await countRows(a.ctx, 'account'), accounts, 'no account written');
      assert.equal(await countRows(a.ctx, 'session'), sessions, 'no session written');
      return res;
    }

    it('invalid ID number, mobile, weak password, mismatched confirmation', async () => {
      await refused(
        { ...form, real_name: '钱七', id_number: badCheckId },
        'id_number',
        '身份证号码校验码不正确，请核对后重新输入',
      );
      await refused(
        { ...form, real_name: '钱七', id_number: '11010520991231001X' },
        'id_number',
        '身份证号码中的出生日期无效，请核对第7至14位',
      );
      await refused({ ...form, id_number: validId }, 'real_name', '填写身份证号时请同时填写姓名');
      const res = await refused(
        { ...form, phone: '12345678901' },
        'phone',
        '手机号码格式不正确：应为11位中国大陆手机号码',
      );
      assert.match(res.body, /value="12345678901"/, 'the value typed is shown again');
      assert.match(res.body, /value="钱七"/);
      await refused({ ...form, phone: '' }, 'phone', '请输入手机号');
      await refused(
        { ...form, password: 'password', password_confirm: 'password' },
        'password',
        /该密码过于常见/,
      );
      await refused(
        { ...form, password: 'short', password_confirm: 'short' },
        'password',
        /至少需要8个字符/,
      );
      const withPhone = `a${phone}b`;
      await refused(
        { ...form, password: withPhone, password_confirm: withPhone },
        'password',
        /不能与账号名相同或包含账号名/,
      );
      await refused(
        { ...form, password_confirm: `${PASSWORD}x` },
        'password_confirm',
        '两次输入的密码不一致',
      );
      await refused({ ...form, code: '12ab' }, 'code', '请输入6位数字短信验证码');
    });

    it('invalid 统一社会信用代码 on the enterprise form', async () => {
      await browser.get('/account/register/enterprise');
      const enterprise = {
        org_name: '遵义市某某科技有限公司',
        credit_code: badCheckCredit,
        legal_representative: '孙八',
        contact_name: '周九',
        phone,
        code: form.code!,
        password: PASSWORD,
        password_confirm: PASSWORD,
      };
      const url = '/account/register/enterprise';
      await refused(
        enterprise,
        'credit_code',
        '统一社会信用代码校验码不正确，请核对后重新输入',
        url,
      );
      await refused(
        { ...enterprise, credit_code: '91110105MA01ABCDI1' },
        'credit_code',
        /不使用字母I、O、Z、S、V/,
        url,
      );
      await refused(
        { ...enterprise, credit_code: validCredit, org_name: ' ' },
        'org_name',
        '请输入单位名称',
        url,
      );
    });

    it('over-long fields, an SQL payload as phone and an unknown field are 400s', async () => {
      await browser.get('/account/register');
      await refused(
        { ...form, display_name: '长'.repeat(51) },
        'display_name',
        '不能超过 50 个字符',
      );
      await refused({ ...form, phone: '1'.repeat(33) }, 'phone', '不能超过 32 个字符');
      const long = 'x'.repeat(257);
      await refused(
        { ...form, password: long, password_confirm: long },
        'password',
        '不能超过 256 个字符',
      );
      await refused({ ...form, phone: "' OR 1=1 --" }, 'phone', /手机号码格式不正确/);
      const accounts = await countRows(a.ctx, 'account');
      const extra = await browser.post('/account/register', { ...form, is_admin: '1' });
      assert.equal(extra.statusCode, 400);
      assert.ok(extra.body.includes('含有不允许的字段“is_admin”'));
      assert.equal(await countRows(a.ctx, 'account'), accounts);
    });

    it('refuses a POST without the CSRF token with 403 and writes nothing', async () => {
      const accounts = await countRows(a.ctx, 'account');
      const res = await browser.post('/account/register', form, { csrf: false });
      assert.equal(res.statusCode, 403);
      assert.match(res.body, /表单已过期或来源不明/);
      assert.equal(await countRows(a.ctx, 'account'), accounts);
    });

    it('stores HTML in a display name as text and shows it escaped', async () => {
      // The refusals above consumed nothing: the code sent in before() still works.
      await browser.get('/account/register');
      const res = await browser.post('/account/register', {
        ...form,
        display_name: '<script>alert(1)</script>',
      });
      assert.equal(res.statusCode, 303, res.body);
      const page = await browser.get('/account');
      assert.equal(page.statusCode, 200);
      assert.ok(!page.body.includes('<script>alert(1)'), 'never raw');
      assert.ok(page.body.includes('&lt;script>alert(1)&lt;/script>'), 'shown escaped');
      const row = await a.ctx.db.kysely
        .selectFrom('account')
        .select('display_name')
        .where('display_name', '=', '<script>alert(1)</script>')
        .executeTakeFirst();
      assert.ok(row, 'stored as typed');
    });
  });
}
