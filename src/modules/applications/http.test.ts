// The application pages through HTTP: a citizen applies with real uploads, the
// department handles the case, the citizen supplies, rates and looks up
// progress; a handler of another department gets 404 for every id; lying and
// oversized files, forged fields and double posts change nothing.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { LightMyRequestResponse as Response } from 'fastify';
import { multipartBody, type Part } from '../../../test/helpers/content.ts';
import { dialects } from '../../../test/helpers/databases.ts';
import {
  type AdminApp,
  type Agent,
  citizenAgent,
  createCitizen,
  createStaffUser,
  openAdminApp,
  signIn,
} from '../../../test/helpers/staff.ts';
import { ownPhone } from '../identity/accounts.ts';
import type { AccountRow } from '../identity/tables.ts';
import { DEMO_FORMS } from './demo/forms.ts';
import { transition } from './handling.ts';
import { saveApplication } from './submission.ts';
import {
  type Fixture,
  fakeFile,
  NEWBORN_FILES,
  NEWBORN_VALUES,
  serviceTarget,
  setupCatalog,
  token,
} from './test-support.ts';

export const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
export const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);
const HTML_AS_PDF = Buffer.from('<!doctype html><html><script>alert(1)</script></html>');

async function postMultipart(agent: Agent, url: string, parts: Part[]): Promise<Response> {
  const { body, type } = multipartBody(parts, agent.csrf);
  return agent.app.inject({
    method: 'POST',
    url,
    remoteAddress: agent.ip,
    headers: { 'content-type': type, cookie: agent.cookie },
    payload: body,
  });
}

const tokenOf = (html: string) => /name="_token" value="([^"]+)"/.exec(html)?.[1] ?? '';
const fieldParts = (values: Record<string, string>): Part[] =>
  Object.entries(values).map(([name, value]) => ({ name, value }));
const newbornFiles = (): Part[] =>
  [
    'birth-medical-certificate',
    'parents-household-register',
    'parents-id-cards',
    'marriage-certificate',
  ].map((m) => ({
    name: `material-${m}`,
    filename: `${m}.pdf`,
    content: PDF,
    type: 'application/pdf',
  }));

