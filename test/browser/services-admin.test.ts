// The service guide back office in Chromium: a department editor signs in,
// creates a guide that lacks its legal basis (flagged, submission refused),
// completes it and submits it; a reviewer opens it from the queue. The list,
// the editor and the review page pass axe-core with zero violations.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { totpCode } from '../../src/modules/identity/totp.ts';
import { findServiceByCode } from '../../src/modules/services/catalog.ts';
import { seedOrganisations } from '../../src/modules/services/test-support.ts';
import { axeViolations, launchBrowser, watchConsole } from '../helpers/browser.ts';
import { type AdminApp, createStaffUser, openAdminApp, type StaffUser } from '../helpers/staff.ts';

describe('the service guide back office in Chromium', () => {
  let aa: AdminApp;
  let base = '';
  let browser: Browser;
  let context: BrowserContext;
  let editor: StaffUser;
  let reviewer: StaffUser;

  before(async () => {
    aa = await openAdminApp('sqlite');
    const org = await seedOrganisations(aa.ctx);
    const police = `org:${org['public-security']}`;
    editor = await createStaffUser(aa, {
      displayName: '周编辑',
      roles: [{ role: 'service_editor', scope: police }],
    });
    reviewer = await createStaffUser(aa, {
      displayName: '吴初审',
      roles: [{ role: 'service_reviewer', scope: police, level: 1 }],
    });
    base = await aa.app.listen({ port: 0, host: '127.0.0.1' });
    ({ browser, context } = await launchBrowser());
  });
  after(async () => {
    await browser?.close();
    await aa?.close();
  });

  async function signIn(page: Page, user: StaffUser) {
    await page.goto(`${base}/admin/login`);
    await page.locator('#f-username').fill(user.username);
    await page.locator('#f-password').fill(user.password);
    await page.getByRole('button', { name: '登录' }).click();
    await page.waitForURL(/\/admin\/login\/totp/);
    aa.advance(30_000);
    await page.locator('#f-code').fill(totpCode(user.secret, aa.now()));
    await page.getByRole('button', { name: '验证' }).click();
    await page.waitForURL(`${base}/admin`);
  }

  it('creates, flags, completes and submits a guide; the pages pass axe', async () => {
    const page = await context.newPage();
    await signIn(page, editor);
    const problems = watchConsole(page);
    await page.goto(`${base}/admin/services`);
    assert.deepEqual(await axeViolations(page), [], 'list');
    await page.getByRole('link', { name: '新建办事指南' }).click();
    assert.deepEqual(await axeViolations(page), [], 'new guide form');
    const fields: Record<string, string> = {
      '#f-code': 'GA-701',
      '#f-name': '户口簿补领',
      '#f-conditions': '户口簿遗失或损毁的本市户籍居民户主。',
      '#f-materials': 'id-card | 户主居民身份证 | 原件 | 1 | 必须',
      '#f-processSteps': '申请：到派出所提交材料\n办结：当场补发',
      '#f-feeStandard': '不收费',
      '#f-place': '户籍所在地派出所',
      '#f-hours': '工作日 9:00—17:00',
      '#f-consultPhone': '0851-28820110',
    };
    for (const [selector, value] of Object.entries(fields))
      await page.locator(selector).fill(value);
    await page.getByRole('button', { name: '创建草稿' }).click();
    await page.waitForURL(/\/admin\/services\/[0-9a-f-]+\?ok=created/);
    assert.ok(await page.getByText('缺少：设定依据').first().isVisible());
    assert.deepEqual(await axeViolations(page), [], 'editor with a completeness flag');
    await page.getByRole('button', { name: '提交审核' }).click();
    assert.ok(
      await page.getByRole('alert').filter({ hasText: '缺少设定依据' }).first().isVisible(),
    );
    assert.deepEqual(await axeViolations(page), [], 'refused submission');
    await page.locator('#f-legalBasis').fill('《中华人民共和国户口登记条例》');
    await page.getByRole('button', { name: '保存' }).click();
    await page.getByRole('button', { name: '提交审核' }).click();
    await page.waitForURL(/ok=submitted/);
    assert.equal((await findServiceByCode(aa.ctx, 'GA-701'))?.review_level, 1);
    // The refused submission answers 400 on purpose; anything else would be a fault.
    assert.deepEqual(
      problems.filter((p) => !p.includes('status of 400')),
      [],
    );
    await page.close();

    const r = await context.browser()!.newContext({ locale: 'zh-CN' });
    const rp = await r.newPage();
    await signIn(rp, reviewer);
    await rp.goto(`${base}/admin/services/review`);
    await rp.getByRole('link', { name: '户口簿补领' }).first().click();
    assert.ok(await rp.getByRole('button', { name: '审核通过' }).isVisible());
    assert.deepEqual(await axeViolations(rp), [], 'review page');
    await r.close();
  });
});
