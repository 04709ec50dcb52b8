// The chain is keyed: an attacker with full write access to the database but
// without the deployment secret drops the triggers, rewrites an entry and
// recomputes every link and the chain head. With a bare SM3 (the unkeyed v1
// scheme included) or with HMAC-SM3 under a guessed key the log still fails
// verification; only the real key makes a rewrite verify, which the control
// case shows (so the forging below is complete, and the secret is what protects).
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { runCli } from '../../../test/helpers/cli.ts';
import { dialects, openTestContext, type TestContext } from '../../../test/helpers/databases.ts';
import {
  type AuditKey,
  auditKey,
  CANONICAL_VERSION,
  canonicalForm,
  GENESIS_HASH,
  hashAuditRow,
  type UnhashedRow,
} from './chain.ts';
import { appendSamples, keyOf, tamper } from './test-support.ts';
import { type AuditVerification, verifyAuditChain } from './verify.ts';

const OTHER_SECRET = 'not-the-deployment-secret-0123456789abcdef';

const bareSm3 = (row: UnhashedRow) =>
  createHash('sm3').update(canonicalForm(row), 'utf8').digest('hex');
const v1Sm3 = (row: UnhashedRow) =>
  createHash('sm3')
    .update(canonicalForm(row).replace(`"${CANONICAL_VERSION}"`, '"yimen-audit-v1"'), 'utf8')
    .digest('hex');

function assertBrokenAtFirst(result: AuditVerification): void {
  assert.equal(result.ok, false, 'the rewritten log is detected');
  if (result.ok) return;
  assert.equal(result.firstBrokenSeq, 1);
  assert.match(result.reason, /stored hash does not match the entry/);
}

for (const dialect of dialects) {
  describe(`keyed audit chain [${dialect}]`, () => {
    let t: TestContext;
    let key: AuditKey;
    beforeEach(async () => {
      t = await openTestContext(dialect);
      key = keyOf(t);
      await appendSamples(t.ctx.db, key, 5);
      assert.deepEqual(await verifyAuditChain(t.ctx.db, key), { ok: true, count: 5 });
    });
    afterEach(() => t.close());

    /** Turn entry #3 into a successful login by "mallory" and relink the whole chain with `hash`. */
    async function rewriteChain(hash: (row: UnhashedRow) => string): Promise<void> {
      const rows = await t.ctx.db.kysely
        .selectFrom('audit_log')
        .selectAll()
        .orderBy('seq')
        .execute();
      const statements = [
        `UPDATE audit_log SET actor_name = 'mallory', action = 'auth.login', outcome = 'success' WHERE seq = 3`,
      ];
      let prev = GENESIS_HASH;
      for (const { hash: _old, ...row } of rows) {
        const seq = Number(row.seq);
        const edited: UnhashedRow =
          seq === 3
            ? { ...row, seq, actor_name: 'mallory', action: 'auth.login', outcome: 'success' }
            : { ...row, seq };
        const link = hash({ ...edited, prev_hash: prev });
        statements.push(
          `UPDATE audit_log SET prev_hash = '${prev}', hash = '${link}' WHERE seq = ${seq}`,
        );
        prev = link;
      }
      statements.push(`UPDATE audit_head SET last_hash = '${prev}' WHERE id = 1`);
      await tamper(t, ...statements);
      const forged = await t.ctx.db.kysely
        .selectFrom('audit_log')
        .select('actor_name')
        .where('seq', '=', 3)
        .executeTakeFirstOrThrow();
      assert.equal(forged.actor_name, 'mallory', 'the rewrite happened');
    }

    it('detects a rewrite re-hashed with a bare SM3', async () => {
      await rewriteChain(bareSm3);
      assertBrokenAtFirst(await verifyAuditChain(t.ctx.db, key));
    });

    it('detects a rewrite re-hashed with the old unkeyed v1 scheme (no downgrade)', async () => {
      await rewriteChain(v1Sm3);
      assertBrokenAtFirst(await verifyAuditChain(t.ctx.db, key));
    });

    it('detects a rewrite re-hashed with HMAC-SM3 under a wrong key', async () => {
      await rewriteChain((row) => hashAuditRow(auditKey(OTHER_SECRET), row));
      assertBrokenAtFirst(await verifyAuditChain(t.ctx.db, key));
    });

    it('control: only the real key makes a rewrite verify', async () => {
      await rewriteChain((row) => hashAuditRow(key, row));
      assert.deepEqual(await verifyAuditChain(t.ctx.db, key), { ok: true, count: 5 });
    });

    it('does not verify an intact log under another secret', async () => {
      const result = await verifyAuditChain(t.ctx.db, auditKey(OTHER_SECRET));
      assertBrokenAtFirst(result);
      assert.match(result.ok ? '' : result.reason, /written under another secret/);
    });

    it('`yimen audit verify` passes with the deployment secret and fails with another', () => {
      const env = {
        LOG_LEVEL: 'error',
        YIMEN_DATA_DIR: t.config.dataDir,
        ...(t.config.databaseUrl ? { DATABASE_URL: t.config.databaseUrl } : {}),
      };
      const ok = runCli(['audit', 'verify'], { ...env, YIMEN_SECRET: t.config.secret });
      assert.equal(ok.status, 0, ok.stderr);
      assert.equal(ok.stdout.trim(), 'audit chain intact: 5 entries');
      const wrong = runCli(['audit', 'verify'], { ...env, YIMEN_SECRET: OTHER_SECRET });
      assert.equal(wrong.status, 1, wrong.stderr);
      assert.match(
        wrong.stdout,
        /^audit chain broken at entry #1: stored hash does not match the entry/,
      );
      assert.ok(!wrong.stdout.includes(OTHER_SECRET), 'the secret is never printed');
    });
  });
}
