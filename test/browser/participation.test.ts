// Citizen participation in Chromium. A reader of an item page follows the
// 我为政府网站找错 link in the footer, reports an error with the page address
// already filled in, and keeps the lookup code; the site's editor signs in,
// records the fix and answers; the reader looks the code up and reads the
// answer. A signed-in citizen comments on an open solicitation and answers a
// survey. axe-core finds no WCAG 2.1 AA violation on the error-report form, a
// solicitation page and a survey page (and the questionnaire), in normal and
// in elder-friendly mode.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { grantsOf } from '../../src/modules/identity/accounts.ts';
import { createSession } from '../../src/modules/identity/sessions.ts';
import { totpCode } from '../../src/modules/identity/totp.ts';
import type { Staff } from '../../src/modules/participation/common.ts';
import {
  createConsultation,
  setConsultationStatus,
} from '../../src/modules/participation/consultations.ts';
import {
  addQuestion,
  createSurvey,
  publishSurvey,
} from '../../src/modules/participation/surveys.ts';
import { axeViolations, launchBrowser, watchConsole } from '../helpers/browser.ts';
import { createFixture, makePeople } from '../helpers/portal-content.ts';
import {
  type AdminApp,
  createCitizen,
  createStaffUser,
  openAdminApp,
  type StaffUser,
} from '../helpers/staff.ts';

const ITEM = '/sites/government/news/city-services.html';

