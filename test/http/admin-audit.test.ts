// The audit log in the back office: every event under test leaves its entry
// (sign-in success and failure, refused access, role grant, personal data
// view, export); the audit administrator reads, filters and exports it with
// the chain check on top; the system administrator gets 403.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { dialects } from '../helpers/databases.ts';
import {
  type AdminApp,
  Agent,
  type Agent as AgentT,
  auditRows,
  createCitizen,
  createStaffUser,
  openAdminApp,
  type StaffUser,
  signIn,
} from '../helpers/staff.ts';

for (const dialect of dialects) {
  describe(`admin audit log [${dialect}]`, () => {
    let aa: AdminApp;
    let auditor: StaffUser;
    let audAgent: AgentT;
    let sys: StaffUser;
    let sysAgent: AgentT;
    before(async () => {
      aa = await openAdminApp(dialect);
      auditor = await createStaffUser(aa, { roles: [{ role: 'audit_admin' }] });
      sys = await createStaffUser(aa, { roles: [{ role: 'system_admin' }] });
      audAgent = await signIn(aa, auditor);
      sysAgent = await signIn(aa, sys);
    });
    after(() => aa.close());

    it('records sign-in, refusal, role grant, personal data view and export events', async () => {
      const failed = new Agent(aa.app, '192.0.2.50');
      await failed.get('/admin/login');
      await failed.post('/admin/login', { username: sys.username, password: 'not-the-password' });
      await sysAgent.get('/admin/audit');
      const sec = await createStaffUser(aa, { roles: [{ role: 'security_admin' }] });
      const secAgent = await signIn(aa, sec);
      const target = await createStaffUser(aa);
      await secAgent.post(`/admin/users/${target.account.id}/roles`, {
        op: 'grant',
        role: 'reviewer',
        site: 'site:portal',
        level: '2',
      });
      const handler = await createStaffUser(aa, {
        roles: [{ role: 'handler', scope: 'org:any' }],
      });
      const citizen = await createCitizen(aa);
      await (await signIn(aa, handler)).post(`/admin/users/${citizen.id}/pii`);
      const csv = await audAgent.get('/admin/audit/export.csv');
      assert.equal(csv.statusCode, 200);

      const one = async (
        action: string,
        test: (r: Awaited<ReturnType<typeof auditRows>>[number]) => boolean,
      ) => {
        const rows = (await auditRows(aa.ctx, action)).filter(test);
        assert.ok(rows.length >= 1, `an ${action} entry`);
        const row = rows.at(-1)!;
        assert.match(row.at, /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/, 'UTC time');
        return row;
      };
      const ok = await one('auth.login', (r) => r.actor_name === sys.username);
      assert.equal(ok.outcome, 'success');
      assert.equal(ok.actor_ip, '127.0.0.1');
      const bad = await one('auth.login_failed', (r) => r.actor_ip === '192.0.2.50');
      assert.equal(bad.outcome, 'failure');
      const denied = await one('authz.denied', (r) => r.actor_name === sys.username);
      assert.equal(denied.outcome, 'denied');
      assert.equal(denied.target_id, 'GET /admin/audit');
      const grant = await one('role.grant', (r) => r.target_id === target.account.id);
      assert.deepEqual(JSON.parse(grant.detail), {
        role: 'reviewer',
        scope: 'site:portal',
        level: 2,
      });
      assert.equal(grant.actor_name, sec.username);
      await one('pii.view', (r) => r.target_id === citizen.id && r.actor_name === handler.username);
      await one('audit.export', (r) => r.actor_name === auditor.username);
    });

    it('shows the audit administrator the log in Beijing time with the chain check', async () => {
      const res = await audAgent.get('/admin/audit');
      assert.equal(res.statusCode, 200);
      assert.match(res.body, /完整性校验通过/);
      assert.match(res.body, /auth\.login/);
      // 01:00 UTC on the test clock's first day is 09:00 in Beijing.
      assert.match(res.body, /2026-12-01 09:0\d:\d\d/);
      assert.ok(res.body.includes('/admin/audit/export.csv'), 'the export link for an exporter');
    });

    it('filters by actor, action, outcome and Beijing dates, and pages', async () => {
      const byActor = await audAgent.get(`/admin/audit?actor=${sys.username}&action=auth.login`);
      assert.equal(byActor.statusCode, 200);
      const rows = [...byActor.body.matchAll(/<code>([a-z._]+)<\/code>/g)].map((m) => m[1]);
      assert.ok(rows.length >= 1);
      assert.ok(rows.every((a) => a === 'auth.login'));
      const none = await audAgent.get('/admin/audit?from=2030-01-01');
      assert.match(none.body, /共 0 条/);
      const day = await audAgent.get('/admin/audit?from=2026-12-01&to=2026-12-01&outcome=denied');
      assert.match(day.body, /共 [1-9]\d* 条/);
      const bad = await audAgent.get('/admin/audit?from=yesterday');
      assert.equal(bad.statusCode, 400);
      assert.match(bad.body, /格式不正确/);
      const page2 = await audAgent.get('/admin/audit?page=2');
      assert.equal(page2.statusCode, 200);
    });

    it('exports the filtered log as a CSV attachment', async () => {
      const res = await audAgent.get('/admin/audit/export.csv?action=role.grant');
      assert.equal(res.statusCode, 200);
      assert.match(String(res.headers['content-type']), /^text\/csv/);
      assert.match(
        String(res.headers['content-disposition']),
        /^attachment; filename="audit-\d{8}\.csv"$/,
      );
      const lines = res.body
        .replace(/^\uFEFF/, '')
        .trim()
        .split('\r\n');
      assert.match(lines[0]!, /"seq","at","actor_id"/);
      assert.ok(lines.length >= 2);
      assert.ok(lines.slice(1).every((l) => l.includes('"role.grant"')));
    });

    it('refuses the system administrator both the log and the export', async () => {
      assert.equal((await sysAgent.get('/admin/audit')).statusCode, 403);
      assert.equal((await sysAgent.get('/admin/audit/export.csv')).statusCode, 403);
    });
  });
}
