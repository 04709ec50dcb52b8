// Letters in Chromium: a citizen writes to the 市长信箱, the general office
// assigns the letter, the housing bureau drafts the reply, its leader
// approves it, the reply is public (without the writer's name or phone) and
// the citizen rates it; a letter left past its deadline appears under 督办.
// axe-core finds nothing on the letter form, the public list and a letter
// page, in normal and in elder-friendly mode.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { demoOrganisations } from '../../src/modules/identity/demo-organisations.ts';
import { insertMissingOrganisations } from '../../src/modules/identity/organisations.ts';
import { createSession } from '../../src/modules/identity/sessions.ts';
import { submitLetter } from '../../src/modules/letters/submit.ts';
import { superviseLetters } from '../../src/modules/letters/supervision.ts';
import { assignLetter } from '../../src/modules/letters/triage.ts';
import { axeViolations, launchBrowser, watchConsole } from '../helpers/browser.ts';
import {
  type AdminApp,
  createCitizen,
  createStaffUser,
  openAdminApp,
  type StaffUser,
  signInPage,
} from '../helpers/staff.ts';

const SUBJECT = '新蒲新区夜间施工噪音扰民';
const BODY =
  '我叫周明，电话13985022222。新蒲新区某工地每晚十一点后仍在施工，噪音很大，影响休息，请查处。';

