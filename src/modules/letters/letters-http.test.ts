// The letters over HTTP on both databases: a citizen writes through the
// multipart form (an attachment checked by its bytes), the back office
// assigns, drafts, reviews and sends the reply, the public pages show it
// without personal data, and nobody reaches a letter that is not theirs.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { dialects } from '../../../test/helpers/databases.ts';
import {
  type AdminApp,
  Agent,
  citizenAgent,
  createCitizen,
  createStaffUser,
  openAdminApp,
  signIn,
} from '../../../test/helpers/staff.ts';
import { demoOrganisations } from '../identity/demo-organisations.ts';
import { insertMissingOrganisations } from '../identity/organisations.ts';
import { piiCodec } from '../identity/pii.ts';
import type { AccountRow } from '../identity/tables.ts';
import { listOutbox } from '../notify/outbox.ts';

const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
const HTML_AS_PDF = Buffer.from('<!doctype html><html><script>alert(1)</script></html>');

/** A multipart body: the CSRF token first, then the fields, then the files (as the form sends them). */
function multipart(
  csrf: string,
  fields: Record<string, string>,
  files: { name: string; bytes: Buffer }[],
) {
  const boundary = `----yimen${Date.now()}`;
  const parts: Buffer[] = [];
  const field = (name: string, value: string) =>
    parts.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`,
      ),
    );
  field('_csrf', csrf);
  for (const [k, v] of Object.entries(fields)) field(k, v);
  for (const f of files) {
    parts.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="attachments"; filename="${f.name}"\r\nContent-Type: application/pdf\r\n\r\n`,
      ),
      f.bytes,
      Buffer.from('\r\n'),
    );
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return {
    payload: Buffer.concat(parts),
    contentType: `multipart/form-data; boundary=${boundary}`,
  };
}

async function postLetter(
  aa: AdminApp,
  agent: Agent,
  fields: Record<string, string>,
  files: { name: string; bytes: Buffer }[],
) {
  const page = await agent.get('/letters/write');
  assert.equal(page.statusCode, 200);
  const { payload, contentType } = multipart(agent.csrf, fields, files);
  return aa.app.inject({
    method: 'POST',
    url: '/letters/write',
    remoteAddress: agent.ip,
    headers: { 'content-type': contentType, cookie: agent.cookie },
    payload,
  });
}

const LETTER = {
  mailbox: '',
  type: 'complain',
  subject: '小区门口道路破损积水',
  body: '我是张建国，电话13985011111。小区门口道路破损，下雨积水严重，请尽快维修。',
  may_publish: '1',
};

