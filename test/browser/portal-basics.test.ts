// The portal in a real browser: the home page (on a freshly seeded database)
// and the error page render in Chinese, pass axe-core (WCAG 2.1 AA) with zero violations, and raise no
// script or CSP errors.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, BrowserContext } from 'playwright-core';
import { createLogger } from '../../src/platform/logging.ts';
import { type RunningServer, startServer } from '../../src/server.ts';
import { axeViolations, launchBrowser, watchConsole } from '../helpers/browser.ts';
import { type TestConfig, testConfig } from '../helpers/databases.ts';

describe('portal basics in Chromium', () => {
  let t: TestConfig;
  let server: RunningServer;
  let browser: Browser;
  let context: BrowserContext;
  before(async () => {
    t = await testConfig('sqlite', { PORT: '0' });
    server = await startServer(t.config, createLogger({ logLevel: 'silent' }), {
      seedWhenEmpty: true,
      announce: () => {},
    });
    ({ browser, context } = await launchBrowser());
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
    await t.cleanup();
  });

  it('shows the portal home with the institutions, accessible and error-free', async () => {
    const page = await context.newPage();
    const problems = watchConsole(page);
    const res = await page.goto(`${server.url}/`);
    assert.equal(res?.status(), 200);
    assert.equal(await page.getAttribute('html', 'lang'), 'zh-CN');
    assert.match(await page.title(), /遵义市人民政府门户网站/);
    assert.ok(
      await page.getByRole('heading', { name: '遵义市人民政府门户网站', level: 1 }).isVisible(),
    );
    assert.ok(await page.getByRole('link', { name: '遵义市人民政府', exact: true }).isVisible());
    assert.deepEqual(await axeViolations(page), []);
    assert.deepEqual(problems, []);
    await page.close();
  });

  it('shows a friendly Chinese 404 page that passes axe', async () => {
    const page = await context.newPage();
    const res = await page.goto(`${server.url}/no-such-page`);
    assert.equal(res?.status(), 404);
    assert.ok(await page.getByRole('heading', { name: '页面不存在' }).isVisible());
    assert.ok(await page.getByRole('link', { name: '返回首页' }).isVisible());
    assert.deepEqual(await axeViolations(page), []);
    await page.close();
  });

  it('reaches the main content through the skip link with the keyboard', async () => {
    const page = await context.newPage();
    await page.goto(`${server.url}/`);
    await page.keyboard.press('Tab');
    const focused = await page.evaluate(() => document.activeElement?.textContent);
    assert.equal(focused, '跳到主要内容');
    await page.keyboard.press('Enter');
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'main');
    await page.close();
  });
});
