// The service catalog in a real browser: the catalog's front page, a life
// event list, a guide and a 一件事 bundle pass axe-core (WCAG 2.1 AA) in
// normal and elder mode, raise no script or CSP errors, and the materials
// checklist can be ticked without any script.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, BrowserContext } from 'playwright-core';
import { createLogger } from '../../src/platform/logging.ts';
import { type RunningServer, startServer } from '../../src/server.ts';
import { axeViolations, launchBrowser, watchConsole } from '../helpers/browser.ts';
import { type TestConfig, testConfig } from '../helpers/databases.ts';

const PAGES = [
  '/services/',
  '/services/life/birth',
  '/services/GA-001',
  '/services/bundles/YJS-001',
];

describe('service catalog in Chromium', () => {
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

  for (const mode of ['normal', 'elder'] as const) {
    it(`shows the catalog pages accessibly in ${mode} mode`, async () => {
      const page = await context.newPage();
      const problems = watchConsole(page);
      if (mode === 'elder') await page.goto(`${server.url}/elder?on=1&back=/services/`);
      for (const path of PAGES) {
        const res = await page.goto(`${server.url}${path}`);
        assert.equal(res?.status(), 200, path);
        assert.deepEqual(await axeViolations(page), [], `${path} (${mode})`);
      }
      assert.deepEqual(problems, []);
      if (mode === 'elder') await page.goto(`${server.url}/elder?on=0&back=/`);
      await page.close();
    });
  }

  it('finds 新生儿落户 by life event, and ticks its materials without script', async () => {
    const context2 = await browser.newContext({ javaScriptEnabled: false, locale: 'zh-CN' });
    const page = await context2.newPage();
    await page.goto(`${server.url}/services/`);
    await page.getByRole('link', { name: /^出生/ }).first().click();
    await page.getByRole('link', { name: '新生儿出生登记（落户）' }).click();
    assert.equal(new URL(page.url()).pathname, '/services/GA-001');
    const box = page.getByRole('checkbox', { name: /《出生医学证明》/ });
    assert.equal(await box.isChecked(), false);
    await box.check();
    assert.equal(await box.isChecked(), true);
    const apply = page.getByRole('link', { name: '在线办理' });
    assert.equal(await apply.getAttribute('href'), '/services/GA-001/apply');
    // The print version keeps the checklist and drops the navigation.
    await page.emulateMedia({ media: 'print' });
    assert.equal(await page.locator('.site-nav').isVisible(), false);
    assert.equal(await page.locator('.checklist').isVisible(), true);
    await context2.close();
  });
});
