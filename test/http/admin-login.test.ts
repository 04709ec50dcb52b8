// Staff sign-in: password, then a TOTP code, then the back office. The
// session token changes at each step (no fixation), `next` survives the
// flow only as a same-site path, wrong credentials get one Chinese message,
// and signing out ends the session on the server.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { totpCode } from '../../src/modules/identity/totp.ts';
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

for (const dialect of dialects) {
  describe(`admin sign-in [${dialect}]`, () => {
    let aa: AdminApp;
    let user: StaffUser;
    before(async () => {
      aa = await openAdminApp(dialect);
      user = await createStaffUser(aa, { roles: [{ role: 'system_admin' }] });
    });
    after(() => aa.close());

    it('signs in with password and TOTP, with a new session token at each step', async () => {
      const agent = new Agent(aa.app);
      const page = await agent.get('/admin/login');
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /工作人员登录/);
      assert.match(page.body, /<html lang="zh-CN"/);
      const login = await agent.post('/admin/login', {
        username: user.username,
        password: user.password,
      });
      assert.equal(login.statusCode, 303, login.body);
      assert.equal(login.headers.location, '/admin/login/totp');
      const cookie = login.cookies.find((c) => c.name === 'yimen_sid');
      assert.ok(cookie, 'the password step sets the session cookie');
      assert.equal(cookie.httpOnly, true);
      assert.equal(cookie.sameSite, 'Lax');
      assert.equal(cookie.path, '/');
      const pending = agent.session;

      const totpPage = await agent.get('/admin/login/totp');
      assert.equal(totpPage.statusCode, 200);
      assert.match(totpPage.body, /动态口令/);
      aa.advance(30_000);
      const totp = await agent.post('/admin/login/totp', {
        code: totpCode(user.secret, aa.now()),
      });
      assert.equal(totp.statusCode, 303, totp.body);
      assert.equal(totp.headers.location, '/admin');
      assert.notEqual(agent.session, pending, 'passing the second factor rotates the session');

      const home = await agent.get('/admin');
      assert.equal(home.statusCode, 200, home.body);
      assert.match(home.body, /工作台/);
      assert.match(home.body, /系统管理员/);
      assert.match(home.body, /退出登录/);

      // The pending token is dead: replaying it gets the sign-in page, not the dashboard.
      const replay = new Agent(aa.app);
      replay.jar.set('yimen_sid', pending!);
      const replayed = await replay.get('/admin');
      assert.equal(replayed.statusCode, 303);
      assert.match(String(replayed.headers.location), /^\/admin\/login\?next=/);
    });

    it('refuses wrong credentials with 401 and one message, and audits the failure', async () => {
      const agent = new Agent(aa.app, '192.0.2.10');
      await agent.get('/admin/login');
      for (const [username, password] of [
        [user.username, 'Wrong-password-1'],
        ['no.such.user', 'Wrong-password-1'],
      ]) {
        const res = await agent.post('/admin/login', { username: username!, password: password! });
        assert.equal(res.statusCode, 401);
        assert.match(res.body, /账号或密码错误/);
        assert.equal(agent.session, undefined, 'no session for a failed sign-in');
        assert.ok(res.body.includes(`value="${username}"`), 'the username stays in the form');
      }
      const failures = await auditRows(aa.ctx, 'auth.login_failed');
      assert.ok(failures.some((r) => r.actor_name === user.username && r.outcome === 'failure'));
      assert.ok(failures.some((r) => r.actor_name === 'no.such.user'));
    });

    it('re-renders the form with Chinese field errors for an empty or oversized form', async () => {
      const agent = new Agent(aa.app);
      await agent.get('/admin/login');
      const empty = await agent.post('/admin/login', { username: '', password: '' });
      assert.equal(empty.statusCode, 400);
      assert.match(empty.body, /此项为必填项/);
      const extra = await agent.post('/admin/login', {
        username: user.username,
        password: user.password,
        role: 'system_admin',
      });
      assert.equal(extra.statusCode, 400);
      assert.match(extra.body, /含有不允许的字段/);
      assert.equal(agent.session, undefined);
    });

    it('keeps a same-site next through both steps and drops any other', async () => {
      const { agent, res } = await passwordStep(aa, user, { next: '/admin/audit?x=1' });
      assert.equal(res.statusCode, 303);
      assert.equal(res.headers.location, '/admin/login/totp?next=%2Fadmin%2Faudit%3Fx%3D1');
      aa.advance(30_000);
      const totp = await agent.post('/admin/login/totp?next=%2Fadmin%2Faudit%3Fx%3D1', {
        code: totpCode(user.secret, aa.now()),
      });
      assert.equal(totp.headers.location, '/admin/audit?x=1');

      for (const evil of [
        'https://evil.example/',
        '//evil.example/',
        '/\\evil.example',
        'javascript:alert(1)',
        '/admin\r\nSet-Cookie: x=1',
      ]) {
        const step = await passwordStep(aa, user, { next: evil });
        assert.equal(step.res.statusCode, 303, evil);
        assert.equal(step.res.headers.location, '/admin/login/totp', `dropped: ${evil}`);
        const form = await step.agent.get(`/admin/login/totp?next=${encodeURIComponent(evil)}`);
        assert.ok(!form.body.includes('evil.example'), 'not in the form action either');
      }
    });

    it('marks the session cookie Secure when the request came over HTTPS', async () => {
      const tls = await openAdminApp(dialect, { env: { YIMEN_TRUST_PROXY: 'true' } });
      try {
        const staff = await createStaffUser(tls);
        const agent = new Agent(tls.app);
        await agent.get('/admin/login');
        const res = await tls.app.inject({
          method: 'POST',
          url: '/admin/login',
          remoteAddress: '127.0.0.1',
          headers: {
            'content-type': 'application/x-www-form-urlencoded',
            'x-forwarded-proto': 'https',
            cookie: agent.cookie,
          },
          payload: new URLSearchParams({
            _csrf: agent.csrf,
            username: staff.username,
            password: staff.password,
          }).toString(),
        });
        assert.equal(res.statusCode, 303, res.body);
        const cookie = res.cookies.find((c) => c.name === 'yimen_sid');
        assert.equal(cookie?.secure, true);
        assert.equal(cookie?.httpOnly, true);
        const plain = await passwordStep(aa, user);
        assert.equal(plain.res.cookies.find((c) => c.name === 'yimen_sid')?.secure, undefined);
      } finally {
        await tls.close();
      }
    });

    it('signs out: the cookie is cleared and the old token no longer works', async () => {
      const agent = await signIn(aa, user);
      const token = agent.session!;
      const out = await agent.post('/admin/logout');
      assert.equal(out.statusCode, 303);
      assert.equal(out.headers.location, '/admin/login');
      assert.equal(agent.session, undefined);
      const replay = new Agent(aa.app);
      replay.jar.set('yimen_sid', token);
      assert.equal((await replay.get('/admin')).statusCode, 303);
      const post = await replay.post('/admin/users', { username: 'x', displayName: 'x' });
      assert.equal(post.statusCode, 401);
      assert.equal((await auditRows(aa.ctx, 'auth.logout')).length, 1);
    });
  });
}
