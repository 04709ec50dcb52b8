// Brute force on the staff sign-in: after five wrong passwords from one
// address the account is locked there (429 with Retry-After, in Chinese),
// not elsewhere — the real user signs in from another address — and the lock
// ends by itself after its time, or earlier when a security administrator lifts it.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { dialects } from '../helpers/databases.ts';
import {
  type AdminApp,
  Agent,
  auditRows,
  createStaffUser,
  openAdminApp,
  passwordStep,
  type StaffUser,
  signIn,
} from '../helpers/staff.ts';

async function wrongPasswords(aa: AdminApp, user: StaffUser, ip: string, n: number) {
  const agent = new Agent(aa.app, ip);
  await agent.get('/admin/login');
  const statuses: number[] = [];
  let last = await agent.post('/admin/login', { username: user.username, password: 'x-wrong-1' });
  statuses.push(last.statusCode);
  for (let i = 1; i < n; i++) {
    last = await agent.post('/admin/login', { username: user.username, password: 'x-wrong-1' });
    statuses.push(last.statusCode);
  }
  return { statuses, last };
}

for (const dialect of dialects) {
  describe(`admin sign-in lockout [${dialect}]`, () => {
    let aa: AdminApp;
    let user: StaffUser;
    let security: StaffUser;
    before(async () => {
      aa = await openAdminApp(dialect);
      user = await createStaffUser(aa, { roles: [{ role: 'audit_admin' }] });
      security = await createStaffUser(aa, { roles: [{ role: 'security_admin' }] });
    });
    after(() => aa.close());

    it('locks the account at one address with 429 and Retry-After, not at another', async () => {
      const { statuses, last } = await wrongPasswords(aa, user, '203.0.113.7', 6);
      assert.deepEqual(statuses, [401, 401, 401, 401, 401, 429]);
      const retryAfter = Number(last.headers['retry-after']);
      assert.ok(retryAfter > 0 && retryAfter <= 15 * 60, `Retry-After: ${retryAfter}`);
      assert.match(last.body, /登录失败次数过多/);

      // The right password from the locked address is refused too…
      const locked = await passwordStep(aa, user, { ip: '203.0.113.7' });
      assert.equal(locked.res.statusCode, 429);
      // …while the real user signs in from another address.
      const elsewhere = await signIn(aa, user, { ip: '198.51.100.20' });
      assert.equal((await elsewhere.get('/admin/audit')).statusCode, 200);
      assert.ok((await auditRows(aa.ctx, 'auth.login_throttled')).length >= 1);
    });

    it('lets the same address in again once the lock time has passed', async () => {
      const other = await createStaffUser(aa);
      const { statuses, last } = await wrongPasswords(aa, other, '203.0.113.8', 6);
      assert.equal(statuses.at(-1), 429);
      const retryAfter = Number(last.headers['retry-after']);
      aa.advance(retryAfter * 1000 - 2000);
      assert.equal((await passwordStep(aa, other, { ip: '203.0.113.8' })).res.statusCode, 429);
      aa.advance(3000);
      const after = await passwordStep(aa, other, { ip: '203.0.113.8' });
      assert.equal(after.res.statusCode, 303, 'the lock has expired');
    });

    it('lets a security administrator lift the lock early (audited)', async () => {
      const victim = await createStaffUser(aa);
      await wrongPasswords(aa, victim, '203.0.113.9', 6);
      assert.equal((await passwordStep(aa, victim, { ip: '203.0.113.9' })).res.statusCode, 429);
      const admin = await signIn(aa, security);
      const page = await admin.get(`/admin/users/${victim.account.id}/roles`);
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /解除登录锁定/);
      const res = await admin.post(`/admin/users/${victim.account.id}/unlock`);
      assert.equal(res.statusCode, 303);
      assert.equal(res.headers.location, `/admin/users/${victim.account.id}/roles?ok=unlocked`);
      assert.equal((await passwordStep(aa, victim, { ip: '203.0.113.9' })).res.statusCode, 303);
      const rows = await auditRows(aa.ctx, 'user.unlock');
      assert.equal(rows.at(-1)?.target_id, victim.account.id);
      assert.equal(rows.at(-1)?.actor_name, security.username);
    });
  });
}
