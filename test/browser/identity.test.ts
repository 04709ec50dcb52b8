// Sign-in as people do it, in Chromium: a citizen registers with the SMS code
// from the outbox, signs out and back in with a new code, and signs out; a
// new staff member signs in with the one-time password, binds an
// authenticator app by reading the secret off the page, sets a password, and
// later signs in with password and TOTP. axe-core reports no WCAG 2.1 AA
// violation on any of these pages.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { createStaff } from '../../src/modules/identity/accounts.ts';
import { totpCode } from '../../src/modules/identity/totp.ts';
import { listOutbox } from '../../src/modules/notify/outbox.ts';
import { axeViolations, launchBrowser } from '../helpers/browser.ts';
import { type AdminApp, openAdminApp } from '../helpers/staff.ts';

const PHONE = '13985012345';

describe('signing in, in Chromium', () => {
  let aa: AdminApp;
  let base = '';
  let browser: Browser;
  let context: BrowserContext;

  before(async () => {
    aa = await openAdminApp('sqlite');
    base = await aa.app.listen({ port: 0, host: '127.0.0.1' });
    ({ browser, context } = await launchBrowser());
  });
  after(async () => {
    await browser?.close();
    await aa?.close();
  });

  /** The newest code the development sink holds for the phone. */
  async function codeFromOutbox(): Promise<string> {
    const [latest] = await listOutbox(aa.ctx, { to: PHONE, limit: 1 });
    const code = /验证码是(\d{6})/.exec(latest?.body ?? '')?.[1];
    assert.ok(code, `an SMS code for ${PHONE} is in the outbox: ${latest?.body}`);
    return code;
  }

  async function accessible(page: Page, what: string) {
    assert.deepEqual(await axeViolations(page), [], `axe on ${what}`);
  }

  it('registers a citizen with the code from the outbox, signs out, signs in by SMS code, signs out', async () => {
    const page = await context.newPage();
    await page.goto(`${base}/account/register`);
    await accessible(page, 'the registration page');
    await page.locator('#f-phone').fill(PHONE);
    await page.getByRole('button', { name: '发送验证码' }).click();
    await page.getByText('验证码已发送').first().waitFor();
    await page.locator('#f-code').fill(await codeFromOutbox());
    await page.locator('#f-display_name').fill('张晓');
    await page.locator('#f-password').fill('Loushan-guan-2026');
    await page.locator('#f-password_confirm').fill('Loushan-guan-2026');
    await page.getByRole('button', { name: '注册', exact: true }).click();
    await page.waitForURL(`${base}/account`);
    assert.ok(await page.getByText('张晓').first().isVisible());
    assert.ok(await page.getByText('139****2345').first().isVisible(), 'the phone is shown masked');
    await accessible(page, 'my account');
    await page.getByRole('button', { name: '退出登录' }).click();
    await page.waitForURL(`${base}/`);
    const back = await page.goto(`${base}/account`);
    assert.match(back?.url() ?? '', /\/account\/login/, 'signed out: my account asks to sign in');

    aa.advance(61_000); // one code per phone per minute
    await page.goto(`${base}/account/login`);
    await accessible(page, 'the sign-in page');
    await page.locator('#f-sms_phone').fill(PHONE);
    await page.getByRole('button', { name: '发送验证码' }).click();
    await page.getByText('验证码已发送').first().waitFor();
    await page.locator('#f-sms_code').fill(await codeFromOutbox());
    await page
      .getByRole('form', { name: '短信验证码登录' })
      .getByRole('button', { name: '登录' })
      .click();
    await page.waitForURL(`${base}/account`);
    assert.ok(await page.getByText('张晓').first().isVisible());
    await page.getByRole('button', { name: '退出登录' }).click();
    await page.waitForURL(`${base}/`);
    await page.close();
  });

  it('enrols a new staff member in TOTP at first sign-in, then signs in with password and TOTP', async () => {
    const { oneTimePassword } = await createStaff(
      aa.ctx,
      { username: 'li.wen', displayName: '李文' },
      { id: null, name: 'test' },
    );
    const page = await context.newPage();
    await page.goto(`${base}/admin`);
    await page.waitForURL(/\/admin\/login/);
    await accessible(page, 'the staff sign-in page');
    await page.locator('#f-username').fill('li.wen');
    await page.locator('#f-password').fill(oneTimePassword);
    await page.getByRole('button', { name: '登录' }).click();
    await page.waitForURL(/\/admin\/mfa/);
    await accessible(page, 'the TOTP enrolment page');
    const secret = (await page.locator('.code-block').first().innerText()).replace(
      /密钥：|\s+/g,
      '',
    );
    assert.match(secret, /^[A-Z2-7]{32}$/, 'a base32 secret is shown to type into the app');
    await page.locator('#f-code').fill(totpCode(secret, aa.now()));
    await page.getByRole('button', { name: '完成绑定' }).click();
    const codes = await page.locator('.recovery-codes li').allInnerTexts();
    assert.equal(codes.length, 10, 'ten recovery codes are shown once');
    await page.getByRole('link', { name: '我已保存恢复码，继续' }).click();
    await page.waitForURL(/\/admin\/password/);
    await page.locator('#f-current').fill(oneTimePassword);
    await page.locator('#f-password').fill('Fenghuang-shan-88');
    await page.locator('#f-confirm').fill('Fenghuang-shan-88');
    await page.getByRole('button', { name: '修改密码' }).click();
    await page.waitForURL(`${base}/admin?ok=password`);
    assert.ok(await page.getByText('李文').first().isVisible());
    await accessible(page, 'the dashboard');
    await page.getByRole('button', { name: '退出登录' }).click();

    aa.advance(30_000); // the next TOTP step: a used code never works twice
    await page.goto(`${base}/admin/login`);
    await page.locator('#f-username').fill('li.wen');
    await page.locator('#f-password').fill('Fenghuang-shan-88');
    await page.getByRole('button', { name: '登录' }).click();
    await page.waitForURL(/\/admin\/login\/totp/);
    await accessible(page, 'the TOTP sign-in page');
    await page.locator('#f-code').fill(totpCode(secret, aa.now()));
    await page.getByRole('button', { name: '验证' }).click();
    await page.waitForURL(`${base}/admin`);
    assert.ok(await page.getByText('李文').first().isVisible());
    await page.close();
  });
});
