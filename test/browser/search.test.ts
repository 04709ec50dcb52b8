// Search in a real browser, on a freshly seeded portal: the home page's box
// leads to /search, results show tabs and highlighted matches, a result link
// goes through the click-through to the document, suggestions appear while
// typing, and the results, no-results and elder-mode pages pass axe-core
// (WCAG 2.1 AA) with no script or CSP errors.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, BrowserContext } from 'playwright-core';
import { createLogger } from '../../src/platform/logging.ts';
import { type RunningServer, startServer } from '../../src/server.ts';
import { axeViolations, launchBrowser, watchConsole } from '../helpers/browser.ts';
import { type TestConfig, testConfig } from '../helpers/databases.ts';

describe('search in Chromium', () => {
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

  it('searches from the home page box, shows tabs and highlights, and opens a result', async () => {
    const page = await context.newPage();
    const problems = watchConsole(page);
    await page.goto(`${server.url}/`);
    await page.getByLabel('搜索关键词').fill('公积金提取');
    await page.getByRole('button', { name: '搜索' }).click();
    await page.waitForURL(/\/search\?q=/);
    assert.ok(
      await page.getByRole('heading', { name: '“公积金提取”的搜索结果', level: 1 }).isVisible(),
    );
    const tabs = page.getByRole('navigation', { name: '结果类型' });
    assert.match((await tabs.textContent()) ?? '', /全部（\d+）/);
    assert.match((await tabs.textContent()) ?? '', /政策文件（\d+）/);
    assert.ok((await page.locator('.search-hits mark').count()) > 0, 'matches are highlighted');
    assert.deepEqual(await axeViolations(page), []);
    const first = page.locator('.search-hit h3 a').first();
    const title = (await first.textContent()) ?? '';
    await first.click();
    // A task-like query may lead first to a service guide, else to an article.
    await page.waitForURL(/(\/services\/[A-Z0-9-]+|\.html)$/);
    assert.ok(await page.getByRole('heading', { name: title, level: 1 }).isVisible());
    assert.deepEqual(problems, []);
    await page.close();
  });

  it('filters by type through the tabs and keeps working without JavaScript', async () => {
    const noJs = await browser.newContext({ javaScriptEnabled: false, locale: 'zh-CN' });
    const page = await noJs.newPage();
    await page.goto(`${server.url}/search?q=${encodeURIComponent('医保')}`);
    await page.getByRole('link', { name: /^政策解读（\d+）$/ }).click();
    await page.waitForURL(/type=interpretation/);
    const types = await page.locator('.search-meta span:first-child').allTextContents();
    assert.ok(types.length > 0 && types.every((x) => x === '政策解读'), types.join(','));
    await page.getByLabel('排序').selectOption('date');
    await page.getByRole('button', { name: '搜索' }).click();
    await page.waitForURL(/sort=date/);
    assert.match(page.url(), /type=interpretation/);
    await noJs.close();
  });

  it('suggests while typing', async () => {
    const page = await context.newPage();
    const problems = watchConsole(page);
    await page.goto(`${server.url}/search`);
    await page.getByLabel('搜索关键词').pressSequentially('公积金');
    const suggestion = page.locator('#search-suggest a').first();
    await suggestion.waitFor();
    assert.match((await suggestion.textContent()) ?? '', /公积金/);
    assert.deepEqual(problems, []);
    await page.close();
  });

  it('shows a helpful no-results page, accessible in normal and elder mode', async () => {
    const page = await context.newPage();
    await page.goto(`${server.url}/search?q=${encodeURIComponent('量子引力波')}`);
    assert.ok(await page.getByText('没有找到与“量子引力波”相关的结果。').isVisible());
    assert.deepEqual(await axeViolations(page), []);
    await page.goto(`${server.url}/elder?on=1&back=/`);
    await page.goto(`${server.url}/search?q=${encodeURIComponent('医保')}`);
    assert.ok(await page.locator('.elder-off').isVisible(), 'elder mode is on');
    assert.deepEqual(await axeViolations(page), []);
    await page.close();
  });

  it('searches the English investment portal in English, accessibly', async () => {
    const page = await context.newPage();
    await page.goto(`${server.url}/en/invest/`);
    await page.getByRole('link', { name: 'Search', exact: true }).click();
    await page.getByLabel('Search terms').fill('investing');
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    assert.match(page.url(), /\/en\/invest\/search\?q=investing/);
    assert.equal(await page.locator('html').getAttribute('lang'), 'en');
    const marked = await page.locator('.search-hits mark').allTextContents();
    assert.ok(marked.length > 0, 'results with the matched words highlighted');
    assert.ok(
      marked.every((m) => /^invest/i.test(m)),
      `whole words of the stem invest: ${marked.join(', ')}`,
    );
    assert.deepEqual(await axeViolations(page), []);
    await page.close();
  });
});
