// The back-office editor in Chromium: an editor signs in (password and TOTP),
// writes an item in the enhanced editor (typing, then bold from the toolbar),
// saves and submits it; a reviewer opens the review page. axe-core reports no
// WCAG 2.1 AA violation on the editor or the review page, and no script or
// CSP error occurs (editor.js is a static file; the CSP allows nothing inline).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { getItem, getRevision } from '../../src/modules/content/items.ts';
import { axeViolations, launchBrowser, watchConsole } from '../helpers/browser.ts';
import {
  type AdminApp,
  createStaffUser,
  openAdminApp,
  type StaffUser,
  signInPage,
} from '../helpers/staff.ts';

describe('the content editor in Chromium', () => {
  let aa: AdminApp;
  let base = '';
  let browser: Browser;
  let context: BrowserContext;
  let editor: StaffUser;
  let reviewer: StaffUser;
  let reviewer2: StaffUser;
  let reviewer3: StaffUser;
  let siteAdmin: StaffUser;
  let itemId = '';

  before(async () => {
    aa = await openAdminApp('sqlite');
    editor = await createStaffUser(aa, {
      displayName: '李编辑',
      roles: [{ role: 'editor', scope: 'site:party' }],
    });
    reviewer = await createStaffUser(aa, {
      displayName: '王审核',
      roles: [{ role: 'reviewer', scope: 'site:party', level: 1 }],
    });
    reviewer2 = await createStaffUser(aa, {
      displayName: '赵复审',
      roles: [{ role: 'reviewer', scope: 'site:party', level: 2 }],
    });
    reviewer3 = await createStaffUser(aa, {
      displayName: '钱终审',
      roles: [{ role: 'reviewer', scope: 'site:party', level: 3 }],
    });
    siteAdmin = await createStaffUser(aa, {
      displayName: '孙站长',
      roles: [{ role: 'site_admin', scope: 'site:party' }],
    });
    base = await aa.app.listen({ port: 0, host: '127.0.0.1' });
    ({ browser, context } = await launchBrowser());
  });
  after(async () => {
    await browser?.close();
    await aa?.close();
  });

  const signIn = (page: Page, user: StaffUser) => signInPage(aa, page, base, user);

  it('writes, formats, saves and submits an item; the editor passes axe', async () => {
    const page = await context.newPage();
    await signIn(page, editor);
    // Watched from here: the sign-in pages are not this test's (and the back office's
    // layout has no icon link yet, so a first visit asks for /favicon.ico).
    const problems = watchConsole(page);
    await page.goto(`${base}/admin/content/new?channel=party-news`);
    const area = page.locator('.rte-area');
    await area.waitFor();
    assert.equal(
      await page.locator('textarea[name="body"]').isHidden(),
      true,
      'the text area is replaced',
    );
    assert.deepEqual(await axeViolations(page), [], 'new-item editor');
    await page.locator('#f-title').fill('市委召开全体会议');
    await area.click();
    await page.keyboard.type('会议强调抓好落实');
    await page.keyboard.press('ControlOrMeta+A');
    const bold = page.getByRole('button', { name: '加粗' });
    await bold.click();
    assert.equal(await bold.getAttribute('aria-pressed'), 'true');
    await page.getByRole('checkbox', { name: '市民' }).check();
    await page.getByRole('button', { name: '创建稿件' }).click();
    await page.waitForURL(/\/admin\/content\/[^/]+\/edit\?ok=created/);
    itemId = /\/admin\/content\/([^/]+)\/edit/.exec(page.url())![1]!;
    const item = await getItem(aa.ctx, itemId);
    const rev = await getRevision(aa.ctx, itemId, item.working_revision);
    assert.match(rev.body_html, /<(b|strong)>会议强调抓好落实<\/(b|strong)>/, rev.body_html);
    assert.deepEqual(JSON.parse(rev.audiences), ['citizen']);
    // The saved item's editor, with attachments, cover, schedule and submit forms.
    await page.locator('.rte-area b, .rte-area strong').first().waitFor();
    assert.deepEqual(await axeViolations(page), [], 'editor of a saved item');
    if (process.env.YIMEN_SCREENSHOTS)
      await page.screenshot({
        path: `${process.env.YIMEN_SCREENSHOTS}/editor.png`,
        fullPage: true,
      });
    await page.getByRole('button', { name: '提交审核' }).click();
    await page.waitForURL(new RegExp(`/admin/content/${itemId}\\?ok=submitted`));
    assert.equal((await getItem(aa.ctx, itemId)).workflow, 'in_review');
    // The preview is the public item page, marked as such.
    await page.goto(`${base}/admin/content/${itemId}/preview`);
    assert.ok(await page.locator('.preview-banner').isVisible());
    assert.ok(await page.getByRole('heading', { name: '市委召开全体会议', level: 1 }).isVisible());
    assert.equal(await page.getAttribute('meta[name="robots"]', 'content'), 'noindex, nofollow');
    if (process.env.YIMEN_SCREENSHOTS)
      await page.screenshot({
        path: `${process.env.YIMEN_SCREENSHOTS}/preview.png`,
        fullPage: true,
      });
    assert.deepEqual(problems, []);
    await page.close();
  });

  it('shows the reviewer an accessible review page with the item in the queue', async () => {
    const reviewContext = await browser.newContext({
      locale: 'zh-CN',
      timezoneId: 'Asia/Shanghai',
    });
    const page = await reviewContext.newPage();
    await signIn(page, reviewer);
    const problems = watchConsole(page);
    await page.goto(`${base}/admin/content/review`);
    await page.getByRole('link', { name: '市委召开全体会议' }).click();
    await page.waitForURL(`${base}/admin/content/${itemId}`);
    assert.ok(await page.getByRole('heading', { name: '当前审级：初审' }).isVisible());
    assert.deepEqual(await axeViolations(page), [], 'review page');
    if (process.env.YIMEN_SCREENSHOTS)
      await page.screenshot({
        path: `${process.env.YIMEN_SCREENSHOTS}/review.png`,
        fullPage: true,
      });
    await page.locator('#f-comment').fill('同意');
    await page.getByRole('button', { name: '审核通过' }).click();
    await page.waitForURL(/\?ok=approved/);
    assert.equal((await getItem(aa.ctx, itemId)).review_level, 2);
    assert.deepEqual(await axeViolations(page), [], 'review page after approval');
    assert.deepEqual(problems, []);
    await reviewContext.close();
  });

  it('passes 复审 and 终审, goes live on the institution site, and shows on the portal home as soon as it is pushed', async () => {
    for (const [who, level] of [
      [reviewer2, '复审'],
      [reviewer3, '终审'],
    ] as const) {
      const ctx = await browser.newContext({ locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
      const page = await ctx.newPage();
      await signIn(page, who);
      await page.goto(`${base}/admin/content/${itemId}`);
      assert.ok(await page.getByRole('heading', { name: `当前审级：${level}` }).isVisible());
      await page.getByRole('button', { name: '审核通过' }).click();
      await page.waitForURL(/\?ok=approved/);
      await ctx.close();
    }
    const item = await getItem(aa.ctx, itemId);
    assert.equal(item.publication, 'published');

    const visitor = await browser.newContext({ locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
    const pub = await visitor.newPage();
    await pub.goto(`${base}/sites/party/news/`);
    await pub.getByRole('link', { name: '市委召开全体会议' }).click();
    await pub.waitForURL(`${base}/sites/party/news/${item.slug}.html`);
    assert.ok(await pub.getByRole('heading', { name: '市委召开全体会议', level: 1 }).isVisible());
    // The portal home is rendered (and cached) before the push…
    await pub.goto(`${base}/`);
    assert.equal(await pub.getByRole('link', { name: '市委召开全体会议' }).count(), 0);

    const adminCtx = await browser.newContext({ locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
    const admin = await adminCtx.newPage();
    await signIn(admin, siteAdmin);
    await admin.goto(`${base}/admin/content/${itemId}`);
    await admin.getByRole('button', { name: /^推送\s*遵义市人民政府门户网站$/ }).click();
    await admin.waitForURL(/ok=/);
    await admin.waitForLoadState();
    await adminCtx.close();

    // …and the server's very next answer shows the pushed item. (A new visitor:
    // this one's browser may keep the old page for its max-age of 60 s.)
    await visitor.close();
    const next = await (await browser.newContext({ locale: 'zh-CN' })).newPage();
    await next.goto(`${base}/`);
    assert.ok(await next.getByRole('link', { name: '市委召开全体会议' }).first().isVisible());
    assert.deepEqual(await axeViolations(next), [], 'portal home with the pushed item');
    await next.context().close();
  });
});
