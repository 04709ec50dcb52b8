// Appending and verifying the audit chain on each dialect: order, gapless
// sequence under concurrency, rollback with the business change, fail
// closed, and the append-only triggers.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { dialects, openTestContext, type TestContext } from '../../../test/helpers/databases.ts';
import { openDatabase } from '../../platform/database/index.ts';
import { newId } from '../../platform/ids.ts';
import { type AuditKey, auditKey, canonicalForm, GENESIS_HASH, hashAuditRow } from './chain.ts';
import { queryAudit } from './query.ts';
import { type AuditEntry, recordAudit } from './record.ts';
import {
  appendSamples,
  auditCount,
  countLetters,
  createLetterTable,
  keyOf,
  sampleEntry,
} from './test-support.ts';
import { verifyAuditChain } from './verify.ts';

describe('audit chain canonical form', () => {
  // Known answer, checked with the OpenSSL command line, so an auditor can
  // recompute a link without our code:
  //   openssl kdf -keylen 32 -kdfopt digest:SHA256 -kdfopt key:<secret>
  //     -kdfopt salt:yimen/hkdf/v1 -kdfopt info:audit-chain HKDF   → the key
  //   printf '%s' '<canonical form>' | openssl dgst -sm3 -mac HMAC -macopt hexkey:<key>
  const secret = 'known-answer-secret-known-answer-secret';
  const base = {
    seq: 1,
    at: '2026-11-26T06:00:00.000Z',
    actor_id: null,
    actor_name: 'a","b',
    actor_ip: '127.0.0.1',
    action: 'auth.login',
    target_type: null,
    target_id: null,
    outcome: 'success' as const,
    detail: '{}',
    prev_hash: GENESIS_HASH,
  };

  it('hashes with HMAC-SM3 under a key derived from the secret (known answer)', () => {
    const key = auditKey(secret);
    assert.equal(
      key.export().toString('hex'),
      'a2f81c139dec00ff25c00ed10c4c066c55c85654667f58a5fcdd92c1222db9fe',
    );
    assert.equal(auditKey(secret), key, 'derived once per secret');
    assert.equal(
      canonicalForm(base),
      '["yimen-audit-v2",1,"2026-11-26T06:00:00.000Z",null,"a\\",\\"b","127.0.0.1","auth.login",null,null,"success","{}","0000000000000000000000000000000000000000000000000000000000000000"]',
    );
    assert.equal(
      hashAuditRow(key, base),
      'e9ce5e1e46ec5c98b16eaaab6355701667555ccfccd5d4bd7d2349ff22257695',
    );
    assert.notEqual(hashAuditRow(auditKey(`${secret}!`), base), hashAuditRow(key, base));
    assert.throws(() => hashAuditRow(undefined as unknown as AuditKey, base), /32-byte key/);
  });

  it('keeps field boundaries unambiguous', () => {
    const key = auditKey(secret);
    // Moving text across a boundary, or null vs "null", changes the hash.
    const shifted = { ...base, actor_name: 'a"', actor_ip: 'b127.0.0.1' };
    assert.notEqual(hashAuditRow(key, shifted), hashAuditRow(key, base));
    assert.notEqual(hashAuditRow(key, { ...base, target_id: 'null' }), hashAuditRow(key, base));
  });
});

