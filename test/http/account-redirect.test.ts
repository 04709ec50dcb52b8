// The `next` parameter of /account/login: only a path on this site is
// followed after signing in; anything that could leave the site is ignored.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  type AccountApp,
  Browser,
  makeCitizen,
  newPhone,
  openAccountApp,
  PASSWORD,
} from '../helpers/account.ts';
import { dialects } from '../helpers/databases.ts';

const OFF_SITE = [
  'https://evil.example',
  '//evil.example',
  '/\\evil.example',
  '\\\\evil.example',
  '/\t/evil.example',
  'javascript:alert(1)',
  'evil.example/account',
  ' /account',
];

for (const dialect of dialects) {
  describe(`sign-in next parameter [${dialect}]`, () => {
    let a: AccountApp;
    let phone: string;
    before(async () => {
      a = await openAccountApp(dialect);
      phone = newPhone();
      await makeCitizen(a.ctx, phone);
    });
    after(() => a.close());

    async function signInWithNext(next: string) {
      const browser = new Browser(a.app);
      const page = await browser.get(`/account/login?next=${encodeURIComponent(next)}`);
      assert.equal(page.statusCode, 200);
      const carried = /name="next" value="([^"]*)"/.exec(page.body)?.[1];
      const res = await browser.post('/account/login', {
        method: 'password',
        phone,
        password: PASSWORD,
        next,
      });
      assert.equal(res.statusCode, 303, res.body);
      return { carried, location: String(res.headers.location) };
    }

    it('stays on the site for /account/login?next=https://evil.example and friends', async () => {
      for (const next of OFF_SITE) {
        const { carried, location } = await signInWithNext(next);
        assert.equal(carried, undefined, `the form does not carry ${JSON.stringify(next)}`);
        assert.equal(location, '/account', `ignored: ${JSON.stringify(next)}`);
      }
    });

    it('follows a path on this site, such as the page that asked for sign-in', async () => {
      const guarded = await new Browser(a.app).get('/account/password');
      assert.equal(guarded.headers.location, '/account/login?next=%2Faccount%2Fpassword');
      const { carried, location } = await signInWithNext('/account/password');
      assert.equal(carried, '/account/password');
      assert.equal(location, '/account/password');
    });
  });
}