describe('letters in Chromium', () => {
  let aa: AdminApp;
  let base = '';
  let browser: Browser;
  let citizenContext: BrowserContext;
  let clerk: StaffUser;
  let handler: StaffUser;
  let leader: StaffUser;
  let letterPage = '';
  const org = new Map<string, string>();

  before(async () => {
    aa = await openAdminApp('sqlite');
    await insertMissingOrganisations(aa.ctx.db, demoOrganisations);
    for (const o of await aa.ctx.db.kysely
      .selectFrom('organisation')
      .select(['id', 'code'])
      .execute())
      org.set(o.code, o.id);
    const staff = (
      displayName: string,
      role: 'letter_clerk' | 'handler' | 'leader',
      code: string,
    ) => createStaffUser(aa, { displayName, roles: [{ role, scope: `org:${org.get(code)}` }] });
    clerk = await staff('刘分办', 'letter_clerk', 'gov-office');
    handler = await staff('陈办理', 'handler', 'housing');
    leader = await staff('吴局长', 'leader', 'housing');
    base = await aa.app.listen({ port: 0, host: '127.0.0.1' });
    const launched = await launchBrowser();
    browser = launched.browser;
    citizenContext = launched.context;
    const citizen = await createCitizen(aa);
    const token = await createSession(aa.ctx, citizen, { ip: '127.0.0.1', userAgent: 'chromium' });
    await citizenContext.addCookies([{ name: 'yimen_sid', value: token, url: base }]);
  });
  after(async () => {
    await browser?.close();
    await aa?.close();
  });

  async function staffPage(user: StaffUser): Promise<Page> {
    const context = await browser.newContext({ locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
    const page = await context.newPage();
    await signInPage(aa, page, base, user);
    return page;
  }

  it('walks a letter from the 市长信箱 to a public, rated reply', async () => {
    const page = await citizenContext.newPage();
    const problems = watchConsole(page);
    await page.goto(`${base}/letters/write`);
    assert.deepEqual(await axeViolations(page), [], 'letter form');
    await page.getByLabel('收信信箱').selectOption({ label: '市长信箱' });
    await page.getByLabel('来信类型').selectOption({ label: '投诉' });
    await page.getByLabel(/^标题/).fill(SUBJECT);
    await page.getByLabel(/^内容/).fill(BODY);
    await page.getByRole('button', { name: '提交来信' }).click();
    await page.waitForURL(/\/account\/letters\/[0-9a-f-]{36}\?ok=written/);
    const mine = page.url().split('?')[0]!;
    const letterId = mine.split('/').pop()!;
    assert.match((await page.locator('.letter-code').textContent()) ?? '', /^\d{10}$/);
    assert.deepEqual(problems, []);

    const office = await staffPage(clerk);
    await office.goto(`${base}/admin/letters`);
    // Listed twice: waiting for triage, and among all open letters with its age.
    await office.getByRole('link', { name: SUBJECT }).first().click();
    await office.getByLabel('主办部门').selectOption({ label: '遵义市住房和城乡建设局' });
    await office.getByRole('button', { name: '转办' }).click();
    await office.waitForURL(/ok=assigned/);
    assert.deepEqual(await axeViolations(office), [], 'back-office letter page');
    await office.context().close();

    const dept = await staffPage(handler);
    await dept.goto(`${base}/admin/letters`);
    await dept.getByRole('link', { name: SUBJECT }).first().click();
    await dept
      .getByLabel('答复内容')
      .fill('周明您好：经现场核查，该工地已被责令晚十点后停止施工，并处以罚款。感谢监督。');
    await dept.getByRole('button', { name: '送审' }).click();
    await dept.waitForURL(/ok=submitted/);
    await dept.context().close();

    const boss = await staffPage(leader);
    await boss.goto(`${base}/admin/letters/${letterId}`);
    await boss.getByRole('button', { name: '审核通过并发出' }).click();
    await boss.waitForURL(/ok=approved/);
    await boss.context().close();

    const visitor = await (await browser.newContext({ locale: 'zh-CN' })).newPage();
    await visitor.goto(`${base}/letters/`);
    assert.deepEqual(await axeViolations(visitor), [], 'public letter list');
    await visitor.getByRole('link', { name: SUBJECT }).click();
    await visitor.waitForURL(`${base}/letters/${letterId}`);
    letterPage = visitor.url();
    assert.ok(await visitor.getByRole('heading', { name: SUBJECT, level: 1 }).isVisible());
    const text = (await visitor.locator('main').textContent()) ?? '';
    assert.match(text, /责令晚十点后停止施工/);
    assert.match(text, /遵义市住房和城乡建设局/);
    assert.ok(
      !text.includes('周明') && !text.includes('13985022222'),
      'no personal data in public',
    );
    assert.deepEqual(await axeViolations(visitor), [], 'public letter page');
    await visitor.context().close();

    await page.goto(mine);
    await page.getByLabel('满意', { exact: true }).check();
    await page.getByRole('button', { name: '提交评价' }).click();
    await page.waitForURL(/ok=rated/);
    assert.ok(await page.getByText('感谢您的评价。').isVisible());
    assert.deepEqual(await axeViolations(page), [], 'my letter after rating');
    await page.close();
  });

  it('has no axe violations on the form, the list and a letter page in elder mode', async () => {
    await citizenContext.addCookies([{ name: 'yimen-elder', value: '1', url: base }]);
    const page = await citizenContext.newPage();
    for (const [label, url] of [
      ['letter form', `${base}/letters/write`],
      ['public letter list', `${base}/letters/`],
      ['public letter page', letterPage],
      ['statistics', `${base}/letters/stats`],
    ] as const) {
      const res = await page.goto(url);
      assert.equal(res?.status(), 200, label);
      assert.equal(await page.evaluate(() => getComputedStyle(document.body).fontSize), '20px');
      assert.deepEqual(await axeViolations(page), [], `${label} (elder)`);
    }
    await page.close();
    // Without an account: the form asks for a phone number and its SMS code; tracking by 查询码.
    const anonymous = await browser.newContext({ locale: 'zh-CN' });
    for (const elder of [false, true]) {
      if (elder) await anonymous.addCookies([{ name: 'yimen-elder', value: '1', url: base }]);
      const visitor = await anonymous.newPage();
      for (const path of ['/letters/write', '/letters/track']) {
        await visitor.goto(`${base}${path}`);
        assert.deepEqual(
          await axeViolations(visitor),
          [],
          `${path} without an account (elder: ${elder})`,
        );
      }
      assert.ok(await visitor.getByRole('button', { name: '查询' }).isVisible());
      await visitor.close();
    }
    await anonymous.close();
  });

  it('shows a letter left past its deadline under 督办', async () => {
    const citizen = await createCitizen(aa);
    const { id } = await submitLetter(aa.ctx, {
      accountId: citizen.id,
      actor: { id: citizen.id, name: citizen.display_name },
      ip: '127.0.0.9',
      mailboxOrgId: null,
      type: 'consult',
      subject: '咨询公租房申请条件',
      body: '请问外地户籍在本市工作满几年可以申请公租房？需要哪些材料？',
      mayPublish: true,
      attachments: [],
    });
    const office = {
      id: clerk.account.id,
      name: clerk.username,
      grants: [
        { role: 'letter_clerk' as const, scope: `org:${org.get('gov-office')}`, level: null },
      ],
    };
    await assignLetter(aa.ctx, office, id, { orgIds: [org.get('housing')!] });
    aa.advance(14 * 86_400_000);
    assert.equal((await superviseLetters(aa.ctx)).overdue >= 1, true);
    const page = await staffPage(clerk);
    await page.getByRole('link', { name: '督办' }).first().click();
    await page.waitForURL(`${base}/admin/letters/supervision`);
    assert.ok(await page.getByRole('link', { name: '咨询公租房申请条件' }).isVisible());
    assert.ok(await page.getByText('超期未答复').first().isVisible());
    assert.deepEqual(await axeViolations(page), [], 'supervision page');
    await page.context().close();
  });
});