for (const dialect of dialects) {
  describe(`audit log [${dialect}]`, () => {
    let t: TestContext;
    let key: AuditKey;
    before(async () => {
      t = await openTestContext(dialect);
      key = keyOf(t);
      await createLetterTable(t);
    });
    after(() => t.close());

    it('appends entries 1, 2, 3 … linked by hash, and verifies them', async () => {
      assert.deepEqual(await verifyAuditChain(t.ctx.db, key), { ok: true, count: 0 });
      const at = new Date('2026-11-26T06:00:00Z');
      const first = await recordAudit(t.ctx.db, key, { ...sampleEntry(1), at });
      assert.equal(first.seq, 1);
      assert.equal(first.prev_hash, GENESIS_HASH);
      assert.equal(first.at, '2026-11-26T06:00:00.000Z');
      const second = await recordAudit(t.ctx.db.kysely, key, sampleEntry(2, { actorIp: null }));
      assert.equal(second.seq, 2);
      assert.equal(second.prev_hash, first.hash);
      assert.match(second.at, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/, 'ISO-8601 UTC');
      const stored = await t.ctx.db.kysely
        .selectFrom('audit_log')
        .selectAll()
        .orderBy('seq')
        .execute();
      assert.deepEqual(stored, [first, second], 'what is read back is what was hashed');
      assert.equal(JSON.parse(stored[0]!.detail).note, '测试');
      assert.deepEqual(await verifyAuditChain(t.ctx.db, key), { ok: true, count: 2 });
    });

    it('stores a forged-looking name as given, and text the database cannot hold as U+FFFD', async () => {
      const forged = 'bob\n2026-01-01 admin login ok';
      const row = await recordAudit(t.ctx.db, key, sampleEntry(3, { actorName: forged }));
      assert.equal(row.actor_name, forged);
      const odd = await recordAudit(
        t.ctx.db,
        key,
        sampleEntry(4, { actorName: 'nul\u0000 lone\uD800' }),
      );
      assert.equal(odd.actor_name, 'nul\uFFFD lone\uFFFD');
      assert.equal((await verifyAuditChain(t.ctx.db, key)).ok, true);
    });

    it('keeps a gapless chain under 50 concurrent appends', async () => {
      const before = await auditCount(t.ctx.db);
      const rows = await Promise.all(
        Array.from({ length: 50 }, (_, i) => recordAudit(t.ctx.db, key, sampleEntry(100 + i))),
      );
      const seqs = rows.map((r) => r.seq).sort((a, b) => a - b);
      assert.deepEqual(
        seqs,
        Array.from({ length: 50 }, (_, i) => before + 1 + i),
      );
      assert.deepEqual(await verifyAuditChain(t.ctx.db, key), { ok: true, count: before + 50 });
    });

    it('keeps a gapless chain when concurrent business transactions each append', async () => {
      const before = await auditCount(t.ctx.db);
      await Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          t.ctx.db.kysely.transaction().execute(async (trx) => {
            const id = newId();
            await sql`INSERT INTO audit_test_letter (id, title) VALUES (${id}, ${`来信${i}`})`.execute(
              trx,
            );
            await recordAudit(
              trx,
              key,
              sampleEntry(i, { action: 'content.publish', targetId: id }),
            );
          }),
        ),
      );
      assert.deepEqual(await verifyAuditChain(t.ctx.db, key), { ok: true, count: before + 20 });
    });

    if (dialect === 'postgres') {
      it('keeps a gapless chain with writers on two separate pools', async () => {
        const other = await openDatabase(t.config);
        try {
          const before = await auditCount(t.ctx.db);
          await Promise.all(
            Array.from({ length: 60 }, (_, i) =>
              recordAudit(i % 2 === 0 ? t.ctx.db : other, key, sampleEntry(200 + i)),
            ),
          );
          assert.deepEqual(await verifyAuditChain(other, key), { ok: true, count: before + 60 });
        } finally {
          await other.close();
        }
      });
    }

    it('rolls back the audit entry with its business transaction', async () => {
      const letters = await countLetters(t.ctx.db);
      const before = await auditCount(t.ctx.db);
      await assert.rejects(
        t.ctx.db.kysely.transaction().execute(async (trx) => {
          await sql`INSERT INTO audit_test_letter (id, title) VALUES (${newId()}, '撤回')`.execute(
            trx,
          );
          await recordAudit(trx, key, sampleEntry(1, { action: 'content.publish' }));
          throw new Error('business rule failed after the audit write');
        }),
        /business rule failed/,
      );
      assert.equal(await countLetters(t.ctx.db), letters);
      assert.equal(await auditCount(t.ctx.db), before);
      const next = await recordAudit(t.ctx.db, key, sampleEntry(2));
      assert.equal(next.seq, before + 1, 'the rolled-back number is reused: no gap');
      assert.deepEqual(await verifyAuditChain(t.ctx.db, key), { ok: true, count: before + 1 });
    });

    it('fails the business action when the audit write fails (fail closed)', async () => {
      const letters = await countLetters(t.ctx.db);
      const bad = { ...sampleEntry(1), outcome: 'maybe' } as unknown as AuditEntry;
      await assert.rejects(
        t.ctx.db.kysely.transaction().execute(async (trx) => {
          await sql`INSERT INTO audit_test_letter (id, title) VALUES (${newId()}, 'x')`.execute(
            trx,
          );
          await recordAudit(trx, key, bad);
        }),
        /invalid audit outcome/,
      );
      await assert.rejects(recordAudit(t.ctx.db, key, sampleEntry(1, { action: 'Bad Action' })));
      assert.equal(await countLetters(t.ctx.db), letters);
      assert.equal((await verifyAuditChain(t.ctx.db, key)).ok, true);
    });

    it('refuses UPDATE and DELETE of audit rows and moving the head back', async () => {
      const k = t.ctx.db.kysely;
      await assert.rejects(
        k.updateTable('audit_log').set({ actor_name: 'mallory' }).where('seq', '=', 1).execute(),
        /append-only/,
      );
      await assert.rejects(k.deleteFrom('audit_log').where('seq', '=', 1).execute(), /append-only/);
      await assert.rejects(k.deleteFrom('audit_log').execute(), /append-only/);
      await assert.rejects(
        k.updateTable('audit_head').set({ last_seq: 1 }).where('id', '=', 1).execute(),
        /only moves forward/,
      );
      await assert.rejects(k.deleteFrom('audit_head').execute(), /only moves forward/);
      if (dialect === 'postgres') {
        await assert.rejects(sql`TRUNCATE audit_log`.execute(k), /append-only/);
      }
      assert.equal((await verifyAuditChain(t.ctx.db, key)).ok, true);
    });

    it('pages newest first with filters', async () => {
      await appendSamples(t.ctx.db, key, 6);
      const all = await queryAudit(t.ctx.db, { limit: 3 });
      assert.equal(all.entries.length, 3);
      assert.equal(all.total, await auditCount(t.ctx.db));
      assert.ok(all.entries[0]!.seq > all.entries[1]!.seq, 'newest first');
      const failed = await queryAudit(t.ctx.db, {
        action: 'auth.login_failed',
        outcome: 'failure',
        limit: 1000,
      });
      assert.ok(failed.total > 0);
      assert.ok(failed.entries.every((e) => e.action === 'auth.login_failed'));
      const mine = await queryAudit(t.ctx.db, { actorName: '用户5', limit: 10, offset: 0 });
      assert.ok(mine.entries.every((e) => e.actor_name === '用户5'));
      const window = await queryAudit(t.ctx.db, {
        from: '2026-11-26T06:00:00.000Z',
        to: '2026-11-26T06:00:00.001Z',
        limit: 10,
      });
      assert.deepEqual(
        window.entries.map((e) => e.seq),
        [1],
      );
      await assert.rejects(queryAudit(t.ctx.db, { limit: 0 }), /limit/);
      await assert.rejects(queryAudit(t.ctx.db, { limit: 5, from: 'yesterday' }), /ISO-8601/);
    });
  });
}
