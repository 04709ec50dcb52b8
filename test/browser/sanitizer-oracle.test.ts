// A real-browser oracle for the sanitiser: every corpus payload, sanitised,
// is loaded into Chromium with no CSP to protect it, hovered, focused and
// clicked. Any alert()/dialog, or a request to the payloads' host, fails.
// As a control, the raw corpus must trigger the oracle.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { sanitizeRichText } from '../../src/modules/content/sanitize.ts';
import { XSS_CORPUS } from '../../src/modules/content/xss-corpus.ts';
import { launchBrowser } from '../helpers/browser.ts';

async function executions(context: BrowserContext, html: string): Promise<string[]> {
  const page: Page = await context.newPage();
  const seen: string[] = [];
  page.on('dialog', async (d) => {
    seen.push(`dialog: ${d.message()}`);
    await d.dismiss();
  });
  await page.route('**/*', (route) => {
    const url = route.request().url();
    if (url.startsWith('https://oracle.test/'))
      return route.fulfill({
        body: `<!doctype html><body>${html}</body>`,
        contentType: 'text/html',
      });
    // Allowed content may load https images and follow links; the attack hosts may not be reached.
    if (new URL(url).hostname === 'xss.example') seen.push(`request: ${url}`);
    return route.abort();
  });
  await page.goto('https://oracle.test/');
  for (const el of await page.$$('body *')) {
    await el.hover({ timeout: 200, force: true }).catch(() => {});
    await el.focus().catch(() => {});
  }
  for (const link of await page.$$('a, button'))
    await link.click({ timeout: 200, force: true, noWaitAfter: true }).catch(() => {});
  await page.waitForTimeout(100);
  await page.close();
  return seen;
}

describe('sanitiser in a real browser', () => {
  let browser: Browser;
  let context: BrowserContext;
  before(async () => {
    ({ browser, context } = await launchBrowser());
  });
  after(() => browser?.close());

  it('the oracle notices the raw payloads (control)', async () => {
    const seen = await executions(context, XSS_CORPUS.join('\n'));
    assert.ok(
      seen.some((s) => s.startsWith('dialog')),
      `raw payloads should run: ${seen.join(', ')}`,
    );
  });

  it('nothing in the sanitised corpus runs or loads', async () => {
    const clean = XSS_CORPUS.map((p) => sanitizeRichText(p)).join('\n');
    assert.deepEqual(await executions(context, clean), []);
  });
});
