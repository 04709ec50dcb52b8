// The second factor is not optional: a password-only session reaches no back-
// office page, a TOTP code is accepted once, a recovery code once, and a new
// staff member binds TOTP and replaces the one-time password before anything else.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createStaff } from '../../src/modules/identity/accounts.ts';
import { totpCode } from '../../src/modules/identity/totp.ts';
import { dialects } from '../helpers/databases.ts';
import {
  type AdminApp,
  Agent,
  createStaffUser,
  openAdminApp,
  passwordStep,
  type StaffUser,
} from '../helpers/staff.ts';

const GUARDED_GETS = [
  '/admin',
  '/admin/organisations',
  '/admin/users',
  '/admin/roles',
  '/admin/sessions',
  '/admin/audit',
  '/admin/outbox',
  '/admin/jobs',
  '/admin/password',
  '/admin/account/sessions',
];

for (const dialect of dialects) {
  describe(`admin second factor [${dialect}]`, () => {
    let aa: AdminApp;
    let admin: StaffUser;
    before(async () => {
      aa = await openAdminApp(dialect);
      admin = await createStaffUser(aa, { roles: [{ role: 'system_admin' }] });
    });
    after(() => aa.close());

    it('sends a password-only session to the TOTP page from every page and refuses its posts', async () => {
      const { agent } = await passwordStep(aa, admin);
      for (const url of GUARDED_GETS) {
        const res = await agent.get(url);
        assert.equal(res.statusCode, 303, url);
        assert.equal(res.headers.location, '/admin/login/totp', url);
      }
      const post = await agent.post('/admin/users', { username: 'sneaky', displayName: 'x' });
      assert.ok([303, 401].includes(post.statusCode), `POST answered ${post.statusCode}`);
      const made = await aa.ctx.db.kysely
        .selectFrom('account')
        .select('id')
        .where('username', '=', 'sneaky')
        .execute();
      assert.equal(made.length, 0, 'nothing was created');
    });

    it('accepts a TOTP code once: the same code in a second sign-in is refused', async () => {
      aa.advance(30_000);
      const code = totpCode(admin.secret, aa.now());
      const first = await passwordStep(aa, admin);
      const ok = await first.agent.post('/admin/login/totp', { code });
      assert.equal(ok.statusCode, 303);
      const second = await passwordStep(aa, admin);
      const replay = await second.agent.post('/admin/login/totp', { code });
      assert.equal(replay.statusCode, 401);
      assert.match(replay.body, /动态口令或恢复码不正确/);
      assert.equal((await second.agent.get('/admin')).headers.location, '/admin/login/totp');
      // A wrong code is refused the same way.
      const wrong = await second.agent.post('/admin/login/totp', { code: '000000' });
      assert.equal(wrong.statusCode, 401);
    });

    it('accepts a recovery code once only', async () => {
      const [recovery] = admin.recoveryCodes;
      const first = await passwordStep(aa, admin);
      const ok = await first.agent.post('/admin/login/totp', { code: recovery! });
      assert.equal(ok.statusCode, 303);
      assert.equal((await first.agent.get('/admin')).statusCode, 200);
      const second = await passwordStep(aa, admin);
      const again = await second.agent.post('/admin/login/totp', { code: recovery! });
      assert.equal(again.statusCode, 401);
    });

    it('walks a new staff member through TOTP binding and the password change', async () => {
      const { oneTimePassword } = await createStaff(
        aa.ctx,
        { username: 'new.starter', displayName: '新同事' },
        { id: null, name: 'test' },
      );
      const agent = new Agent(aa.app);
      await agent.get('/admin/login');
      const login = await agent.post('/admin/login', {
        username: 'new.starter',
        password: oneTimePassword,
      });
      assert.equal(login.headers.location, '/admin/mfa');
      assert.equal((await agent.get('/admin/login/totp')).headers.location, '/admin/mfa');
      const page = await agent.get('/admin/mfa');
      assert.equal(page.statusCode, 200);
      const secret = /<p class="code-block"><span[^>]*>[^<]*<\/span>([A-Z2-7 ]+)<\/p>/
        .exec(page.body)?.[1]
        ?.replaceAll(' ', '');
      assert.ok(secret, 'the page shows the secret');
      assert.match(page.body, /otpauth:\/\/totp\//);
      const qr = /<img class="qr" src="data:image\/svg\+xml;base64,([^"]+)" alt="([^"]+)"/.exec(
        page.body,
      );
      assert.ok(qr, 'a QR code image drawn on the server, with alt text');
      assert.match(Buffer.from(qr[1]!, 'base64').toString(), /^<svg[\s\S]*<\/svg>\s*$/);
      // Reloading keeps the same pending secret.
      assert.ok((await agent.get('/admin/mfa')).body.includes(secret.slice(0, 4)));

      const wrong = await agent.post('/admin/mfa', { code: '000000' });
      assert.equal(wrong.statusCode, 400);
      assert.match(wrong.body, /动态口令不正确/);
      const done = await agent.post('/admin/mfa', { code: totpCode(secret, aa.now()) });
      assert.equal(done.statusCode, 200, done.body);
      const codes = [...done.body.matchAll(/<li>([2-9a-z]{4}-[2-9a-z]{4}-[2-9a-z]{4})<\/li>/g)];
      assert.equal(codes.length, 10, 'ten recovery codes shown once');
      assert.match(done.body, /只显示这一次/);

      // Signed in fully, but the one-time password must be replaced first.
      assert.equal((await agent.get('/admin')).headers.location, '/admin/password');
      assert.equal((await agent.get('/admin/users')).headers.location, '/admin/password');
      const mismatch = await agent.post('/admin/password', {
        current: oneTimePassword,
        password: 'Loushanguan-2026',
        confirm: 'Loushanguan-2027',
      });
      assert.equal(mismatch.statusCode, 400);
      assert.match(mismatch.body, /两次输入的新密码不一致/);
      const common = await agent.post('/admin/password', {
        current: oneTimePassword,
        password: 'password123',
        confirm: 'password123',
      });
      assert.equal(common.statusCode, 400);
      assert.match(common.body, /过于常见/);
      const changed = await agent.post('/admin/password', {
        current: oneTimePassword,
        password: 'Loushanguan-2026',
        confirm: 'Loushanguan-2026',
      });
      assert.equal(changed.statusCode, 303, changed.body);
      const home = await agent.get(String(changed.headers.location));
      assert.equal(home.statusCode, 200);
      assert.match(home.body, /密码已修改/);
      assert.match(home.body, /尚未分配角色/);
    });
  });
}
