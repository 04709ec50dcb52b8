// Brute-force limits on staff sign-in, under a clock the test moves: five
// failures lock the (account, IP) pair for a minute, then longer; the real
// user still signs in from elsewhere (no lockout DoS); thirty failures from
// one IP lock that IP for every account.
import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { dialects } from '../../../test/helpers/databases.ts';
import { INVALID_CREDENTIALS, staffPasswordLogin } from './auth.ts';
import {
  auditHead,
  auditSince,
  clientAt,
  type IdentityTest,
  makeStaff,
  openIdentityTest,
  rejectsWith,
  type TestStaff,
} from './test-support.ts';
import { unlockAccount } from './throttle.ts';

const HOME = clientAt('198.51.100.7');
const ATTACKER = clientAt('203.0.113.66');

for (const dialect of dialects) {
  describe(`sign-in throttling [${dialect}]`, () => {
    let t: IdentityTest;
    let alice: TestStaff;
    beforeEach(async () => {
      t = await openIdentityTest(dialect);
      alice = await makeStaff(t.ctx, 'alice');
    });
    afterEach(() => t.close());

    const wrong = (client = ATTACKER, username = 'alice') =>
      rejectsWith(
        staffPasswordLogin(t.ctx, username, 'not-the-password', client),
        'unauthenticated',
      );
    const limited = async (client = ATTACKER, password = alice.password) => {
      const err = await rejectsWith(
        staffPasswordLogin(t.ctx, 'alice', password, client),
        'rate_limited',
      );
      return (err as unknown as { retryAfter: number }).retryAfter;
    };

    it('locks the pair after 5 failures for about 60 s, refusing even the right password', async () => {
      for (let i = 0; i < 5; i++) assert.equal((await wrong()).message, INVALID_CREDENTIALS);
      const seq = await auditHead(t.ctx);
      const retryAfter = await limited();
      assert.ok(retryAfter >= 59 && retryAfter <= 60, `retryAfter ${retryAfter}`);
      const [entry, ...rest] = await auditSince(t.ctx, seq);
      assert.equal(rest.length, 0);
      assert.deepEqual(
        [entry!.action, entry!.outcome, entry!.actor_name, entry!.actor_ip],
        ['auth.login_throttled', 'denied', 'alice', ATTACKER.ip],
      );
      t.clock.advance(30_000);
      const later = await limited();
      assert.ok(later >= 29 && later <= 30, `counts down: ${later}`);
    });

    it('lets the real user in from another IP meanwhile (no lockout DoS)', async () => {
      for (let i = 0; i < 5; i++) await wrong();
      await limited();
      const { account, token } = await staffPasswordLogin(t.ctx, 'alice', alice.password, HOME);
      assert.equal(account.id, alice.account.id);
      assert.ok(token);
      await limited(ATTACKER);
    });

    it('opens again once the lock has passed, and a success clears the count', async () => {
      for (let i = 0; i < 5; i++) await wrong();
      await limited();
      t.clock.advance(61_000);
      const ok = await staffPasswordLogin(t.ctx, 'alice', alice.password, ATTACKER);
      assert.equal(ok.account.id, alice.account.id);
      for (let i = 0; i < 4; i++) await wrong();
      await staffPasswordLogin(t.ctx, 'alice', alice.password, ATTACKER);
    });

    it('locks for longer as failures continue: 1, then 2 minutes', async () => {
      for (let i = 0; i < 5; i++) await wrong();
      t.clock.advance(61_000);
      await wrong();
      const retryAfter = await limited();
      assert.ok(retryAfter >= 119 && retryAfter <= 120, `retryAfter ${retryAfter}`);
    });

    it('locks an IP that failed on 30 different accounts, for every account', async () => {
      for (let i = 0; i < 30; i++) await wrong(ATTACKER, `guess${i}`);
      const retryAfter = await limited(ATTACKER);
      assert.ok(retryAfter > 14 * 60 && retryAfter <= 15 * 60, `retryAfter ${retryAfter}`);
      await rejectsWith(staffPasswordLogin(t.ctx, 'guess99', 'x', ATTACKER), 'rate_limited');
      const home = await staffPasswordLogin(t.ctx, 'alice', alice.password, HOME);
      assert.equal(home.account.id, alice.account.id, 'other addresses are unaffected');
      t.clock.advance(15 * 60_000 + 1000);
      await staffPasswordLogin(t.ctx, 'alice', alice.password, ATTACKER);
    });

    it('does not lock after 29 failures from one IP', async () => {
      for (let i = 0; i < 29; i++) await wrong(ATTACKER, `guess${i}`);
      await staffPasswordLogin(t.ctx, 'alice', alice.password, ATTACKER);
    });

    it('forgets old failures after a quiet 15 minutes', async () => {
      for (let i = 0; i < 4; i++) await wrong();
      t.clock.advance(16 * 60_000);
      for (let i = 0; i < 4; i++) await wrong();
      await staffPasswordLogin(t.ctx, 'alice', alice.password, ATTACKER);
    });

    it('gives a burst of concurrent guesses no more tries than a sequence', async () => {
      const results = await Promise.allSettled(
        Array.from({ length: 20 }, () =>
          staffPasswordLogin(t.ctx, 'alice', 'not-the-password', ATTACKER),
        ),
      );
      const codes = results.map((r) =>
        r.status === 'rejected' ? (r.reason as { code?: string }).code : 'signed-in',
      );
      assert.equal(codes.filter((c) => c === 'unauthenticated').length, 5, codes.join(' '));
      assert.equal(codes.filter((c) => c === 'rate_limited').length, 15);
      const pair = await t.ctx.db.kysely
        .selectFrom('login_throttle')
        .selectAll()
        .where('key', '=', 'pair:alice|203.0.113.66')
        .executeTakeFirstOrThrow();
      assert.equal(pair.failures, 5, 'no lost updates');
      await limited();
    });

    it('does not count successful sign-ins against the IP', async () => {
      for (let i = 0; i < 40; i++) await staffPasswordLogin(t.ctx, 'alice', alice.password, HOME);
      for (let i = 0; i < 29; i++) await wrong(HOME, `guess${i}`);
      await staffPasswordLogin(t.ctx, 'alice', alice.password, HOME);
    });

    it('lets a security administrator lift the lock on an account', async () => {
      for (let i = 0; i < 5; i++) await wrong();
      await limited();
      assert.equal(await unlockAccount(t.ctx, 'alice'), 1);
      await staffPasswordLogin(t.ctx, 'alice', alice.password, ATTACKER);
    });
  });
}