async function letterCount(aa: AdminApp): Promise<number> {
  const row = await aa.ctx.db.kysely
    .selectFrom('letter')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

for (const dialect of dialects) {
  describe(`letters over HTTP [${dialect}]`, () => {
    let aa: AdminApp;
    let citizenA: AccountRow;
    let a: Agent;
    let b: Agent;
    let clerk: Agent;
    let handler: Agent;
    let leader: Agent;
    let outsider: Agent;
    let letterId = '';

    before(async () => {
      aa = await openAdminApp(dialect);
      await insertMissingOrganisations(aa.ctx.db, demoOrganisations);
      const orgs = await aa.ctx.db.kysely
        .selectFrom('organisation')
        .select(['id', 'code'])
        .execute();
      const org = (code: string) => `org:${orgs.find((o) => o.code === code)!.id}`;
      citizenA = await createCitizen(aa);
      // The writer's real name, as an account would hold it.
      await aa.ctx.db.kysely
        .updateTable('account')
        .set({ real_name: '张建国' })
        .where('id', '=', citizenA.id)
        .execute();
      a = await citizenAgent(aa, citizenA);
      b = await citizenAgent(aa, await createCitizen(aa));
      const user = async (role: 'letter_clerk' | 'handler' | 'leader', code: string) =>
        signIn(aa, await createStaffUser(aa, { roles: [{ role, scope: org(code) }] }));
      clerk = await user('letter_clerk', 'gov-office');
      handler = await user('handler', 'housing');
      leader = await user('leader', 'housing');
      outsider = await user('handler', 'education');
    });
    after(() => aa.close());

    it('lets a visitor without an account write after verifying a phone by SMS, and track the letter', async () => {
      const visitor = new Agent(aa.app, '198.51.100.7');
      const page = await visitor.get('/letters/write');
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /name="phone"/);
      const phone = '13985033333';
      const sent = await postLetter(aa, visitor, { ...LETTER, phone, action: 'send' }, []);
      assert.equal(sent.statusCode, 200);
      assert.match(sent.body, /验证码已发送/);
      const [sms] = await listOutbox(aa.ctx, { to: phone });
      const code = /验证码是(\d{6})/.exec(sms?.body ?? '')?.[1];
      assert.ok(code, 'a code went out');
      const wrong = await postLetter(
        aa,
        visitor,
        { ...LETTER, phone, code: code === '000000' ? '111111' : '000000' },
        [],
      );
      assert.equal(wrong.statusCode, 400);
      assert.match(wrong.body, /验证码不正确/);
      const before = await letterCount(aa);
      aa.advance(61_000);
      await postLetter(aa, visitor, { ...LETTER, phone, action: 'send' }, []);
      const fresh = /验证码是(\d{6})/.exec(
        (await listOutbox(aa.ctx, { to: phone }))[0]?.body ?? '',
      )?.[1];
      const written = await postLetter(aa, visitor, { ...LETTER, phone, code: fresh! }, []);
      assert.equal(written.statusCode, 200, written.body.slice(0, 300));
      const trackCode = /class="letter-code">(\d{10})</.exec(written.body)?.[1];
      assert.ok(trackCode, 'the 查询码 is shown');
      assert.equal(await letterCount(aa), before + 1);
      await visitor.get('/letters/track');
      const found = await visitor.post('/letters/track', { code: trackCode, phone });
      assert.equal(found.statusCode, 200);
      assert.match(found.body, /小区门口道路破损积水/);
      const other = await visitor.post('/letters/track', { code: trackCode, phone: '13985044444' });
      assert.equal(other.statusCode, 404);
      assert.doesNotMatch(other.body, /小区门口道路破损积水/);
    });

    it('refuses a “PDF” that is a web page, and stores nothing', async () => {
      const before = await letterCount(aa);
      const res = await postLetter(aa, a, LETTER, [{ name: '照片.pdf', bytes: HTML_AS_PDF }]);
      assert.equal(res.statusCode, 415);
      assert.match(res.body, /不是 PDF/);
      assert.match(res.body, /小区门口道路破损积水/, 'the form keeps what was written');
      assert.equal(await letterCount(aa), before);
    });

    it('refuses a form with a field it does not have, and a letter too short', async () => {
      const extra = await postLetter(aa, a, { ...LETTER, status: 'closed' }, []);
      assert.equal(extra.statusCode, 400);
      const short = await postLetter(aa, a, { ...LETTER, subject: '短' }, []);
      assert.equal(short.statusCode, 400);
      assert.match(short.body, /标题请写/);
    });

    it('takes a letter with an attachment and shows its 查询码 to the writer', async () => {
      const res = await postLetter(aa, a, LETTER, [{ name: '现场.pdf', bytes: PDF }]);
      assert.equal(res.statusCode, 303, res.body.slice(0, 500));
      const m = /^\/account\/letters\/([0-9a-f-]{36})\?ok=written$/.exec(
        String(res.headers.location),
      );
      assert.ok(m, String(res.headers.location));
      letterId = m[1]!;
      const page = await a.get(String(res.headers.location));
      assert.equal(page.statusCode, 200);
      const code = /class="letter-code">(\d{10})</.exec(page.body)?.[1];
      assert.ok(code, 'the 查询码 is shown');
      const list = await a.get('/account/letters');
      assert.match(list.body, new RegExp(code));
    });

    it('never shows citizen A’s letter to citizen B (404), nor lets B rate it', async () => {
      assert.equal((await b.get(`/account/letters/${letterId}`)).statusCode, 404);
      await b.get('/account/letters');
      assert.equal(
        (await b.post(`/account/letters/${letterId}/rate`, { rating: '3' })).statusCode,
        404,
      );
      assert.doesNotMatch((await b.get('/account/letters')).body, /小区门口道路破损积水/);
    });

    it('hides the letter from a department it was not assigned to', async () => {
      assert.equal((await handler.get(`/admin/letters/${letterId}`)).statusCode, 404);
      assert.equal(
        (await handler.post(`/admin/letters/${letterId}/assign`, { lead: 'x' })).statusCode,
        404,
      );
    });

    it('goes through triage, reply and review in the back office, and is published without personal data', async () => {
      const worklist = await clerk.get('/admin/letters');
      assert.equal(worklist.statusCode, 200);
      assert.match(worklist.body, /小区门口道路破损积水/);
      const detail = await clerk.get(`/admin/letters/${letterId}`);
      const views = await aa.ctx.db.kysely
        .selectFrom('audit_log')
        .select('target_id')
        .where('action', '=', 'letter.view')
        .execute();
      assert.ok(
        views.some((v) => v.target_id === letterId),
        'the staff reading is audited',
      );
      const housing = /<option value="([0-9a-f-]{36})"[^>]*>遵义市住房和城乡建设局</.exec(
        detail.body,
      )?.[1];
      assert.ok(housing);
      assert.equal(
        (await clerk.post(`/admin/letters/${letterId}/assign`, { lead: housing })).statusCode,
        303,
      );
      assert.equal((await outsider.get(`/admin/letters/${letterId}`)).statusCode, 404);
      const file = /href="(\/admin\/letters\/[^"]+\/files\/[0-9a-f]{64})"/.exec(
        (await handler.get(`/admin/letters/${letterId}`)).body,
      )?.[1];
      assert.ok(file, 'the department sees the attachment');
      const download = await handler.get(file);
      assert.equal(download.statusCode, 200);
      assert.match(String(download.headers['content-disposition']), /^attachment;/);
      const short = await handler.post(`/admin/letters/${letterId}/reply`, {
        reply: '太短',
        step: 'submit',
      });
      assert.equal(short.statusCode, 400);
      const replied = await handler.post(`/admin/letters/${letterId}/reply`, {
        reply: '张建国您好：该路段已列入本月维修计划，施工单位将于下周进场，感谢您的监督。',
        step: 'submit',
      });
      assert.equal(replied.statusCode, 303, replied.body.slice(0, 300));
      const approved = await leader.post(`/admin/letters/${letterId}/review`, {
        decision: 'approve',
        comment: '同意',
      });
      assert.equal(approved.statusCode, 303, approved.body.slice(0, 300));

      const list = await aa.app.inject({ method: 'GET', url: '/letters/' });
      assert.equal(list.statusCode, 200);
      assert.match(list.body, /小区门口道路破损积水/);
      const page = await aa.app.inject({ method: 'GET', url: `/letters/${letterId}` });
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /已列入本月维修计划/);
      const phone = piiCodec(aa.ctx.config.secret).decrypt('account.phone', citizenA.phone_enc!);
      for (const secret of ['张建国', '13985011111', phone])
        assert.ok(
          !page.body.includes(secret) && !list.body.includes(secret),
          `${secret} is not public`,
        );
    });

    it('lets the writer rate the reply, ignoring fields it did not offer', async () => {
      await a.get(`/account/letters/${letterId}`);
      const mass = await a.post(`/account/letters/${letterId}/rate`, {
        rating: '3',
        status: 'assigned',
      });
      assert.equal(mass.statusCode, 400);
      const rated = await a.post(`/account/letters/${letterId}/rate`, {
        rating: '3',
        comment: '处理及时',
      });
      assert.equal(rated.statusCode, 303);
      const row = await aa.ctx.db.kysely
        .selectFrom('letter')
        .selectAll()
        .where('id', '=', letterId)
        .executeTakeFirstOrThrow();
      assert.equal(row.status, 'closed');
      assert.equal(row.rating, 3);
    });

    it('answers odd search input with a page, never an error', async () => {
      for (const q of [
        "' OR 1=1 --",
        '%_%',
        '"; DROP TABLE letter; --',
        '<script>alert(1)</script>',
      ]) {
        const res = await aa.app.inject({
          method: 'GET',
          url: `/letters/?q=${encodeURIComponent(q)}`,
        });
        assert.equal(res.statusCode, 200, q);
        assert.ok(!res.body.includes('<script>alert(1)</script>'));
      }
      assert.equal(
        (await aa.app.inject({ method: 'GET', url: '/letters/?type=report' })).statusCode,
        404,
      );
      assert.equal(
        (await aa.app.inject({ method: 'GET', url: '/letters/not-a-letter' })).statusCode,
        404,
      );
      const stats = await aa.app.inject({ method: 'GET', url: '/letters/stats?month=2026-12' });
      assert.equal(stats.statusCode, 200);
      assert.match(stats.body, /<svg[^>]+role="img"/);
    });
    it('answers 429 with the form kept once a writer has sent five letters in a day', async () => {
      // Citizen A wrote one letter above; four more pass, the sixth is refused.
      for (let i = 0; i < 4; i++)
        assert.equal(
          (await postLetter(aa, a, { ...LETTER, subject: `第${i + 2}封：道路维修` }, []))
            .statusCode,
          303,
        );
      const refused = await postLetter(aa, a, { ...LETTER, subject: '第六封：道路维修' }, []);
      assert.equal(refused.statusCode, 429);
      assert.match(refused.body, /提交信件过于频繁/);
      assert.match(refused.body, /第六封：道路维修/);
    });
    it('lets only the general office change the deadlines, with bad values refused', async () => {
      assert.equal((await handler.get('/admin/letters/settings')).statusCode, 403);
      const page = await clerk.get('/admin/letters/settings');
      assert.equal(page.statusCode, 200);
      const values = {
        'deadline.consult': '3',
        'deadline.suggest': '15',
        'deadline.complain': '15',
        'deadline.help': '3',
        'deadline.report': '10',
        stale_days: '90',
      };
      const bad = await clerk.post('/admin/letters/settings', {
        ...values,
        'deadline.consult': '0',
      });
      assert.equal(bad.statusCode, 400);
      assert.match(bad.body, /1 到 60 之间的整数/);
      assert.equal((await clerk.post('/admin/letters/settings', values)).statusCode, 303);
      const stored = await aa.ctx.db.kysely
        .selectFrom('letter_setting')
        .select('value')
        .where('key', '=', 'deadline.consult')
        .executeTakeFirstOrThrow();
      assert.equal(Number(stored.value), 3);
    });
  });
}
