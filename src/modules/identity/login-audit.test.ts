// What a staff sign-in tells the caller and writes to the audit log: one
// answer for unknown account, wrong password and disabled account; one entry
// per attempt with who, where and the outcome; and a crafted user name stored
// verbatim in one entry, unable to forge another.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { dialects } from '../../../test/helpers/databases.ts';
import { auditKey, verifyAuditChain } from '../audit/index.ts';
import { setAccountStatus } from './accounts.ts';
import {
  beginTotpEnrolment,
  confirmTotpEnrolment,
  INVALID_CREDENTIALS,
  staffPasswordLogin,
  staffSecondFactor,
} from './auth.ts';
import {
  auditHead,
  auditSince,
  CLI_ACTOR,
  clientAt,
  type IdentityTest,
  makeStaff,
  openIdentityTest,
  rejectsWith,
  type TestStaff,
} from './test-support.ts';
import { totpCode } from './totp.ts';

const CLIENT = clientAt('192.0.2.10');

for (const dialect of dialects) {
  describe(`sign-in answers and audit entries [${dialect}]`, () => {
    let t: IdentityTest;
    let alice: TestStaff;
    before(async () => {
      t = await openIdentityTest(dialect);
      alice = await makeStaff(t.ctx, 'alice');
    });
    after(() => t.close());

    it('answers an unknown name, a wrong password and a disabled account alike', async () => {
      const { password, account } = await makeStaff(t.ctx, 'carol');
      await setAccountStatus(t.ctx, account.id, 'disabled', CLI_ACTOR);
      const attempts: [string, string][] = [
        ['nobody', 'whatever-password'],
        ['alice', 'wrong-password-1'],
        ['carol', password],
      ];
      const seq = await auditHead(t.ctx);
      const answers = [];
      for (const [name, pw] of attempts) {
        const err = await rejectsWith(
          staffPasswordLogin(t.ctx, name, pw, CLIENT),
          'unauthenticated',
        );
        answers.push({
          name: err.name,
          message: err.message,
          fields: err.fields,
          status: err.status,
        });
      }
      assert.equal(answers[0]!.message, INVALID_CREDENTIALS);
      assert.deepEqual(answers[1], answers[0]);
      assert.deepEqual(answers[2], answers[0]);
      // The log, which only auditors read, does keep the reason apart.
      const entries = await auditSince(t.ctx, seq);
      assert.deepEqual(
        entries.map((e) => [e.action, e.outcome, e.actor_name, JSON.parse(e.detail).reason]),
        [
          ['auth.login_failed', 'failure', 'nobody', 'unknown_account'],
          ['auth.login_failed', 'failure', 'alice', 'bad_credentials'],
          ['auth.login_failed', 'failure', 'carol', 'disabled'],
        ],
      );
      assert.equal(entries[0]!.actor_id, null);
      assert.equal(entries[1]!.actor_id, alice.account.id);
    });

    it('records a failure with who, where, when and outcome, and never the password', async () => {
      const seq = await auditHead(t.ctx);
      await rejectsWith(
        staffPasswordLogin(t.ctx, ' Alice ', 'secret-guess-123', CLIENT),
        'unauthenticated',
      );
      const [e, ...rest] = await auditSince(t.ctx, seq);
      assert.equal(rest.length, 0, 'one entry per attempt');
      assert.deepEqual(
        [e!.action, e!.outcome, e!.actor_id, e!.actor_name, e!.actor_ip, e!.at],
        [
          'auth.login_failed',
          'failure',
          alice.account.id,
          'alice',
          CLIENT.ip,
          t.clock.now().toISOString(),
        ],
      );
      assert.ok(!JSON.stringify(e).includes('secret-guess-123'));
    });

    it('records password_ok, then login with the factor used', async () => {
      // First sign-in: password, then TOTP enrolment.
      const first = await staffPasswordLogin(t.ctx, 'alice', alice.password, CLIENT);
      assert.equal(first.next, 'enrol');
      const secret = await beginTotpEnrolment(t.ctx, first.account);
      await confirmTotpEnrolment(t.ctx, alice.account.id, totpCode(secret, t.clock.now()), CLIENT);
      t.clock.advance(60_000);
      const seq = await auditHead(t.ctx);
      const second = await staffPasswordLogin(t.ctx, 'alice', alice.password, CLIENT);
      assert.equal(second.next, 'totp');
      await staffSecondFactor(t.ctx, alice.account.id, totpCode(secret, t.clock.now()), CLIENT);
      const entries = await auditSince(t.ctx, seq);
      assert.deepEqual(
        entries.map((e) => [e.action, e.outcome, e.actor_id, e.actor_name, e.actor_ip]),
        [
          ['auth.password_ok', 'success', alice.account.id, 'alice', CLIENT.ip],
          ['auth.login', 'success', alice.account.id, 'alice', CLIENT.ip],
        ],
      );
      assert.deepEqual(JSON.parse(entries[1]!.detail), { factor: 'totp' });
      for (const e of entries) assert.ok(!e.detail.includes(alice.password));
    });

    it('stores a log-injection user name verbatim, in exactly one entry', async () => {
      const forged = 'bob\n2026-01-01 admin login ok';
      const seq = await auditHead(t.ctx);
      await rejectsWith(
        staffPasswordLogin(t.ctx, forged, 'whatever-password', CLIENT),
        'unauthenticated',
      );
      const entries = await auditSince(t.ctx, seq);
      assert.equal(entries.length, 1, 'no extra rows');
      assert.equal(entries[0]!.actor_name, forged);
      assert.equal(entries[0]!.action, 'auth.login_failed');
      assert.equal(entries[0]!.outcome, 'failure');
      const lookalikes = await t.ctx.db.kysely
        .selectFrom('audit_log')
        .select('seq')
        .where('actor_name', '=', '2026-01-01 admin login ok')
        .execute();
      assert.deepEqual(lookalikes, []);
    });

    it('leaves an intact audit chain', async () => {
      const result = await verifyAuditChain(t.ctx.db, auditKey(t.config.secret));
      assert.equal(result.ok, true, JSON.stringify(result));
    });
  });
}