describe('citizen participation in Chromium', () => {
  let aa: AdminApp;
  let base = '';
  let browser: Browser;
  let context: BrowserContext;
  let editor: StaffUser;
  let consultationId = '';
  let surveyId = '';

  before(async () => {
    aa = await openAdminApp('sqlite');
    base = await aa.app.listen({ port: 0, host: '127.0.0.1' });
    await createFixture({ ctx: aa.ctx, people: await makePeople(aa.ctx), advance: aa.advance });
    editor = await createStaffUser(aa, {
      username: 'zhao.bian',
      displayName: '赵编辑',
      roles: [{ role: 'editor', scope: 'site:government' }],
    });
    const staff: Staff = {
      id: editor.account.id,
      name: editor.username,
      grants: await grantsOf(aa.ctx, editor.account.id),
    };
    consultationId = await createConsultation(aa.ctx, staff, {
      siteCode: 'government',
      department: '市交通运输局',
      title: '关于调整中心城区停车收费标准的征求意见稿',
      body: '一、调整范围\n\n中心城区道路停车泊位。\n\n二、收费标准\n\n白天首小时2元。',
      opensOn: '2026-11-25',
      closesOn: '2026-12-20',
    });
    await setConsultationStatus(aa.ctx, staff, consultationId, 'published');
    surveyId = await createSurvey(aa.ctx, staff, {
      siteCode: 'government',
      title: '公共交通出行满意度调查',
      intro: '您的回答将用于改进公交服务。',
      opensOn: '2026-11-25',
      closesOn: '2026-12-20',
    });
    const q = (kind: string, prompt: string, required: boolean, options = '') =>
      addQuestion(aa.ctx, staff, surveyId, { kind, prompt, required, options });
    await q('single', '您最常用的出行方式', true, '公交\n地铁\n步行或骑行');
    await q('multiple', '您希望改进哪些方面', false, '班次\n线路\n站台设施');
    await q('rating', '对公交服务的总体评价', true);
    await q('text', '其他建议', false);
    await publishSurvey(aa.ctx, staff, surveyId);
    ({ browser, context } = await launchBrowser());
  });
  after(async () => {
    await browser?.close();
    await aa?.close();
  });

  /** The editor signs in with password and TOTP, in a context of their own. */
  async function staffSignIn(): Promise<Page> {
    const page = await (await browser.newContext({ locale: 'zh-CN' })).newPage();
    await page.goto(`${base}/admin/login`);
    await page.locator('#f-username').fill(editor.username);
    await page.locator('#f-password').fill(editor.password);
    await page.getByRole('button', { name: '登录' }).click();
    await page.waitForURL(/\/admin\/login\/totp/);
    aa.advance(30_000); // a TOTP step is accepted once
    await page.locator('#f-code').fill(totpCode(editor.secret, aa.now()));
    await page.getByRole('button', { name: '验证' }).click();
    await page.waitForURL(`${base}/admin`);
    return page;
  }

  async function accessible(page: Page, what: string) {
    assert.deepEqual(await axeViolations(page), [], `axe on ${what}`);
  }

  it('reports an error from an item page; the editor fixes and answers; the reporter reads the answer', async () => {
    const page = await context.newPage();
    const problems = watchConsole(page);
    await page.goto(`${base}${ITEM}`);
    await page.getByRole('link', { name: '我为政府网站找错' }).click();
    await page.waitForURL(/\/feedback\/error\?url=/);
    await accessible(page, 'the error-report form');
    assert.equal(await page.locator('#f-page_url').inputValue(), ITEM);
    await page.locator('#f-kind').selectOption('typo');
    await page.locator('#f-description').fill('第二段“办事指南”写成了“办是指南”。');
    await page.locator('#f-contact').fill('reader@example.com');
    await page.getByRole('button', { name: '提交报告' }).click();
    await page.waitForURL(/\/feedback\/status\?code=/);
    const code = (await page.locator('.lookup-code').textContent())?.trim() ?? '';
    assert.match(code, /^[A-Z0-9]{12}$/);
    await accessible(page, 'the report confirmation');

    const staffPage = await staffSignIn();
    await staffPage.getByRole('link', { name: '网站找错' }).first().click();
    await staffPage.getByRole('link', { name: code }).click();
    await accessible(staffPage, 'a report in the back office');
    await staffPage.locator('#f-outcome').selectOption('fixed');
    await staffPage.locator('#f-answer').fill('已将“办是指南”更正为“办事指南”，感谢您的指正。');
    await staffPage.getByRole('button', { name: '保存并答复' }).click();
    await staffPage.getByText('已答复报告人。').waitFor();
    await staffPage.context().close();

    await page.goto(`${base}/feedback/error`);
    await page.locator('#f-code').fill(code);
    await page.getByRole('button', { name: '查询' }).click();
    await page.getByText('已将“办是指南”更正为“办事指南”').waitFor();
    assert.ok(await page.getByText('已修正').first().isVisible());
    assert.deepEqual(problems, []);
    await page.close();
  });

  it('lets a signed-in citizen comment on a solicitation and answer a survey', async () => {
    const citizen = await createCitizen(aa);
    const token = await createSession(aa.ctx, citizen, { ip: '127.0.0.1', userAgent: 'chromium' });
    const own = await browser.newContext({ locale: 'zh-CN' });
    await own.addCookies([{ name: 'yimen_sid', value: token, url: base }]);
    const page = await own.newPage();
    const problems = watchConsole(page);

    await page.goto(`${base}/consultations/`);
    await page.getByRole('link', { name: '关于调整中心城区停车收费标准的征求意见稿' }).click();
    await accessible(page, 'a solicitation');
    await page.getByRole('link', { name: '发表意见' }).click();
    await accessible(page, 'the comment form');
    await page.locator('#f-body').fill('建议夜间停车免费时段延长到早上八点。');
    await page.getByRole('button', { name: '提交' }).click();
    await page.getByText('意见已提交，审核后公开显示').waitFor();

    await page.goto(`${base}/surveys/`);
    await page.getByRole('link', { name: '公共交通出行满意度调查' }).click();
    await accessible(page, 'a survey page');
    await page.getByRole('link', { name: '参与调查' }).click();
    await page.getByRole('button', { name: '提交问卷' }).click();
    await page.getByText('此题为必答题').first().waitFor();
    await accessible(page, 'the questionnaire with errors');
    await page.getByRole('radio', { name: '地铁' }).check();
    await page.getByRole('checkbox', { name: '班次' }).check();
    await page.getByRole('checkbox', { name: '站台设施' }).check();
    await page.getByRole('radio', { name: '4分' }).check();
    await page.locator('textarea').fill('希望增加夜班公交。');
    await page.getByRole('button', { name: '提交问卷' }).click();
    await page.getByText('问卷已提交，感谢您的参与').waitFor();
    const rows = await aa.ctx.db.kysely.selectFrom('survey_response').selectAll().execute();
    assert.equal(rows.length, 1);
    // The one expected failure: the questionnaire sent back with its errors (400).
    assert.deepEqual(
      problems.filter((p) => !p.includes('status of 400')),
      [],
    );
    await own.close();
  });

  it('shows a closed survey with its results as accessible charts, in the back office too', async () => {
    aa.advance(20 * 24 * 3_600_000); // past the last day, 2026-12-20
    const page = await context.newPage();
    await page.goto(`${base}/surveys/${surveyId}`);
    await page.getByRole('heading', { name: '调查结果' }).waitFor();
    assert.equal(
      await page.locator('svg[role="img"]').count(),
      3,
      'one chart per choice or rating question',
    );
    assert.ok(await page.getByText('共收到1份回答').isVisible());
    assert.equal(await page.getByText('希望增加夜班公交').count(), 0, 'free text never public');
    await accessible(page, 'a closed survey with its results');
    await page.close();
    const staffPage = await staffSignIn();
    await staffPage.goto(`${base}/admin/surveys/${surveyId}`);
    assert.ok(
      await staffPage.getByText('希望增加夜班公交').isVisible(),
      'the back office reads free text',
    );
    await accessible(staffPage, 'survey results in the back office');
    await staffPage.goto(`${base}/admin/consultations/${consultationId}`);
    await accessible(staffPage, 'a solicitation with its comments in the back office');
    await staffPage.context().close();
  });

  it('has no axe violations on the form, a solicitation and a survey in elder mode', async () => {
    const elder = await browser.newContext({ locale: 'zh-CN' });
    await elder.addCookies([{ name: 'yimen-elder', value: '1', url: base }]);
    const page = await elder.newPage();
    for (const [what, path] of [
      ['the error-report form', `/feedback/error?url=${encodeURIComponent(ITEM)}`],
      ['a solicitation', `/consultations/${consultationId}`],
      ['a survey page with results', `/surveys/${surveyId}`],
    ] as const) {
      await page.goto(`${base}${path}`);
      await accessible(page, `${what} (elder)`);
    }
    await elder.close();
  });
});
