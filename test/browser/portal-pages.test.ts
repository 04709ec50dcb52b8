// The public pages in Chromium: axe-core (WCAG 2.1 AA) finds nothing on the
// portal home, an audience portal, an institution home, a channel list, an
// item page and a policy page, in normal and in elder-friendly mode; no page
// scrolls sideways at 320 px; no script or CSP errors; the elder switch works
// without JavaScript; a visitor walks home → audience portal → item →
// channel → attachment; feeds and the sitemap parse as XML.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { createLogger } from '../../src/platform/logging.ts';
import { type RunningServer, startServer } from '../../src/server.ts';
import { axeViolations, launchBrowser, watchConsole } from '../helpers/browser.ts';
import { type TestConfig, testConfig } from '../helpers/databases.ts';
import { createFixture, type Fixture, makePeople } from '../helpers/portal-content.ts';

const PAGES = {
  'portal home': '/',
  'audience portal': '/citizens/',
  'institution home': '/sites/government/',
  'channel list': '/sites/government/news/',
  'item page': '/sites/government/news/city-services.html',
  'policy page': '/sites/government/policies/small-business-policy.html',
  'attachment notice': '/sites/cppcc/notices/proposal-form.html',
  'English portal': '/en/invest/',
};

describe('portal pages in Chromium', () => {
  let t: TestConfig;
  let server: RunningServer;
  let browser: Browser;
  let context: BrowserContext;
  let f: Fixture;

  before(async () => {
    t = await testConfig('sqlite', { PORT: '0', YIMEN_JOBS: 'false' });
    server = await startServer(t.config, createLogger({ logLevel: 'silent' }), {
      announce: () => {},
    });
    f = await createFixture({ ctx: server.ctx, people: await makePeople(server.ctx) });
    ({ browser, context } = await launchBrowser());
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
    await t?.cleanup();
  });

  async function check(page: Page, label: string, path: string): Promise<void> {
    const problems = watchConsole(page);
    const res = await page.goto(`${server.url}${path}`);
    assert.equal(res?.status(), 200, `${label}: status`);
    assert.deepEqual(await axeViolations(page), [], `${label}: axe`);
    assert.deepEqual(problems, [], `${label}: console`);
  }

  it('has no axe violations on any page type in normal mode', async () => {
    const page = await context.newPage();
    for (const [label, path] of Object.entries(PAGES)) await check(page, label, path);
    await page.close();
  });

  it('switches to elder mode with a plain link, without JavaScript, and remembers it', async () => {
    const plain = await browser.newContext({ javaScriptEnabled: false, locale: 'zh-CN' });
    const page = await plain.newPage();
    await page.goto(`${server.url}/sites/government/news/`);
    const size = () =>
      page.evaluate(() => Number.parseFloat(getComputedStyle(document.body).fontSize));
    assert.ok((await size()) < 18);
    await page.getByRole('link', { name: '长者模式', exact: true }).click();
    await page.waitForURL(`${server.url}/sites/government/news/`);
    assert.ok((await size()) >= 18, 'at least 18 px type');
    const lineHeight = await page.evaluate(
      () => Number.parseFloat(getComputedStyle(document.body).lineHeight) / 20,
    );
    assert.ok(lineHeight >= 1.5, `line height ${lineHeight}`);
    const cookies = await plain.cookies();
    assert.equal(cookies.find((c) => c.name === 'yimen-elder')?.value, '1');
    await page.goto(`${server.url}/`);
    assert.ok((await size()) >= 18, 'remembered on the next page');
    assert.ok(await page.getByRole('link', { name: '退出长者模式' }).isVisible());
    assert.equal(await page.getByRole('link', { name: '长者模式', exact: true }).count(), 0);
    const target = await page.evaluate(() => {
      const link = document.querySelector('.site-nav a') as HTMLElement;
      return link.getBoundingClientRect().height;
    });
    assert.ok(target >= 48, `navigation targets are ${target} px high`);
    // A link standing alone (an error page's way home) is as big.
    await page.goto(`${server.url}/no-such-page`);
    const back = await page.getByRole('link', { name: '返回首页' }).boundingBox();
    assert.ok(back && back.height >= 48, `返回首页 is ${back?.height} px high`);
    await page.goto(`${server.url}/`);
    await page.getByRole('link', { name: '退出长者模式' }).click();
    await page.waitForURL(`${server.url}/`);
    assert.ok((await size()) < 18, 'switched off');
    await plain.close();
  });

  it('has no axe violations on any page type in elder mode', async () => {
    const elder = await browser.newContext({ locale: 'zh-CN' });
    await elder.addCookies([{ name: 'yimen-elder', value: '1', url: server.url }]);
    const page = await elder.newPage();
    for (const [label, path] of Object.entries(PAGES)) {
      await check(page, `${label} (elder)`, path);
      const size = await page.evaluate(() => getComputedStyle(document.body).fontSize);
      assert.equal(size, '20px', `${label}: elder type size`);
    }
    await elder.close();
  });

  it('never scrolls sideways on a 320 px wide phone, in either mode', async () => {
    for (const elderMode of [false, true]) {
      const phone = await browser.newContext({ viewport: { width: 320, height: 640 } });
      if (elderMode) await phone.addCookies([{ name: 'yimen-elder', value: '1', url: server.url }]);
      const page = await phone.newPage();
      for (const [label, path] of Object.entries(PAGES)) {
        await page.goto(`${server.url}${path}`);
        const width = await page.evaluate(() => document.documentElement.scrollWidth);
        assert.ok(width <= 320, `${label}${elderMode ? ' (elder)' : ''}: ${width} px wide`);
      }
      await phone.close();
    }
  });

  it('walks home → audience portal → item → channel → attachment', async () => {
    const page = await context.newPage();
    await page.goto(`${server.url}/`);
    await page.getByRole('link', { name: /^市民/ }).first().click();
    await page.waitForURL(`${server.url}/citizens/`);
    await page.getByRole('link', { name: f.article.title }).click();
    await page.waitForURL(`${server.url}/sites/government/news/city-services.html`);
    assert.ok(await page.getByRole('heading', { name: f.article.title, level: 1 }).isVisible());
    await page
      .getByRole('navigation', { name: '当前位置' })
      .getByRole('link', { name: '要闻动态' })
      .click();
    await page.waitForURL(`${server.url}/sites/government/news/`);
    await page.goto(`${server.url}/sites/cppcc/notices/proposal-form.html`);
    const download = page.waitForEvent('download');
    await page.getByRole('link', { name: /提案线索表\.pdf（PDF/ }).click();
    assert.equal((await download).suggestedFilename(), '提案线索表.pdf');
    await page.close();
  });

  it('serves feeds and the sitemap as well-formed XML', async () => {
    const page = await context.newPage();
    await page.goto(`${server.url}/`);
    for (const path of ['/sites/government/news/feed.xml', '/sitemap.xml']) {
      const error = await page.evaluate(async (url) => {
        const text = await (await fetch(url)).text();
        const doc = new DOMParser().parseFromString(text, 'application/xml');
        return doc.getElementsByTagName('parsererror')[0]?.textContent ?? null;
      }, path);
      assert.equal(error, null, path);
    }
    await page.close();
  });
});
