// 三员分立 and 三权分立 through the back office: the security administrator
// grants roles but never to themselves and never a second administrator role
// to the same person; the system administrator grants nothing and reads no
// audit log; the audit administrator reads the log and nothing else; site and
// organisation roles reach only their own scope.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { grantsOf } from '../../src/modules/identity/accounts.ts';
import { createOrganisation } from '../../src/modules/identity/organisations.ts';
import { can } from '../../src/modules/identity/permissions.ts';
import { dialects } from '../helpers/databases.ts';
import {
  type AdminApp,
  type Agent,
  auditRows,
  createStaffUser,
  openAdminApp,
  type StaffUser,
  signIn,
} from '../helpers/staff.ts';

for (const dialect of dialects) {
  describe(`admin separation of duties [${dialect}]`, () => {
    let aa: AdminApp;
    let sys: StaffUser;
    let sec: StaffUser;
    let aud: StaffUser;
    let plain: StaffUser;
    let sysAgent: Agent;
    let secAgent: Agent;
    let audAgent: Agent;
    before(async () => {
      aa = await openAdminApp(dialect);
      sys = await createStaffUser(aa, { roles: [{ role: 'system_admin' }] });
      sec = await createStaffUser(aa, { roles: [{ role: 'security_admin' }] });
      aud = await createStaffUser(aa, { roles: [{ role: 'audit_admin' }] });
      plain = await createStaffUser(aa);
      sysAgent = await signIn(aa, sys);
      secAgent = await signIn(aa, sec);
      audAgent = await signIn(aa, aud);
    });
    after(() => aa.close());

    const roles = async (user: StaffUser) =>
      (await grantsOf(aa.ctx, user.account.id)).map((g) => `${g.role}@${g.scope}`).sort();

    it('lets the security administrator grant and revoke a site role', async () => {
      const page = await secAgent.get(`/admin/users/${plain.account.id}/roles`);
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /市委网站/);
      const granted = await secAgent.post(`/admin/users/${plain.account.id}/roles`, {
        op: 'grant',
        role: 'editor',
        site: 'site:party',
      });
      assert.equal(granted.statusCode, 303, granted.body);
      assert.deepEqual(await roles(plain), ['editor@site:party']);
      const noSite = await secAgent.post(`/admin/users/${plain.account.id}/roles`, {
        op: 'grant',
        role: 'reviewer',
      });
      assert.equal(noSite.statusCode, 400);
      assert.match(noSite.body, /请选择站点/);
      const revoked = await secAgent.post(`/admin/users/${plain.account.id}/roles`, {
        op: 'revoke',
        role: 'editor',
        scope: 'site:party',
      });
      assert.equal(revoked.statusCode, 303);
      assert.deepEqual(await roles(plain), []);
      assert.ok(
        (await auditRows(aa.ctx, 'role.grant')).some((r) => r.target_id === plain.account.id),
      );
    });

    it('refuses the security administrator any grant to themselves', async () => {
      for (const role of ['audit_admin', 'system_admin', 'security_admin']) {
        const res = await secAgent.post(`/admin/users/${sec.account.id}/roles`, {
          op: 'grant',
          role,
        });
        assert.equal(res.statusCode, 403, role);
        assert.match(res.body, /不能给自己分配角色/);
      }
      const revoke = await secAgent.post(`/admin/users/${sec.account.id}/roles`, {
        op: 'revoke',
        role: 'security_admin',
        scope: 'global',
      });
      assert.equal(revoke.statusCode, 403);
      assert.deepEqual(await roles(sec), ['security_admin@global']);
    });

    it('refuses to make the system administrator an audit administrator too', async () => {
      const res = await secAgent.post(`/admin/users/${sys.account.id}/roles`, {
        op: 'grant',
        role: 'audit_admin',
      });
      assert.equal(res.statusCode, 403);
      assert.match(res.body, /三员分立/);
      assert.deepEqual(await roles(sys), ['system_admin@global']);
      const denied = await auditRows(aa.ctx, 'role.grant');
      assert.ok(denied.some((r) => r.outcome === 'denied' && r.target_id === sys.account.id));
    });

    it('gives the system administrator no way to grant roles, even to others', async () => {
      assert.equal((await sysAgent.get('/admin/roles')).statusCode, 403);
      const res = await sysAgent.post(`/admin/users/${plain.account.id}/roles`, {
        op: 'grant',
        role: 'audit_admin',
      });
      assert.equal(res.statusCode, 403);
      assert.deepEqual(await roles(plain), []);
      // …and the user pages it can open offer no role assignment link.
      const detail = await sysAgent.get(`/admin/users/${plain.account.id}`);
      assert.equal(detail.statusCode, 200);
      assert.ok(!detail.body.includes('/roles"'));
    });

    it('lets the audit administrator read the log and nothing else (三权分立)', async () => {
      assert.equal((await audAgent.get('/admin/audit')).statusCode, 200);
      for (const url of [
        '/admin/organisations',
        '/admin/organisations/new',
        '/admin/users',
        `/admin/users/${plain.account.id}`,
        `/admin/users/${plain.account.id}/roles`,
        '/admin/sessions',
        '/admin/outbox',
        '/admin/jobs',
      ]) {
        assert.equal((await audAgent.get(url)).statusCode, 403, url);
      }
      const create = await audAgent.post('/admin/users', {
        username: 'by.auditor',
        displayName: 'x',
      });
      assert.equal(create.statusCode, 403);
    });

    it('keeps the system administrator and the security administrator out of the audit log', async () => {
      for (const agent of [sysAgent, secAgent]) {
        assert.equal((await agent.get('/admin/audit')).statusCode, 403);
        assert.equal((await agent.get('/admin/audit/export.csv')).statusCode, 403);
      }
      const denials = await auditRows(aa.ctx, 'authz.denied');
      assert.ok(
        denials.some((r) => r.actor_name === sys.username && r.target_id === 'GET /admin/audit'),
        'the refusal is itself audited',
      );
    });

    it('limits site and organisation roles to their own scope', async () => {
      const org = await createOrganisation(
        aa.ctx,
        {
          code: 'scope-test',
          name: '测试局',
          shortName: '测试局',
          kind: 'department',
          parentId: null,
          docPrefix: null,
          phone: null,
          address: null,
          email: null,
          sortOrder: 0,
        },
        { id: null, name: 'test' },
      );
      const editor = await createStaffUser(aa, {
        roles: [{ role: 'editor', scope: 'site:party' }],
      });
      const handler = await createStaffUser(aa, {
        roles: [{ role: 'handler', scope: `org:${org.id}` }],
      });
      const eg = await grantsOf(aa.ctx, editor.account.id);
      assert.equal(can(eg, 'content.edit', 'site:party'), true);
      assert.equal(can(eg, 'content.edit', 'site:government'), false);
      assert.equal(can(eg, 'content.publish', 'site:party'), false);
      const hg = await grantsOf(aa.ctx, handler.account.id);
      assert.equal(can(hg, 'case.handle', `org:${org.id}`), true);
      assert.equal(can(hg, 'case.handle', 'org:someone-else'), false);
      // The editor's session reaches no administration page at all.
      const agent = await signIn(aa, editor);
      assert.equal((await agent.get('/admin')).statusCode, 200);
      assert.equal((await agent.get('/admin/users')).statusCode, 403);
    });
  });
}
