// Sessions of a public account: sign-in always issues a fresh token (no
// fixation), sign-out makes the old cookie worthless, and 我的账号 lists the
// account's sessions and ends any of them — but only the account's own.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { hashToken } from '../../src/modules/identity/sessions.ts';
import {
  type AccountApp,
  Browser,
  makeCitizen,
  newPhone,
  openAccountApp,
  SESSION,
  signIn,
} from '../helpers/account.ts';
import { dialects } from '../helpers/databases.ts';

/** The id_hash values of the revoke buttons on 我的账号. */
function revokable(body: string): string[] {
  return [...body.matchAll(/name="session" value="([0-9a-f]{64})"/g)].map((m) => m[1]!);
}

for (const dialect of dialects) {
  describe(`public account sessions [${dialect}]`, () => {
    let a: AccountApp;
    let phone: string;
    before(async () => {
      a = await openAccountApp(dialect);
      phone = newPhone();
      await makeCitizen(a.ctx, phone);
    });
    after(() => a.close());

    it('sends a visitor without a session to sign in, keeping where they were going', async () => {
      const res = await new Browser(a.app).get('/account');
      assert.equal(res.statusCode, 303);
      assert.equal(res.headers.location, '/account/login?next=%2Faccount');
    });

    it('issues a new token at sign-in: a planted or earlier cookie is not kept', async () => {
      const browser = new Browser(a.app);
      const planted = 'attacker-chosen-session-token-0123456789abcdef';
      browser.jar.set(SESSION, planted);
      await signIn(browser, phone);
      const first = browser.session;
      assert.ok(first);
      assert.notEqual(first, planted);
      const attacker = new Browser(a.app);
      attacker.jar.set(SESSION, planted);
      assert.equal(
        (await attacker.get('/account')).statusCode,
        303,
        'the planted token is no session',
      );

      // Signing in again replaces the session the browser had; the old token is dead.
      const stolen = new Browser(a.app);
      stolen.jar.set(SESSION, first);
      assert.equal((await stolen.get('/account')).statusCode, 200);
      await signIn(browser, phone);
      assert.notEqual(browser.session, first);
      assert.equal((await stolen.get('/account')).statusCode, 303);
    });

    it('signs out: the cookie is cleared and replaying it leads back to sign-in', async () => {
      const browser = new Browser(a.app);
      await signIn(browser, phone);
      const token = browser.session!;
      await browser.get('/account');
      const res = await browser.post('/account/logout', {});
      assert.equal(res.statusCode, 303);
      assert.equal(res.headers.location, '/');
      const cleared = res.cookies.find((c) => c.name === SESSION);
      assert.ok(
        cleared && (cleared.value === '' || (cleared.expires?.getTime() ?? 1) <= Date.now()),
      );
      assert.equal(browser.session, undefined);

      const replay = new Browser(a.app);
      replay.jar.set(SESSION, token);
      const page = await replay.get('/account');
      assert.equal(page.statusCode, 303);
      assert.match(String(page.headers.location), /^\/account\/login/);
      await replay.get('/account/login');
      assert.equal((await replay.post('/account/logout', {})).statusCode, 401);
    });

    it('lists the sessions and ends another of them on its next request', async () => {
      const laptop = new Browser(a.app);
      const phoneBrowser = new Browser(a.app);
      await signIn(laptop, phone);
      await signIn(phoneBrowser, phone);
      const page = await laptop.get('/account');
      assert.match(page.body, /当前会话/);
      assert.match(page.body, /\d{4}-\d{2}-\d{2} \d{2}:\d{2}/, 'times as YYYY-MM-DD HH:mm');
      assert.ok(page.body.includes(phoneBrowser.ip), 'the other session’s IP');
      assert.ok(page.body.includes('TestBrowser/1.0'));
      const other = hashToken(phoneBrowser.session!);
      assert.ok(revokable(page.body).includes(other), 'a button for the other session');
      assert.ok(!revokable(page.body).includes(hashToken(laptop.session!)), 'none for this one');

      const res = await laptop.post('/account/sessions/revoke', { session: other });
      assert.equal(res.statusCode, 303);
      assert.equal(res.headers.location, '/account?revoked=1');
      assert.equal((await phoneBrowser.get('/account')).statusCode, 303, 'ended');
      const after = await laptop.get('/account?revoked=1');
      assert.equal(after.statusCode, 200, 'this session goes on');
      assert.match(after.body, /所选会话已退出/);
    });

    it('refuses with 404 to end a session of another account, which keeps working', async () => {
      const mallory = new Browser(a.app);
      const victim = new Browser(a.app);
      const victimPhone = newPhone();
      await makeCitizen(a.ctx, victimPhone);
      await signIn(mallory, phone);
      await signIn(victim, victimPhone);
      await mallory.get('/account');
      const res = await mallory.post('/account/sessions/revoke', {
        session: hashToken(victim.session!),
      });
      assert.equal(res.statusCode, 404);
      assert.match(res.body, /会话不存在或已结束/);
      assert.equal((await victim.get('/account')).statusCode, 200, 'the victim is still signed in');
      const junk = await mallory.post('/account/sessions/revoke', { session: 'x'.repeat(65) });
      assert.equal(junk.statusCode, 400, 'an over-long id is a validation error');
    });

    it('ends every other session with one button', async () => {
      const browsers = [new Browser(a.app), new Browser(a.app), new Browser(a.app)];
      for (const b of browsers) await signIn(b, phone);
      const [mine, ...others] = browsers;
      await mine!.get('/account');
      const res = await mine!.post('/account/sessions/revoke-others', {});
      assert.equal(res.statusCode, 303);
      for (const b of others) assert.equal((await b.get('/account')).statusCode, 303);
      const page = await mine!.get(String(res.headers.location));
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /其他所有会话已退出/);
      assert.deepEqual(revokable(page.body), [], 'only the current session is left');
    });
  });
}