for (const dialect of dialects) {
  describe(`application pages [${dialect}]`, () => {
    let aa: AdminApp;
    let fx: Fixture;
    let citizen: AccountRow;
    let me: Agent;
    let police: Agent;
    let hrss: Agent;
    let appId = '';
    let trackingNo = '';

    const countApps = async () =>
      Number(
        (
          await aa.ctx.db.kysely
            .selectFrom('application')
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );

    before(async () => {
      aa = await openAdminApp(dialect);
      fx = await setupCatalog(aa.ctx);
      citizen = await createCitizen(aa);
      me = await citizenAgent(aa, citizen);
      police = await signIn(
        aa,
        await createStaffUser(aa, {
          roles: [{ role: 'handler', scope: `org:${fx.orgs['public-security']}` }],
        }),
      );
      hrss = await signIn(
        aa,
        await createStaffUser(aa, { roles: [{ role: 'handler', scope: `org:${fx.orgs.hrss}` }] }),
      );
    });
    after(() => aa.close());

    it('sends a visitor who is not signed in to the sign-in page', async () => {
      const res = await aa.app.inject({ method: 'GET', url: '/services/GA-001/apply' });
      assert.equal(res.statusCode, 303);
      assert.match(String(res.headers.location), /^\/account\/login\?next=/);
    });

    it('refuses files that lie about their type, forged fields and oversize files, storing nothing', async () => {
      const form = await me.get('/services/GA-001/apply');
      assert.equal(form.statusCode, 200);
      const token = tokenOf(form.body);
      assert.ok(token);
      const before = await countApps();
      const lying = await postMultipart(me, '/services/GA-001/apply', [
        { name: '_token', value: token },
        ...fieldParts(NEWBORN_VALUES),
        ...newbornFiles().slice(1),
        {
          name: 'material-birth-medical-certificate',
          filename: 'birth.pdf',
          content: HTML_AS_PDF,
          type: 'application/pdf',
        },
      ]);
      assert.equal(lying.statusCode, 415);
      assert.match(lying.body, /扩展名是 \.pdf，但内容是网页/);
      assert.match(lying.body, /王小明/, 'the form is shown again with what was typed');
      const forged = await postMultipart(me, '/services/GA-001/apply', [
        { name: '_token', value: token },
        ...fieldParts({ ...NEWBORN_VALUES, status: 'approved' }),
        ...newbornFiles(),
      ]);
      assert.equal(forged.statusCode, 400);
      assert.match(forged.body, /不允许的字段：status/);
      const forgedFile = await postMultipart(me, '/services/GA-001/apply', [
        { name: '_token', value: token },
        { name: 'decision', filename: 'x.pdf', content: PDF },
      ]);
      assert.equal(forgedFile.statusCode, 400);
      const big = await postMultipart(me, '/services/GA-001/apply', [
        { name: '_token', value: token },
        {
          name: 'material-id-card',
          filename: 'big.pdf',
          content: Buffer.concat([PDF, Buffer.alloc(21 * 1024 * 1024)]),
        },
      ]);
      assert.equal(big.statusCode, 413);
      const bare = multipartBody([{ name: '_token', value: token }], false);
      const noCsrf = await me.app.inject({
        method: 'POST',
        url: '/services/GA-001/apply',
        headers: { cookie: me.cookie, 'content-type': bare.type },
        payload: bare.body,
      });
      assert.equal(noCsrf.statusCode, 403, noCsrf.body.slice(0, 2000));
      const malformed = await me.app.inject({
        method: 'POST',
        url: '/services/GA-001/apply',
        headers: {
          cookie: me.cookie,
          'content-type': 'multipart/form-data; boundary=nothing-matches',
        },
        payload: bare.body,
      });
      assert.equal(malformed.statusCode, 400);
      assert.equal(await countApps(), before, 'no application was created');
    });

    it('submits once with uploads: a double post returns the same application', async () => {
      const form = await me.get('/services/GA-001/apply');
      const token = tokenOf(form.body);
      const parts = [
        { name: '_token', value: token },
        ...fieldParts(NEWBORN_VALUES),
        ...newbornFiles(),
      ];
      const first = await postMultipart(me, '/services/GA-001/apply', parts);
      assert.equal(first.statusCode, 303, first.body.slice(0, 500));
      const second = await postMultipart(me, '/services/GA-001/apply', parts);
      assert.equal(second.headers.location, first.headers.location);
      appId = /\/account\/applications\/([^?]+)/.exec(String(first.headers.location))![1]!;
      const page = await me.get(String(first.headers.location));
      assert.equal(page.statusCode, 200);
      trackingNo = /class="tracking-no">([^<]+)</.exec(page.body)![1]!;
      assert.match(trackingNo, /^YM\d{14}$/);
      assert.match(page.body, /已提交，待受理/);
      const list = await me.get('/account/applications');
      assert.equal(list.statusCode, 200);
      assert.ok(list.body.includes(trackingNo), '我的办件 lists it');
      const bundle = await me.get('/services/bundles/YJS-001/apply');
      assert.equal(bundle.statusCode, 200);
      for (const name of [
        '新生儿出生登记（落户）',
        '城乡居民基本医疗保险参保登记',
        '社会保障卡申领',
      ])
        assert.ok(bundle.body.includes(name), `the bundle form names ${name}`);
      assert.equal(
        (bundle.body.match(/name="material-birth-medical-certificate"/g) ?? []).length,
        1,
        'a shared material is asked once',
      );
    });

    it('saves a draft with a file, shows it again, and submits it later with the same token', async () => {
      const form = await me.get('/services/GA-006/apply');
      const token = tokenOf(form.body);
      const draft = await postMultipart(me, '/services/GA-006/apply', [
        { name: '_token', value: token },
        { name: '_action', value: 'draft' },
        { name: 'applicant_name', value: '刘晓雯' },
        { name: 'material-id-card', filename: '身份证.png', content: PNG, type: 'image/png' },
      ]);
      assert.equal(draft.statusCode, 303, draft.body.slice(0, 300));
      assert.equal(draft.headers.location, '/services/GA-006/apply?ok=draft');
      const again = await me.get('/services/GA-006/apply?ok=draft');
      assert.match(again.body, /草稿已保存/);
      assert.equal(tokenOf(again.body), token, 'the draft keeps its token');
      assert.match(again.body, /value="刘晓雯"/);
      assert.match(again.body, /已上传：身份证\.png/);
      const submitted = await postMultipart(me, '/services/GA-006/apply', [
        { name: '_token', value: token },
        { name: 'applicant_name', value: '刘晓雯' },
        { name: 'applicant_id', value: NEWBORN_VALUES.guardian_id },
        { name: 'purpose', value: 'employment' },
        { name: 'receiving_unit', value: '遵义市某科技有限公司' },
      ]);
      assert.equal(submitted.statusCode, 303, submitted.body.slice(0, 500));
      assert.match(String(submitted.headers.location), /ok=submitted/);
    });

    it('shows a case only to its own department: another department gets 404 everywhere', async () => {
      const queue = await police.get('/admin/applications');
      assert.equal(queue.statusCode, 200);
      assert.ok(queue.body.includes(trackingNo));
      const otherQueue = await hrss.get('/admin/applications');
      assert.ok(!otherQueue.body.includes(trackingNo));
      assert.equal((await hrss.get(`/admin/applications/${appId}`)).statusCode, 404);
      assert.equal(
        (await hrss.post(`/admin/applications/${appId}/act`, { action: 'accept' })).statusCode,
        404,
      );
      const files = await aa.ctx.db.kysely
        .selectFrom('application_file')
        .select('id')
        .where('application_id', '=', appId)
        .execute();
      assert.equal(
        (await hrss.get(`/admin/applications/${appId}/files/${files[0]!.id}`)).statusCode,
        404,
      );
      const stranger = await citizenAgent(aa, await createCitizen(aa));
      assert.equal((await stranger.get(`/account/applications/${appId}`)).statusCode, 404);
      assert.equal(
        (await stranger.get(`/account/applications/${appId}/files/${files[0]!.id}`)).statusCode,
        404,
      );
      const download = await me.get(`/account/applications/${appId}/files/${files[0]!.id}`);
      assert.equal(download.statusCode, 200);
      assert.match(String(download.headers['content-disposition']), /^attachment;/);
    });

    it('walks the case: accept, 补正, supply, decide with a document, rate 不满意, answer the follow-up', async () => {
      assert.equal((await police.get(`/admin/applications/${appId}`)).statusCode, 200);
      assert.equal(
        (await police.post(`/admin/applications/${appId}/act`, { action: 'accept' })).statusCode,
        303,
      );
      const noNote = await police.post(`/admin/applications/${appId}/act`, {
        action: 'request_supplement',
        note_request_supplement: '',
      });
      assert.equal(noNote.statusCode, 400);
      const asked = await police.post(`/admin/applications/${appId}/act`, {
        action: 'request_supplement',
        note_request_supplement: '出生医学证明照片不清晰，请重新上传',
      });
      assert.equal(asked.statusCode, 303);
      const mine = await me.get(`/account/applications/${appId}`);
      assert.match(mine.body, /出生医学证明照片不清晰/);
      const supplied = await postMultipart(me, `/account/applications/${appId}/supply`, [
        { name: 'files', filename: '出生医学证明.png', content: PNG, type: 'image/png' },
      ]);
      assert.equal(supplied.statusCode, 303, supplied.body.slice(0, 300));
      await police.get(`/admin/applications/${appId}`);
      const decided = await postMultipart(police, `/admin/applications/${appId}/decide`, [
        { name: 'action', value: 'approve' },
        { name: 'note_approve', value: '准予登记，新生儿户口已落户。' },
        { name: 'decision', filename: '准予决定书.pdf', content: PDF, type: 'application/pdf' },
      ]);
      assert.equal(decided.statusCode, 303, decided.body.slice(0, 300));
      const result = await me.get(`/account/applications/${appId}`);
      assert.match(result.body, /准予登记，新生儿户口已落户/);
      const doc = await me.get(`/account/applications/${appId}/decision`);
      assert.equal(doc.statusCode, 200);
      assert.match(String(doc.headers['content-disposition']), /attachment/);
      const rated = await me.post(`/account/applications/${appId}/rate`, {
        grade: '2',
        reasons: 'efficiency',
        comment: '补正等了很久',
      });
      assert.equal(rated.statusCode, 303);
      const again = await me.post(`/account/applications/${appId}/rate`, { grade: '5' });
      assert.equal(again.statusCode, 409);
      const tasks = await police.get('/admin/applications/followups');
      const followupId = /\/admin\/applications\/followups\/([0-9a-f-]{36})/.exec(tasks.body)?.[1];
      assert.ok(followupId);
      assert.equal((await hrss.get(`/admin/applications/followups/${followupId}`)).statusCode, 404);
      await police.get(`/admin/applications/followups/${followupId}`);
      assert.equal(
        (
          await police.post(`/admin/applications/followups/${followupId}/respond`, {
            response: '已简化补正流程。',
          })
        ).statusCode,
        303,
      );
      assert.equal(
        (
          await police.post(`/admin/applications/followups/${followupId}/callback`, {
            callback_note: '已电话回访，申请人认可。',
          })
        ).statusCode,
        303,
      );
      await police.get(`/admin/applications/${appId}`);
      assert.equal(
        (await police.post(`/admin/applications/${appId}/act`, { action: 'close' })).statusCode,
        303,
      );
      assert.equal(
        (await police.post(`/admin/applications/${appId}/act`, { action: 'accept' })).statusCode,
        409,
        'a closed case cannot be reopened',
      );
      const actions = await aa.ctx.db.kysely
        .selectFrom('audit_log')
        .select('action')
        .where('target_id', '=', appId)
        .execute();
      for (const a of [
        'submit',
        'view',
        'accept',
        'request_supplement',
        'supply',
        'approve',
        'evaluate',
      ])
        assert.ok(
          actions.some((r) => r.action === `application.${a}`),
          a,
        );
    });

    it('looks up progress by number and phone tail without telling which one was wrong, and throttles guessing', async () => {
      const visitor = new (me.constructor as new (app: typeof aa.app, ip: string) => Agent)(
        aa.app,
        '203.0.113.9',
      );
      await visitor.get('/services/progress');
      const tail = ownPhone(aa.ctx, citizen)!.slice(-4);
      const ok = await visitor.post('/services/progress', {
        tracking_no: trackingNo,
        phone_tail: tail,
      });
      assert.equal(ok.statusCode, 200);
      assert.match(ok.body, /已办结/);
      const wrongTail = await visitor.post('/services/progress', {
        tracking_no: trackingNo,
        phone_tail: tail === '0000' ? '1111' : '0000',
      });
      const unknown = await visitor.post('/services/progress', {
        tracking_no: 'YM20990101000001',
        phone_tail: tail,
      });
      assert.equal(wrongTail.statusCode, 404);
      assert.equal(unknown.statusCode, 404);
      const message = (r: Response) => /<p class="notice" role="status">([^<]+)</.exec(r.body)?.[1];
      assert.equal(message(wrongTail), message(unknown));
      const injected = await visitor.post('/services/progress', {
        tracking_no: "YM' OR '1'='1",
        phone_tail: tail,
      });
      assert.equal(injected.statusCode, 400);
      let last: Response | undefined;
      for (let i = 0; i < 6; i++)
        last = await visitor.post('/services/progress', {
          tracking_no: trackingNo,
          phone_tail: String(1000 + i),
        });
      assert.equal(last?.statusCode, 429);
      assert.ok(last?.headers['retry-after']);
    });

    it('shows supervisors the overdue cases of the departments under them, and no one else', async () => {
      const applicant = { id: citizen.id, name: citizen.display_name, phone: null };
      const handlerActor = {
        id: 'x',
        name: 'test',
        grants: [
          { role: 'handler' as const, scope: `org:${fx.orgs['public-security']}`, level: null },
        ],
      };
      const late = await saveApplication(aa.ctx, {
        target: await serviceTarget(aa.ctx, 'GA-001'),
        applicant,
        token: token(),
        values: NEWBORN_VALUES,
        files: NEWBORN_FILES.map((m) => fakeFile(m)),
        submit: true,
      });
      await transition(aa.ctx, { applicationId: late.id, action: 'accept', actor: handlerActor });
      aa.advance(14 * 86_400_000); // two weeks: past five working days
      const city = await signIn(
        aa,
        await createStaffUser(aa, {
          roles: [{ role: 'supervisor', scope: `org:${fx.orgs.government}` }],
        }),
      );
      const page = await city.get('/admin/applications/overdue');
      assert.equal(page.statusCode, 200);
      assert.ok(
        page.body.includes(late.tracking_no!),
        'the police case, under the city government',
      );
      assert.match(page.body, /已超期/);
      const other = await signIn(
        aa,
        await createStaffUser(aa, {
          roles: [{ role: 'supervisor', scope: `org:${fx.orgs.hrss}` }],
        }),
      );
      assert.ok(!(await other.get('/admin/applications/overdue')).body.includes(late.tracking_no!));
      // Two weeks on, earlier sessions have timed out: a handler signs in afresh.
      const handlerAgain = await signIn(
        aa,
        await createStaffUser(aa, {
          roles: [{ role: 'handler', scope: `org:${fx.orgs['public-security']}` }],
        }),
      );
      const refused = await handlerAgain.get('/admin/applications/overdue');
      assert.equal(refused.statusCode, 403, 'handlers are not supervisors');
      const queue = await handlerAgain.get('/admin/applications?overdue=1');
      assert.ok(queue.body.includes(late.tracking_no!));
      assert.match(queue.body, /row-overdue/);
    });

    it('edits a form definition in the back office, refusing broken ones without storing them', async () => {
      const editor = await signIn(
        aa,
        await createStaffUser(aa, {
          roles: [{ role: 'service_editor', scope: `org:${fx.orgs['public-security']}` }],
        }),
      );
      const list = await editor.get('/admin/application-forms');
      assert.equal(list.statusCode, 200);
      assert.match(list.body, /GA-001/);
      await editor.get('/admin/application-forms/GA-001');
      const version = async () =>
        (
          await aa.ctx.db.kysely
            .selectFrom('application_form')
            .select('version')
            .where('service_code', '=', 'GA-001')
            .executeTakeFirstOrThrow()
        ).version;
      const before = await version();
      const broken = await editor.post('/admin/application-forms/GA-001', {
        definition: '{"fields": [',
      });
      assert.equal(broken.statusCode, 400);
      assert.match(broken.body, /不是有效的 JSON/);
      const script = await editor.post('/admin/application-forms/GA-001', {
        definition: JSON.stringify({
          fields: [{ name: 'x', label: '<script>', type: 'script' }],
          materials: [],
        }),
      });
      assert.equal(script.statusCode, 400);
      assert.equal(await version(), before, 'nothing stored');
      const good = await editor.post('/admin/application-forms/GA-001', {
        definition: JSON.stringify(DEMO_FORMS['GA-001']),
      });
      assert.equal(good.statusCode, 303);
      assert.equal(await version(), before + 1);
      const outsider = await signIn(
        aa,
        await createStaffUser(aa, {
          roles: [{ role: 'service_editor', scope: `org:${fx.orgs.hrss}` }],
        }),
      );
      assert.equal((await outsider.get('/admin/application-forms/GA-001')).statusCode, 404);
    });

    it('publishes statistics as tables and accessible SVG charts', async () => {
      const res = await aa.app.inject({ method: 'GET', url: '/services/stats' });
      assert.equal(res.statusCode, 200);
      assert.match(
        res.body,
        /<svg[^>]+role="img"[^>]+aria-labelledby="chart-ontime-title chart-ontime-desc"/,
      );
      assert.match(res.body, /<title id="chart-ontime-title">各部门按期办结率<\/title>/);
      assert.match(res.body, /遵义市公安局|市公安局/);
      const received = await aa.ctx.db.kysely
        .selectFrom('application')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('service_code', '=', 'GA-001')
        .where('status', '!=', 'draft')
        .executeTakeFirstOrThrow();
      assert.ok(Number(received.n) > 0);
      assert.match(
        res.body,
        new RegExp(`<th scope="row">新生儿出生登记（落户）</th><td>${Number(received.n)}</td>`),
      );
    });
  });
}
