// Periodic password change (RELIABILITY row 1): ASVS 6.2.10 forbids forcing
// it, 等保 L3-CES1-01 asks for it; so it is a deployment setting, off by
// default. Both settings are tested.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { dialects } from '../../../test/helpers/databases.ts';
import { getAccount, setPassword } from './accounts.ts';
import { staffPasswordLogin } from './auth.ts';
import {
  CLI_ACTOR,
  clientAt,
  type IdentityTest,
  makeStaff,
  openIdentityTest,
} from './test-support.ts';

const DAY = 86_400_000;

for (const dialect of dialects) {
  describe(`password expiry [${dialect}]`, () => {
    let t: IdentityTest;
    before(async () => {
      t = await openIdentityTest(dialect);
    });
    after(() => t.close());

    async function staffWithPassword(username: string, password: string) {
      const { account } = await makeStaff(t.ctx, username);
      await setPassword(t.ctx, account, password, CLI_ACTOR);
      return account;
    }

    it('never forces a change when the setting is off (the default)', async () => {
      assert.equal(t.ctx.config.passwordMaxAgeDays, 0);
      const account = await staffWithPassword('zhou.off', 'Meitan-chaye-2026');
      t.clock.advance(400 * DAY);
      await staffPasswordLogin(t.ctx, 'zhou.off', 'Meitan-chaye-2026', clientAt('10.1.1.1'));
      assert.equal((await getAccount(t.ctx, account.id)).must_change_password, 0);
    });

    it('forces a change after the configured number of days, and not before', async () => {
      t.ctx.config.passwordMaxAgeDays = 90;
      try {
        const account = await staffWithPassword('zhou.on', 'Chishui-danxia-2026');
        t.clock.advance(89 * DAY);
        await staffPasswordLogin(t.ctx, 'zhou.on', 'Chishui-danxia-2026', clientAt('10.1.1.2'));
        assert.equal(
          (await getAccount(t.ctx, account.id)).must_change_password,
          0,
          'day 89: still valid',
        );
        t.clock.advance(2 * DAY);
        const { account: signedIn } = await staffPasswordLogin(
          t.ctx,
          'zhou.on',
          'Chishui-danxia-2026',
          clientAt('10.1.1.2'),
        );
        assert.equal(signedIn.must_change_password, 1, 'day 91: must change');
        const audit = await t.ctx.db.kysely
          .selectFrom('audit_log')
          .select('detail')
          .where('action', '=', 'auth.password_ok')
          .orderBy('seq', 'desc')
          .executeTakeFirstOrThrow();
        assert.deepEqual(JSON.parse(audit.detail), { mustChangePassword: true });
        await setPassword(
          t.ctx,
          await getAccount(t.ctx, account.id),
          'Chishui-pubu-2027',
          CLI_ACTOR,
        );
        await staffPasswordLogin(t.ctx, 'zhou.on', 'Chishui-pubu-2027', clientAt('10.1.1.2'));
        assert.equal(
          (await getAccount(t.ctx, account.id)).must_change_password,
          0,
          'a fresh password is valid again',
        );
      } finally {
        t.ctx.config.passwordMaxAgeDays = 0;
      }
    });
  });
}
