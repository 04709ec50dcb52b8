// The pages end to end over HTTP (no browser): the forms, the redirects, the
// guard, per-site isolation and escaping, on both databases.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  type AdminApp,
  type Agent,
  citizenAgent,
  createCitizen,
  createStaffUser,
  FORM,
  openAdminApp,
  signIn,
} from '../../../test/helpers/staff.ts';
import { listOutbox } from '../notify/outbox.ts';
import { dialects } from './test-support/harness.ts';

const idFrom = (location: string | undefined) => /([0-9a-f-]{36})/.exec(location ?? '')?.[1] ?? '';

/** POST with repeated fields (checkboxes), which Agent.post's record cannot carry. */
async function postParams(agent: Agent, url: string, params: URLSearchParams) {
  params.set('_csrf', agent.csrf);
  return agent.app.inject({
    method: 'POST',
    url,
    remoteAddress: agent.ip,
    headers: { 'content-type': FORM, cookie: agent.cookie },
    payload: params.toString(),
  });
}

for (const dialect of dialects) {
  describe(`participation pages [${dialect}]`, () => {
    let aa: AdminApp;
    let editor: Agent;
    let otherEditor: Agent;
    let anonymous: Agent;

    before(async () => {
      aa = await openAdminApp(dialect);
      const gov = await createStaffUser(aa, { roles: [{ role: 'editor', scope: 'site:gov' }] });
      const party = await createStaffUser(aa, { roles: [{ role: 'editor', scope: 'site:party' }] });
      editor = await signIn(aa, gov);
      otherEditor = await signIn(aa, party);
      anonymous = await citizenAgent(aa, await createCitizen(aa));
      anonymous.jar.clear();
    });
    after(() => aa.close());

    it('error report: prefilled form, lookup code, editor answers, reporter sees it and is told', async () => {
      const form = await anonymous.get('/feedback/error?url=%2Fgov%2Fnews%2F');
      assert.equal(form.statusCode, 200);
      assert.match(form.body, /name="page_url"[^>]*value="\/gov\/news\/"/);
      const offsite = await anonymous.get('/feedback/error?url=https%3A%2F%2Fevil.example%2F');
      assert.doesNotMatch(offsite.body, /evil\.example/);
      const bad = await anonymous.post('/feedback/error', {
        page_url: 'javascript:alert(1)',
        kind: 'typo',
        description: '短',
        contact: '',
      });
      assert.equal(bad.statusCode, 400);
      assert.match(bad.body, /请填写本网站的页面地址/);
      const sent = await anonymous.post('/feedback/error', {
        page_url: '/gov/news/',
        kind: 'typo',
        description: '第三段<img src=x onerror=alert(1)>有错别字',
        contact: 'reporter@example.com',
      });
      assert.equal(sent.statusCode, 303);
      const code = /code=([A-Z0-9]{12})/.exec(sent.headers.location ?? '')?.[1];
      assert.ok(code, 'redirected to the status page with the code');
      const status = await anonymous.get(sent.headers.location!);
      assert.match(status.body, new RegExp(code));
      assert.match(status.body, /处理中/);

      const queue = await editor.get('/admin/feedback');
      assert.match(queue.body, new RegExp(code));
      assert.doesNotMatch((await otherEditor.get('/admin/feedback')).body, new RegExp(code));
      const id = /href="\/admin\/feedback\/([0-9a-f-]{36})"/.exec(queue.body)?.[1];
      assert.ok(id);
      assert.equal((await otherEditor.get(`/admin/feedback/${id}`)).statusCode, 404);
      const page = await editor.get(`/admin/feedback/${id}`);
      assert.ok(page.body.includes('&lt;img src=x onerror=alert(1)>'), 'escaped text');
      assert.ok(!page.body.includes('<img src=x'), 'never markup');
      assert.ok(!page.body.includes('reporter@example.com'), 'contact masked');
      const answered = await editor.post(`/admin/feedback/${id}`, {
        outcome: 'fixed',
        answer: '已更正第三段的错别字，感谢指正。',
      });
      assert.equal(answered.statusCode, 303);
      const after = await anonymous.get(`/feedback/status?code=${code}`);
      assert.match(after.body, /已更正第三段的错别字/);
      assert.match(after.body, /已修正/);
      const [mail] = await listOutbox(aa.ctx, { to: 'reporter@example.com' });
      assert.equal(mail?.template, 'feedback.answered.email');
      assert.equal((await anonymous.get('/feedback/status?code=NOSUCHCODE00')).statusCode, 404);
    });

    it('solicitation: comment needs sign-in, waits for moderation, then shows', async () => {
      const today = new Date(aa.now().getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
      await editor.get('/admin/consultations');
      const refused = await editor.post('/admin/consultations', {
        site: 'party',
        title: '不属于本站',
        department: '某局',
        body: '正文',
        opens_on: today,
        closes_on: '2026-12-31',
      });
      assert.equal(refused.statusCode, 400);
      const forged = await editor.post('/admin/consultations', {
        site: 'gov',
        title: '带多余字段',
        department: '某局',
        body: '正文',
        opens_on: today,
        closes_on: '2026-12-31',
        status: 'published',
      });
      assert.equal(forged.statusCode, 400, 'a field the form does not have is refused');
      assert.doesNotMatch((await editor.get('/admin/consultations')).body, /带多余字段/);
      assert.equal((await anonymous.get('/consultations')).headers.location, '/consultations/');
      const created = await editor.post('/admin/consultations', {
        site: 'gov',
        title: '城市公园管理办法（征求意见稿）',
        department: '市园林局',
        body: '第一条 为了加强城市公园管理……',
        opens_on: today,
        closes_on: '2026-12-31',
      });
      assert.equal(created.statusCode, 303);
      const id = idFrom(created.headers.location);
      assert.equal(
        (await anonymous.get(`/consultations/${id}`)).statusCode,
        404,
        'draft not public',
      );
      assert.equal((await editor.post(`/admin/consultations/${id}/publish`)).statusCode, 303);
      assert.equal((await otherEditor.post(`/admin/consultations/${id}/withdraw`)).statusCode, 404);

      const pub = await anonymous.get(`/consultations/${id}`);
      assert.equal(pub.statusCode, 200);
      assert.match(pub.body, /城市公园管理办法/);
      const signin = await anonymous.get(`/consultations/${id}/comment`);
      assert.equal(signin.statusCode, 303);
      assert.match(signin.headers.location ?? '', /^\/account\/login\?next=/);

      const citizen = await citizenAgent(aa, await createCitizen(aa));
      await citizen.get(`/consultations/${id}/comment`);
      const posted = await citizen.post(`/consultations/${id}/comment`, {
        body: '建议公园延长夜间开放时间<script>x</script>',
      });
      assert.equal(posted.statusCode, 303);
      assert.doesNotMatch((await anonymous.get(`/consultations/${id}`)).body, /延长夜间开放/);
      const admin = await editor.get(`/admin/consultations/${id}`);
      const action =
        /action="(\/admin\/consultations\/[0-9a-f-]{36}\/comments\/[0-9a-f-]{36}\/show)"/.exec(
          admin.body,
        )?.[1];
      assert.ok(action);
      assert.equal((await editor.post(action)).statusCode, 303);
      const shown = await anonymous.get(`/consultations/${id}`);
      assert.match(shown.body, /延长夜间开放时间&lt;script>x&lt;\/script>/);
      assert.ok(!shown.body.includes('<script>x'));
      assert.equal((await anonymous.get('/consultations/')).statusCode, 200);
    });

    it('survey: builder, one response per account, errors per question, results and CSV', async () => {
      const today = new Date(aa.now().getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
      await editor.get('/admin/surveys');
      const created = await editor.post('/admin/surveys', {
        site: 'gov',
        title: '政务服务满意度调查',
        intro: '感谢参与。',
        opens_on: today,
        closes_on: '2026-12-31',
      });
      const id = idFrom(created.headers.location);
      const add = (fields: Record<string, string>) =>
        editor.post(`/admin/surveys/${id}/questions`, fields);
      assert.equal(
        (
          await add({
            kind: 'single',
            prompt: '您是否办理过业务？',
            required: '1',
            options: '是\n否',
          })
        ).statusCode,
        303,
      );
      assert.equal(
        (
          await add({
            kind: 'multiple',
            prompt: '您通过哪些渠道办理？',
            options: '网上\n窗口\n电话',
          })
        ).statusCode,
        303,
      );
      assert.equal(
        (await add({ kind: 'rating', prompt: '总体评价', required: '1' })).statusCode,
        303,
      );
      assert.equal(
        (await add({ kind: 'single', prompt: '只有一个选项', options: '唯一' })).statusCode,
        400,
      );
      assert.equal((await editor.post(`/admin/surveys/${id}/publish`)).statusCode, 303);

      const citizen = await citizenAgent(aa, await createCitizen(aa));
      const form = await citizen.get(`/surveys/${id}/respond`);
      assert.equal(form.statusCode, 200);
      const fields = [...form.body.matchAll(/name="(q_[0-9a-f-]{36})"/g)].map((m) => m[1]!);
      const [single, multiple, rating] = [...new Set(fields)];
      const bad = await postParams(
        citizen,
        `/surveys/${id}/respond`,
        new URLSearchParams([[rating!, '9']]),
      );
      assert.equal(bad.statusCode, 400);
      assert.match(bad.body, /此题为必答题/);
      assert.match(bad.body, /请选择1到5之间的评分/);
      const good = await postParams(
        citizen,
        `/surveys/${id}/respond`,
        new URLSearchParams([
          [single!, '0'],
          [multiple!, '0'],
          [multiple!, '2'],
          [rating!, '4'],
        ]),
      );
      assert.equal(good.statusCode, 303);
      assert.equal(good.headers.location, `/surveys/${id}?done=sent`);
      const again = await citizen.get(`/surveys/${id}/respond`);
      assert.equal(again.headers.location, `/surveys/${id}?done=already`);

      const results = await editor.get(`/admin/surveys/${id}`);
      assert.match(results.body, /共收到1份回答/);
      assert.match(results.body, /<svg role="img"/);
      const csv = await editor.get(`/admin/surveys/${id}/export.csv`);
      assert.equal(csv.statusCode, 200);
      assert.match(csv.headers['content-type'] as string, /text\/csv/);
      assert.match(csv.body, /是,网上；电话,4/);
      assert.equal((await otherEditor.get(`/admin/surveys/${id}/export.csv`)).statusCode, 404);
      assert.equal(
        (await citizen.get('/admin/surveys')).statusCode,
        303,
        'citizens are sent to the staff sign-in',
      );
    });
  });
}
