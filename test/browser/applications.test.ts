// An online application from end to end, in Chromium: a citizen finds
// 新生儿落户 by the life event 出生, reads the guide, signs in and applies with
// uploads; the police department's handler accepts and asks for 补正; the
// citizen supplies it; the handler approves; the citizen sees the decision and
// rates it 不满意; the department answers the follow-up with 整改反馈 and
// 回访. axe-core finds no WCAG 2.1 AA violation on the application form or
// the handler's workspace.
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { seedDemoForms } from '../../src/modules/applications/demo/seed.ts';
import { demoOrganisations } from '../../src/modules/identity/demo-organisations.ts';
import { insertMissingOrganisations } from '../../src/modules/identity/organisations.ts';
import { totpCode } from '../../src/modules/identity/totp.ts';
import { idNumberCheckChar } from '../../src/modules/identity/validators.ts';
import { seedDemoServices } from '../../src/modules/services/demo/seed.ts';
import { makeCitizen, PASSWORD } from '../helpers/account.ts';
import { axeViolations, launchBrowser } from '../helpers/browser.ts';
import { type AdminApp, createStaffUser, openAdminApp, type StaffUser } from '../helpers/staff.ts';

const PHONE = '13985016688';
const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);

describe('an online application, in Chromium', () => {
  let aa: AdminApp;
  let base = '';
  let browser: Browser;
  let citizenSide: BrowserContext;
  let staffSide: BrowserContext;
  let handler: StaffUser;
  const dir = mkdtempSync(join(tmpdir(), 'yimen-apply-'));
  const file = (name: string, bytes: Buffer) => {
    const path = join(dir, name);
    writeFileSync(path, bytes);
    return path;
  };

  before(async () => {
    aa = await openAdminApp('sqlite');
    await insertMissingOrganisations(aa.ctx.db, demoOrganisations);
    await seedDemoServices(aa.ctx, () => {});
    await seedDemoForms(aa.ctx);
    const police = await aa.ctx.db.kysely
      .selectFrom('organisation')
      .select('id')
      .where('code', '=', 'public-security')
      .executeTakeFirstOrThrow();
    handler = await createStaffUser(aa, {
      displayName: '户籍民警',
      roles: [{ role: 'handler', scope: `org:${police.id}` }],
    });
    await makeCitizen(aa.ctx, PHONE, PASSWORD, '陈国栋');
    base = await aa.app.listen({ port: 0, host: '127.0.0.1' });
    ({ browser, context: citizenSide } = await launchBrowser());
    staffSide = await browser.newContext({ locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
  });
  after(async () => {
    await browser?.close();
    await aa?.close();
  });

  async function accessible(page: Page, what: string) {
    assert.deepEqual(await axeViolations(page), [], `axe on ${what}`);
  }

  let citizen: Page;
  let staff: Page;
  let caseUrl = '';

  it('finds 新生儿落户 by life event, reads the guide, signs in and applies with uploads', async () => {
    citizen = await citizenSide.newPage();
    citizen.setDefaultTimeout(10_000);
    await citizen.goto(`${base}/services/`);
    await citizen.getByRole('link', { name: /^出生/ }).first().click();
    await citizen.waitForURL(/\/services\/life\/birth/);
    await citizen.getByRole('link', { name: '新生儿出生登记（落户）' }).first().click();
    await citizen.waitForURL(/\/services\/GA-001$/);
    assert.ok(
      await citizen.getByText('《出生医学证明》').first().isVisible(),
      'the guide lists the materials',
    );
    await citizen.getByRole('link', { name: '在线办理' }).click();
    await citizen.waitForURL(/\/account\/login/);
    const login = citizen.getByRole('form', { name: '密码登录' });
    await login.locator('#f-phone').fill(PHONE);
    await login.locator('#f-password').fill(PASSWORD);
    await login.getByRole('button', { name: '登录' }).click();
    await citizen.waitForURL(/\/services\/GA-001\/apply/);
    await accessible(citizen, 'the application form');
    await citizen.goto(`${base}/elder?on=1&back=/services/GA-001/apply`);
    await citizen.waitForURL(/\/services\/GA-001\/apply/);
    await accessible(citizen, 'the application form in elder mode');
    await citizen.goto(`${base}/elder?on=0&back=/services/GA-001/apply`);
    await citizen.waitForURL(/\/services\/GA-001\/apply/);

    await citizen.locator('#f-child_name').fill('陈思远');
    await citizen.getByLabel('男', { exact: true }).check();
    await citizen.locator('#f-birth_date').fill('2026-11-25');
    await citizen.locator('#f-birth_place').fill('遵义医科大学附属医院');
    await citizen.locator('#f-guardian_name').fill('陈国栋');
    await citizen
      .locator('#f-guardian_id')
      .fill(`52030219880512003${idNumberCheckChar('52030219880512003')}`);
    await citizen.locator('#f-relation').selectOption('father');
    await citizen.locator('#f-parents_married').getByLabel('是').check();
    await citizen.locator('#f-settle_with').selectOption('father');
    await citizen
      .locator('#f-material-birth-medical-certificate')
      .setInputFiles(file('出生医学证明.pdf', PDF));
    await citizen
      .locator('#f-material-parents-household-register')
      .setInputFiles(file('户口簿.pdf', PDF));
    await citizen.locator('#f-material-parents-id-cards').setInputFiles(file('身份证.png', PNG));
    // The marriage certificate is left out: the form says what is missing and keeps the answers.
    await citizen.getByRole('button', { name: '提交申请' }).click();
    await citizen.getByText('请上传父母结婚证').first().waitFor();
    assert.equal(await citizen.locator('#f-child_name').inputValue(), '陈思远');
    await accessible(citizen, 'the application form with errors');
    for (const [id, name, bytes] of [
      ['birth-medical-certificate', '出生医学证明.pdf', PDF],
      ['parents-household-register', '户口簿.pdf', PDF],
      ['parents-id-cards', '身份证.png', PNG],
      ['marriage-certificate', '结婚证.pdf', PDF],
    ] as const)
      await citizen.locator(`#f-material-${id}`).setInputFiles(file(name, bytes));
    await citizen.getByRole('button', { name: '提交申请' }).click();
    await citizen.waitForURL(/\/account\/applications\/[0-9a-f-]+\?ok=submitted/);
    caseUrl = citizen.url().split('?')[0]!;
    assert.match((await citizen.locator('.tracking-no').textContent()) ?? '', /^YM\d{14}$/);
    assert.ok(await citizen.getByText('已提交，待受理').first().isVisible());
  });

  it('the handler accepts the case and asks for a supplement', async () => {
    staff = await staffSide.newPage();
    staff.setDefaultTimeout(10_000);
    await staff.goto(`${base}/admin/login`);
    await staff.locator('#f-username').fill(handler.username);
    await staff.locator('#f-password').fill(handler.password);
    await staff.getByRole('button', { name: '登录' }).click();
    await staff.waitForURL(/\/admin\/login\/totp/);
    aa.advance(30_000);
    await staff.locator('#f-code').fill(totpCode(handler.secret, aa.now()));
    await staff.getByRole('button', { name: '验证' }).click();
    await staff.waitForURL(`${base}/admin`);
    await staff.getByRole('link', { name: '办件受理' }).first().click();
    await staff.waitForURL(`${base}/admin/applications`);
    await accessible(staff, 'the handling queue');
    await staff
      .getByRole('link', { name: /^YM\d{14}$/ })
      .first()
      .click();
    await accessible(staff, 'the case page');
    await staff.getByRole('button', { name: '受理', exact: true }).click();
    await staff.getByText('已受理，办理时限开始计算').waitFor();
    await staff
      .getByLabel('需要补正的内容（一次性告知）')
      .fill('出生医学证明照片不清晰，请上传清晰的扫描件。');
    await staff.getByRole('button', { name: '要求补正' }).click();
    await staff.getByText('办理时限暂停').first().waitFor();
    await accessible(staff, 'the case page after a move');
  });

  it('the citizen supplies the material', async () => {
    await citizen.goto(caseUrl);
    assert.ok(await citizen.getByText('出生医学证明照片不清晰').first().isVisible());
    await citizen
      .getByLabel('补正材料（可选择多个文件）')
      .setInputFiles(file('出生医学证明-清晰.pdf', PDF));
    await citizen.getByRole('button', { name: '提交补正材料' }).click();
    await citizen.getByText('补正材料已提交').waitFor();
  });

  it('the handler approves with a decision', async () => {
    await staff.reload();
    assert.ok(await staff.getByText('出生医学证明-清晰.pdf').isVisible());
    const approve = staff.getByRole('region', { name: '准予（作出决定）', exact: true });
    await approve.getByLabel('决定内容').fill('准予登记：陈思远随父落户，户口簿已增页。');
    await approve.locator('input[type=file]').setInputFiles(file('准予决定书.pdf', PDF));
    await approve.getByRole('button', { name: '准予（作出决定）', exact: true }).click();
    await staff.getByText('已作出准予决定').waitFor();
  });

  it('the citizen sees the decision and rates it 不满意', async () => {
    await citizen.goto(caseUrl);
    assert.ok(await citizen.getByText('准予登记：陈思远随父落户').first().isVisible());
    assert.ok(await citizen.getByRole('link', { name: '准予决定书.pdf' }).isVisible());
    await accessible(citizen, 'the decided application with the rating form');
    await citizen.getByLabel('不满意', { exact: true }).check();
    await citizen.getByLabel('办事效率').check();
    await citizen.getByLabel('意见和建议').fill('补正来回花了好几天。');
    await citizen.getByRole('button', { name: '提交评价' }).click();
    await citizen.getByText('感谢您的评价').waitFor();
  });

  it('the department answers the follow-up: 整改反馈 and 回访', async () => {
    await staff.goto(`${base}/admin/applications/followups`);
    await accessible(staff, 'the follow-up list');
    await staff
      .getByRole('link', { name: /^YM\d{14}$/ })
      .first()
      .click();
    assert.ok(await staff.getByText('补正来回花了好几天').isVisible());
    await staff.getByLabel('整改反馈').fill('已在申请页面增加材料清晰度示例，补正一次告知到位。');
    await staff.getByRole('button', { name: '提交整改反馈' }).click();
    await staff.getByText('整改反馈已提交').waitFor();
    await staff
      .getByRole('link', { name: /^YM\d{14}$/ })
      .first()
      .click();
    await staff.getByLabel('回访记录').fill('12月1日电话回访，申请人表示认可。');
    await staff.getByRole('button', { name: '记录回访' }).click();
    await staff.getByText('回访已记录').waitFor();
    assert.ok(await staff.getByText('已完成').isVisible());
  });

  it('shows the public statistics and the progress lookup without accessibility violations', async () => {
    const page = await citizenSide.newPage();
    await page.goto(`${base}/services/stats`);
    assert.ok(await page.getByRole('img', { name: '各部门满意率' }).isVisible());
    await accessible(page, 'the statistics');
    await page.goto(`${base}/services/progress`);
    await page.getByLabel('受理编号').fill('YM20261201000001');
    await page.getByLabel('手机号码后四位').fill('0000');
    await page.getByRole('button', { name: '查询' }).click();
    await page.getByText('没有找到').waitFor();
    await accessible(page, 'the progress lookup');
    await page.close();
  });
});
