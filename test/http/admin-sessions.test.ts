// Sessions in the back office: everyone sees and ends their own sign-ins
// (and only their own); the security administrator sees and ends anyone's.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { hashToken } from '../../src/modules/identity/sessions.ts';
import { dialects } from '../helpers/databases.ts';
import {
  type AdminApp,
  auditRows,
  createStaffUser,
  openAdminApp,
  type StaffUser,
  signIn,
} from '../helpers/staff.ts';

for (const dialect of dialects) {
  describe(`admin sessions [${dialect}]`, () => {
    let aa: AdminApp;
    let user: StaffUser;
    let other: StaffUser;
    let sec: StaffUser;
    before(async () => {
      aa = await openAdminApp(dialect);
      user = await createStaffUser(aa, { roles: [{ role: 'system_admin' }] });
      other = await createStaffUser(aa);
      sec = await createStaffUser(aa, { roles: [{ role: 'security_admin' }] });
    });
    after(() => aa.close());

    it('lists my sessions and ends one of them, but never someone else’s', async () => {
      const laptop = await signIn(aa, user, { ip: '198.51.100.1' });
      const phone = await signIn(aa, user, { ip: '198.51.100.2' });
      const theirs = await signIn(aa, other);
      const page = await laptop.get('/admin/account/sessions');
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /198\.51\.100\.1/);
      assert.match(page.body, /198\.51\.100\.2/);
      assert.match(page.body, /当前会话/);
      assert.ok(!page.body.includes(hashToken(theirs.session!)), 'no one else’s session');

      const foreign = await laptop.post('/admin/account/sessions/revoke', {
        id: hashToken(theirs.session!),
      });
      assert.equal(foreign.statusCode, 303);
      assert.equal((await theirs.get('/admin')).statusCode, 200, 'their session is untouched');

      const res = await laptop.post('/admin/account/sessions/revoke', {
        id: hashToken(phone.session!),
      });
      assert.equal(res.statusCode, 303);
      assert.equal(res.headers.location, '/admin/account/sessions?ok=session');
      assert.equal((await phone.get('/admin')).statusCode, 303, 'the phone is signed out');
      assert.equal((await laptop.get('/admin')).statusCode, 200);

      const self = await laptop.post('/admin/account/sessions/revoke', {
        id: hashToken(laptop.session!),
      });
      assert.equal(self.headers.location, '/admin/login');
      assert.equal(laptop.session, undefined);
    });

    it('lets the security administrator end anyone’s session (audited)', async () => {
      const victim = await signIn(aa, other, { ip: '198.51.100.9' });
      const admin = await signIn(aa, sec);
      const list = await admin.get('/admin/sessions');
      assert.equal(list.statusCode, 200);
      assert.ok(list.body.includes(other.username));
      assert.ok(list.body.includes(hashToken(victim.session!)));
      const res = await admin.post('/admin/sessions/revoke', { id: hashToken(victim.session!) });
      assert.equal(res.statusCode, 303);
      assert.equal((await victim.get('/admin')).statusCode, 303);
      const row = (await auditRows(aa.ctx, 'session.revoke')).at(-1)!;
      assert.equal(row.actor_name, sec.username);
      assert.equal(row.target_id, other.account.id);
      const bad = await admin.post('/admin/sessions/revoke', { id: 'not-a-hash' });
      assert.equal(bad.statusCode, 303);
    });

    it('refuses the list of all sessions to anyone without session.revoke_any', async () => {
      const agent = await signIn(aa, user);
      assert.equal((await agent.get('/admin/sessions')).statusCode, 403);
      assert.equal(
        (await agent.post('/admin/sessions/revoke', { id: 'a'.repeat(64) })).statusCode,
        403,
      );
    });
  });
}
