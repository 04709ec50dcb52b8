// An attacker with direct database access drops the triggers and edits,
// deletes, reorders or truncates audit rows; verification must name the
// first broken entry. Each case gets a fresh database with entries 1…5.
import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { sql } from 'kysely';
import { dialects, openTestContext, type TestContext } from '../../../test/helpers/databases.ts';
import { newId } from '../../platform/ids.ts';
import { type AuditKey, hashAuditRow } from './chain.ts';
import { recordAudit } from './record.ts';
import {
  appendSamples,
  countLetters,
  createLetterTable,
  keyOf,
  sampleEntry,
  tamper,
} from './test-support.ts';
import { type AuditVerification, verifyAuditChain } from './verify.ts';

function assertBroken(result: AuditVerification, seq: number, reason: RegExp): void {
  assert.equal(result.ok, false, 'tampering is detected');
  if (result.ok) return;
  assert.equal(result.firstBrokenSeq, seq);
  assert.match(result.reason, reason);
}

// The columns swapped to reorder two entries: everything but seq.
const CONTENT =
  'at, actor_id, actor_name, actor_ip, action, target_type, target_id, outcome, detail, prev_hash, hash';

for (const dialect of dialects) {
  describe(`audit tampering [${dialect}]`, () => {
    let t: TestContext;
    let key: AuditKey;
    beforeEach(async () => {
      t = await openTestContext(dialect);
      key = keyOf(t);
      await appendSamples(t.ctx.db, key, 5);
      assert.deepEqual(await verifyAuditChain(t.ctx.db, key), { ok: true, count: 5 });
    });
    afterEach(() => t.close());

    it('detects an edited entry at its own sequence number', async () => {
      await tamper(t, `UPDATE audit_log SET actor_name = 'someone else' WHERE seq = 3`);
      assertBroken(await verifyAuditChain(t.ctx.db, key), 3, /contents were altered/);
    });

    it('detects an edit whose hash was recomputed at the next link', async () => {
      const row = await t.ctx.db.kysely
        .selectFrom('audit_log')
        .selectAll()
        .where('seq', '=', 3)
        .executeTakeFirstOrThrow();
      const edited = { ...row, outcome: 'success' as const, action: 'role.grant' };
      const hash = hashAuditRow(key, edited);
      await tamper(
        t,
        `UPDATE audit_log SET outcome = 'success', action = 'role.grant', hash = '${hash}' WHERE seq = 3`,
      );
      assertBroken(await verifyAuditChain(t.ctx.db, key), 4, /prev_hash does not match .*#3/);
    });

    it('detects a deleted entry in the middle', async () => {
      await tamper(t, 'DELETE FROM audit_log WHERE seq = 3');
      assertBroken(await verifyAuditChain(t.ctx.db, key), 3, /#3 is missing .*#4/);
    });

    it('detects a deleted first entry', async () => {
      await tamper(t, 'DELETE FROM audit_log WHERE seq = 1');
      assertBroken(await verifyAuditChain(t.ctx.db, key), 1, /#1 is missing/);
    });

    it('detects a deleted entry whose successors were renumbered', async () => {
      await tamper(
        t,
        'DELETE FROM audit_log WHERE seq = 2',
        'UPDATE audit_log SET seq = seq - 1 WHERE seq > 2',
      );
      assertBroken(await verifyAuditChain(t.ctx.db, key), 2, /prev_hash does not match/);
    });

    it('detects a reordered pair', async () => {
      // Swap the contents of entries 3 and 4 (via a parking seq of -1).
      const swap = (from: number, to: number) =>
        `UPDATE audit_log SET (${CONTENT}) = (SELECT ${CONTENT} FROM audit_log WHERE seq = ${from}) WHERE seq = ${to}`;
      await tamper(
        t,
        `INSERT INTO audit_log (seq, ${CONTENT}) SELECT -1, ${CONTENT} FROM audit_log WHERE seq = 3`,
        swap(4, 3),
        swap(-1, 4),
        'DELETE FROM audit_log WHERE seq = -1',
      );
      const names = await t.ctx.db.kysely
        .selectFrom('audit_log')
        .select('actor_name')
        .where('seq', 'in', [3, 4])
        .orderBy('seq')
        .execute();
      assert.deepEqual(
        names.map((n) => n.actor_name),
        ['用户4', '用户3'],
        'the swap happened',
      );
      assertBroken(await verifyAuditChain(t.ctx.db, key), 3, /prev_hash does not match .*#2/);
    });

    it('detects a truncated tail', async () => {
      await tamper(t, 'DELETE FROM audit_log WHERE seq >= 4');
      assertBroken(await verifyAuditChain(t.ctx.db, key), 4, /ends at entry #3 .* #5: .*truncated/);
    });

    it('detects entries inserted beyond the chain head', async () => {
      await tamper(
        t,
        `INSERT INTO audit_log (seq, ${CONTENT}) SELECT 6, ${CONTENT} FROM audit_log WHERE seq = 5`,
      );
      assertBroken(await verifyAuditChain(t.ctx.db, key), 6, /not covered by the chain head/);
    });

    it('fails closed, rolling back the business change, when the chain head is gone', async () => {
      await createLetterTable(t);
      await tamper(t, 'DELETE FROM audit_head');
      await assert.rejects(
        t.ctx.db.kysely.transaction().execute(async (trx) => {
          await sql`INSERT INTO audit_test_letter (id, title) VALUES (${newId()}, 'x')`.execute(
            trx,
          );
          await recordAudit(trx, key, sampleEntry(6));
        }),
        /chain head is missing/,
      );
      assert.equal(await countLetters(t.ctx.db), 0);
      assertBroken(await verifyAuditChain(t.ctx.db, key), 1, /head row is missing/);
    });
  });
}
