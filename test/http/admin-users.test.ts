// Staff accounts in the back office: creating one shows its one-time password
// once; disabling ends the user's session at their next request; a reset
// hands out a new one-time password; nobody disables or resets themselves.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { findStaff, getAccount } from '../../src/modules/identity/accounts.ts';
import { dialects } from '../helpers/databases.ts';
import {
  type AdminApp,
  Agent,
  auditRows,
  createStaffUser,
  openAdminApp,
  type StaffUser,
  signIn,
} from '../helpers/staff.ts';

for (const dialect of dialects) {
  describe(`admin users [${dialect}]`, () => {
    let aa: AdminApp;
    let sys: StaffUser;
    let admin: Agent;
    before(async () => {
      aa = await openAdminApp(dialect);
      sys = await createStaffUser(aa, { roles: [{ role: 'system_admin' }] });
      admin = await signIn(aa, sys);
    });
    after(() => aa.close());

    it('lists staff with status, TOTP state and roles', async () => {
      const res = await admin.get('/admin/users');
      assert.equal(res.statusCode, 200);
      assert.ok(res.body.includes(sys.username));
      assert.match(res.body, /系统管理员（全局）/);
      assert.match(res.body, /已绑定/);
      assert.match(res.body, /未绑定/, 'the helper’s root security administrator has no TOTP');
    });

    it('creates a staff account and shows its one-time password once', async () => {
      const res = await admin.post('/admin/users', {
        username: 'li.hua',
        displayName: '李华',
        organisationId: '',
      });
      assert.equal(res.statusCode, 200, res.body);
      assert.match(res.body, /账号已创建/);
      const password = /<p class="code-block">([^<]+)<\/p>/.exec(res.body)?.[1];
      assert.ok(password && password.length >= 16, 'the one-time password is on the page');
      const account = await findStaff(aa.ctx, 'li.hua');
      assert.equal(account?.must_change_password, 1);
      assert.equal(account?.display_name, '李华');
      // The password works (it leads to TOTP binding) and is never shown again.
      const login = new Agent(aa.app);
      await login.get('/admin/login');
      const step = await login.post('/admin/login', { username: 'li.hua', password });
      assert.equal(step.headers.location, '/admin/mfa');
      const detail = await admin.get(`/admin/users/${account!.id}`);
      assert.ok(!detail.body.includes(password));
      assert.equal((await auditRows(aa.ctx, 'user.create')).at(-1)?.actor_name, sys.username);
    });

    it('refuses a duplicate or malformed username with a field error', async () => {
      const dup = await admin.post('/admin/users', {
        username: 'li.hua',
        displayName: '另一个李华',
        organisationId: '',
      });
      assert.equal(dup.statusCode, 409);
      assert.match(dup.body, /该用户名已被使用/);
      const bad = await admin.post('/admin/users', {
        username: 'Li Hua',
        displayName: '李华',
        organisationId: '',
      });
      assert.equal(bad.statusCode, 400);
      assert.match(bad.body, /以小写字母开头/);
      const extra = await admin.post('/admin/users', {
        username: 'wang.wu',
        displayName: '王五',
        organisationId: '',
        must_change_password: '0',
      });
      assert.equal(extra.statusCode, 400);
      assert.equal(await findStaff(aa.ctx, 'wang.wu'), undefined);
    });

    it('disables a user: their session ends at the next request; enabling lets them back', async () => {
      const user = await createStaffUser(aa, { roles: [{ role: 'audit_admin' }] });
      const theirs = await signIn(aa, user);
      assert.equal((await theirs.get('/admin/audit')).statusCode, 200);
      const off = await admin.post(`/admin/users/${user.account.id}/disable`);
      assert.equal(off.statusCode, 303);
      assert.equal(off.headers.location, `/admin/users/${user.account.id}?ok=disabled`);
      const next = await theirs.get('/admin/audit');
      assert.equal(next.statusCode, 303);
      assert.match(String(next.headers.location), /^\/admin\/login\?next=/);
      const retry = new Agent(aa.app);
      await retry.get('/admin/login');
      const refused = await retry.post('/admin/login', {
        username: user.username,
        password: user.password,
      });
      assert.equal(refused.statusCode, 401);
      assert.equal((await getAccount(aa.ctx, user.account.id)).status, 'disabled');
      const on = await admin.post(`/admin/users/${user.account.id}/enable`);
      assert.equal(on.statusCode, 303);
      await signIn(aa, user);
      const actions = (await auditRows(aa.ctx, 'user.disable')).map((r) => r.target_id);
      assert.ok(actions.includes(user.account.id));
    });

    it('resets a password: a new one-time password, old sessions end', async () => {
      const user = await createStaffUser(aa);
      const theirs = await signIn(aa, user);
      const res = await admin.post(`/admin/users/${user.account.id}/reset-password`);
      assert.equal(res.statusCode, 200);
      assert.match(res.body, /密码已重置/);
      assert.equal((await theirs.get('/admin')).statusCode, 303, 'their session ended');
      assert.equal((await getAccount(aa.ctx, user.account.id)).must_change_password, 1);
    });

    it('refuses to disable or reset one’s own account', async () => {
      for (const action of ['disable', 'reset-password']) {
        const res = await admin.post(`/admin/users/${sys.account.id}/${action}`);
        assert.equal(res.statusCode, 403, action);
      }
      assert.equal((await getAccount(aa.ctx, sys.account.id)).status, 'active');
      assert.equal((await admin.get('/admin')).statusCode, 200);
    });

    it('answers 404 for an unknown account and 400 for a button form with extra fields', async () => {
      assert.equal((await admin.get('/admin/users/nobody')).statusCode, 404);
      assert.equal((await admin.post('/admin/users/nobody/disable')).statusCode, 404);
      const user = await createStaffUser(aa);
      const res = await admin.post(`/admin/users/${user.account.id}/disable`, { status: 'x' });
      assert.equal(res.statusCode, 400);
      assert.equal((await getAccount(aa.ctx, user.account.id)).status, 'active');
    });
  });
}
