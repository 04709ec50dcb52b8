// The staff second factor through the services, under a clock the test
// moves: enrolment, single use of each TOTP code (no replay), ±1 step of
// drift but not 2, single-use recovery codes, and a failed confirmation that
// changes nothing.
import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { dialects } from '../../../test/helpers/databases.ts';
import { getAccount } from './accounts.ts';
import { beginTotpEnrolment, confirmTotpEnrolment, staffSecondFactor } from './auth.ts';
import type { AccountRow } from './tables.ts';
import {
  auditHead,
  auditSince,
  clientAt,
  type IdentityTest,
  makeStaff,
  openIdentityTest,
  rejectsWith,
} from './test-support.ts';
import { hashRecoveryCode, totpCode } from './totp.ts';

const CLIENT = clientAt('192.0.2.20');
const STEP = 30_000;

/** The code of the step `offset` steps from `now`. */
const codeAt = (secret: string, now: Date, offset: number) =>
  totpCode(secret, new Date(now.getTime() + offset * STEP));

/** A six-digit code that is none of the codes valid around `now`. */
function wrongCode(secret: string, now: Date): string {
  const valid = new Set([-1, 0, 1].map((o) => codeAt(secret, now, o)));
  for (let n = 0; ; n++) {
    const code = String(n).padStart(6, '0');
    if (!valid.has(code)) return code;
  }
}

for (const dialect of dialects) {
  describe(`TOTP second factor [${dialect}]`, () => {
    let t: IdentityTest;
    let alice: AccountRow;
    beforeEach(async () => {
      t = await openIdentityTest(dialect);
      alice = (await makeStaff(t.ctx, 'alice')).account;
    });
    afterEach(() => t.close());

    async function enrol(): Promise<{ secret: string; codes: string[] }> {
      const secret = await beginTotpEnrolment(t.ctx, alice);
      const codes = await confirmTotpEnrolment(
        t.ctx,
        alice.id,
        totpCode(secret, t.clock.now()),
        CLIENT,
      );
      return { secret, codes };
    }
    const second = (code: string) => staffSecondFactor(t.ctx, alice.id, code, CLIENT);
    const refused = (code: string) => rejectsWith(second(code), 'unauthenticated');

    it('enrols with a first code and hands out 10 distinct recovery codes, stored hashed', async () => {
      const seq = await auditHead(t.ctx);
      const { codes } = await enrol();
      assert.equal(codes.length, 10);
      assert.equal(new Set(codes).size, 10);
      const account = await getAccount(t.ctx, alice.id);
      assert.ok(account.totp_enabled_at);
      assert.ok(account.totp_secret_enc?.startsWith('v1.'), 'the secret is encrypted');
      const stored = await t.ctx.db.kysely
        .selectFrom('recovery_code')
        .selectAll()
        .where('account_id', '=', alice.id)
        .execute();
      assert.deepEqual(stored.map((r) => r.code_hash).sort(), codes.map(hashRecoveryCode).sort());
      assert.ok(stored.every((r) => r.used_at === null && !codes.includes(r.code_hash)));
      const entries = await auditSince(t.ctx, seq);
      assert.deepEqual(
        entries.map((e) => [e.action, e.outcome]),
        [['auth.mfa_enrol', 'success']],
      );
    });

    it('changes nothing when the confirmation code is wrong', async () => {
      const secret = await beginTotpEnrolment(t.ctx, alice);
      const before = await getAccount(t.ctx, alice.id);
      await rejectsWith(
        confirmTotpEnrolment(t.ctx, alice.id, wrongCode(secret, t.clock.now()), CLIENT),
        'bad_request',
      );
      assert.deepEqual(await getAccount(t.ctx, alice.id), before);
      const codes = await t.ctx.db.kysely.selectFrom('recovery_code').selectAll().execute();
      assert.deepEqual(codes, []);
      // A right code afterwards still works.
      const recovery = await confirmTotpEnrolment(
        t.ctx,
        alice.id,
        totpCode(secret, t.clock.now()),
        CLIENT,
      );
      assert.equal(recovery.length, 10);
      await rejectsWith(beginTotpEnrolment(t.ctx, await getAccount(t.ctx, alice.id)), 'conflict');
    });

    it('accepts the current code once and refuses it again (replay)', async () => {
      const { secret } = await enrol();
      // The enrolment code itself cannot be used to sign in.
      await refused(totpCode(secret, t.clock.now()));
      t.clock.advance(5 * STEP);
      const code = totpCode(secret, t.clock.now());
      const account = await second(code);
      assert.equal(account.id, alice.id);
      await refused(code);
      t.clock.advance(10_000);
      await refused(code);
    });

    it('lets only one of concurrent uses of a code through', async () => {
      const { secret, codes } = await enrol();
      t.clock.advance(5 * STEP);
      const code = totpCode(secret, t.clock.now());
      for (const c of [code, codes[0]!]) {
        const results = await Promise.allSettled([second(c), second(c), second(c)]);
        assert.equal(results.filter((r) => r.status === 'fulfilled').length, 1, c);
      }
    });

    it('accepts a code one step early or late, not two', async () => {
      const { secret } = await enrol();
      t.clock.advance(10 * STEP);
      await second(codeAt(secret, t.clock.now(), -1));
      t.clock.advance(10 * STEP);
      await second(codeAt(secret, t.clock.now(), +1));
      t.clock.advance(10 * STEP);
      const now = t.clock.now();
      const near = new Set([-1, 0, 1].map((o) => codeAt(secret, now, o)));
      for (const offset of [-2, +2]) {
        const code = codeAt(secret, now, offset);
        if (near.has(code)) continue; // a one-in-a-million collision, not a failure
        await refused(code);
      }
      await second(codeAt(secret, now, 0));
    });

    it('refuses a code once a later one was used (no going back)', async () => {
      const { secret } = await enrol();
      t.clock.advance(10 * STEP);
      const early = codeAt(secret, t.clock.now(), 0);
      await second(codeAt(secret, t.clock.now(), +1));
      await refused(early);
    });

    it('accepts a recovery code once and only once, however typed', async () => {
      const { codes } = await enrol();
      const seq = await auditHead(t.ctx);
      await second(codes[0]!);
      await refused(codes[0]!);
      await second(` ${codes[1]!.toUpperCase().replaceAll('-', ' ')} `);
      await refused(codes[1]!);
      await refused('abcd-efgh-jkmn');
      const logins = (await auditSince(t.ctx, seq)).filter((e) => e.action === 'auth.login');
      assert.deepEqual(
        logins.map((e) => JSON.parse(e.detail).factor),
        ['recovery_code', 'recovery_code'],
      );
      const used = await t.ctx.db.kysely
        .selectFrom('recovery_code')
        .select('used_at')
        .where('account_id', '=', alice.id)
        .where('used_at', 'is not', null)
        .execute();
      assert.equal(used.length, 2);
    });

    it("does not accept another account's recovery code", async () => {
      const { codes } = await enrol();
      const bob = (await makeStaff(t.ctx, 'bob')).account;
      const secret = await beginTotpEnrolment(t.ctx, bob);
      await confirmTotpEnrolment(t.ctx, bob.id, totpCode(secret, t.clock.now()), CLIENT);
      await rejectsWith(staffSecondFactor(t.ctx, bob.id, codes[2]!, CLIENT), 'unauthenticated');
      await second(codes[2]!);
    });
  });
}
