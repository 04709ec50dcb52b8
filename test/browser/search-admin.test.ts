// The search back office in Chromium: the portal's site administrator signs
// in, reads the hot and zero-result queries, adds a synonym set and a best
// bet through the page's forms, and the public /search honours both at once.
// The back office passes axe-core (WCAG 2.1 AA) with zero violations, with
// statistics, with vocabulary listed and with a refused form.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { backendOf } from '../../src/modules/search/indexer.ts';
import { lexicon } from '../../src/modules/search/lexicon.ts';
import { prepare } from '../../src/modules/search/prepare.ts';
import type { AppContext } from '../../src/platform/module.ts';
import { axeViolations, launchBrowser, watchConsole } from '../helpers/browser.ts';
import {
  type AdminApp,
  createStaffUser,
  openAdminApp,
  type StaffUser,
  signInPage,
} from '../helpers/staff.ts';

const SHEBAO = '/citizens/news/shebao-chaxun.html';
const HOUSING = '/government/news/gongjijin-tiqu.html';

/** Put a page in the index as the indexer would after it was published. */
async function indexPage(
  ctx: AppContext,
  doc: { id: string; title: string; body: string; url: string },
) {
  const at = '2026-10-01T02:00:00.000Z';
  const prepared = prepare((await lexicon(ctx)).analyzer, {
    source: 'content',
    sourceId: doc.id,
    title: doc.title,
    body: doc.body,
    url: doc.url,
    siteCode: doc.url.split('/')[1]!,
    type: 'news',
    audiences: ['citizen'],
    topics: [],
    publishedAt: at,
  });
  await backendOf(ctx).write(ctx.db.kysely, [prepared], at);
}

describe('the search back office in Chromium', () => {
  let aa: AdminApp;
  let base = '';
  let browser: Browser;
  let context: BrowserContext;
  let admin: StaffUser;

  before(async () => {
    aa = await openAdminApp('sqlite');
    await indexPage(aa.ctx, {
      id: 'doc-1',
      title: '如何查询个人社会保险缴费记录',
      body: '登录社会保险网上服务平台即可查询个人缴费记录。',
      url: SHEBAO,
    });
    await indexPage(aa.ctx, {
      id: 'doc-2',
      title: '住房公积金提取办理流程',
      body: '职工购买自住住房的，可以申请提取住房公积金。',
      url: HOUSING,
    });
    admin = await createStaffUser(aa, {
      displayName: '郑管理',
      roles: [{ role: 'site_admin', scope: 'site:portal' }],
    });
    base = await aa.app.listen({ port: 0, host: '127.0.0.1' });
    ({ browser, context } = await launchBrowser());
  });
  after(async () => {
    await browser?.close();
    await aa?.close();
  });

  /** The titles of the public results for a query, in order, and which are pinned. */
  async function publicResults(page: Page, q: string): Promise<string[]> {
    await page.goto(`${base}/search?q=${encodeURIComponent(q)}`);
    const hits = page.locator('.search-hit');
    const out: string[] = [];
    for (let i = 0; i < (await hits.count()); i++) {
      const hit = hits.nth(i);
      const title = ((await hit.locator('h3 a').textContent()) ?? '').trim();
      const pinned = (await hit.getAttribute('class'))?.includes('search-pinned');
      out.push(pinned ? `推荐 ${title}` : title);
    }
    return out;
  }

  it('adds a synonym and a best bet through the page; public search honours them', async () => {
    const reader = await context.newPage();
    // What citizens searched for, so the statistics have rows.
    assert.deepEqual(await publicResults(reader, '社保'), [], 'no synonym yet');
    assert.deepEqual(await publicResults(reader, '社会保险'), ['如何查询个人社会保险缴费记录']);

    const page = await context.newPage();
    await signInPage(aa, page, base, admin);
    const problems = watchConsole(page);
    await page.getByRole('link', { name: '搜索管理' }).first().click();
    await page.waitForURL(`${base}/admin/search`);
    const zero = page.getByRole('region', { name: '无结果的搜索（近 30 天）' });
    assert.ok(await zero.getByRole('link', { name: '社保' }).isVisible());
    const hot = page.getByRole('region', { name: '热门搜索（近 30 天）' });
    assert.ok(await hot.getByRole('link', { name: '社会保险' }).isVisible());
    assert.deepEqual(await axeViolations(page), [], 'statistics');

    await page.getByRole('textbox', { name: /^同义词组/ }).fill('社保、社会保险');
    await page.getByRole('button', { name: '添加同义词组' }).click();
    await page.waitForURL(/ok=synonym$/);
    assert.ok(await page.getByText('社保 / 社会保险').isVisible());

    // A page outside the index is refused at its field, and the page stays accessible.
    const bets = page.getByRole('region', { name: '推荐结果' });
    await bets.getByRole('textbox', { name: /^搜索词/ }).fill('社保');
    await bets.getByRole('textbox', { name: /^页面地址/ }).fill('https://evil.example/');
    await bets.getByRole('button', { name: '添加推荐' }).click();
    assert.ok(
      await page
        .getByRole('alert')
        .filter({ hasText: '请填写已发布页面的站内地址' })
        .first()
        .isVisible(),
    );
    assert.deepEqual(await axeViolations(page), [], 'refused best bet');

    await bets.getByRole('textbox', { name: /^页面地址/ }).fill(HOUSING);
    await bets.getByRole('button', { name: '添加推荐' }).click();
    await page.waitForURL(/ok=bet$/);
    assert.ok(await bets.getByRole('link', { name: '住房公积金提取办理流程' }).isVisible());
    assert.deepEqual(await axeViolations(page), [], 'vocabulary listed');
    // The refused best bet answers 400 on purpose; anything else would be a fault.
    assert.deepEqual(
      problems.filter((p) => !p.includes('status of 400')),
      [],
    );

    assert.deepEqual(await publicResults(reader, '社保'), [
      '推荐 住房公积金提取办理流程',
      '如何查询个人社会保险缴费记录',
    ]);
    assert.deepEqual(await publicResults(reader, '社会保险'), ['如何查询个人社会保险缴费记录']);
  });
});
