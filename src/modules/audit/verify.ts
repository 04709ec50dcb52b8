// Walks the audit log in sequence order and checks every link of the chain
// against the chain head. Reasons name sequence numbers only, never stored
// values, so a crafted actor name cannot forge the verifier's output.
import type { Kysely } from 'kysely';
import type { Database } from '../../platform/database/index.ts';
import { type AuditKey, assertAuditKey, GENESIS_HASH, hashAuditRow } from './chain.ts';
import { type AuditExecutor, kyselyOf } from './executor.ts';
import type { AuditLogRow } from './tables.ts';

export type AuditVerification =
  | { ok: true; count: number }
  | { ok: false; firstBrokenSeq: number; reason: string };

const BATCH = 1000;

function broken(firstBrokenSeq: number, reason: string): AuditVerification {
  return { ok: false, firstBrokenSeq, reason };
}

/** The first broken link among rows in seq order; advances `expected` past the good ones. */
function checkBatch(
  key: AuditKey,
  rows: readonly AuditLogRow[],
  expected: { seq: number; prevHash: string },
): AuditVerification | undefined {
  for (const raw of rows) {
    const row = { ...raw, seq: Number(raw.seq) };
    if (row.seq !== expected.seq) {
      // Rows come ordered by a primary key from expected.seq on, so a
      // mismatch means a gap.
      return broken(
        expected.seq,
        `entry #${expected.seq} is missing (the next stored entry is #${row.seq}): deleted`,
      );
    }
    if (row.prev_hash !== expected.prevHash) {
      return broken(
        row.seq,
        row.seq === 1
          ? 'the first entry does not start from the genesis hash: entries before it were removed or it was replaced'
          : `prev_hash does not match the hash of entry #${row.seq - 1}: entries deleted, replaced or reordered`,
      );
    }
    if (hashAuditRow(key, row) !== row.hash) {
      return broken(
        row.seq,
        row.seq === 1
          ? 'stored hash does not match the entry: its contents were altered, or the log was written under another secret'
          : 'stored hash does not match the entry: its contents were altered',
      );
    }
    expected.seq++;
    expected.prevHash = row.hash;
  }
  return undefined;
}

async function readHead(k: Kysely<Database>) {
  const head = await k
    .selectFrom('audit_head')
    .select(['last_seq', 'last_hash'])
    .where('id', '=', 1)
    .executeTakeFirst();
  return head && { lastSeq: Number(head.last_seq), lastHash: head.last_hash };
}

/**
 * Check the whole chain. Detects an edited entry (hash mismatch), a deleted
 * entry including the first (seq gap), replaced or reordered entries
 * (prev_hash link), and a truncated tail (the head names a later entry than
 * the log holds). Safe while others append: the head is read first and only
 * entries up to it are checked, since an append moves head and log in one commit.
 * `key` is the chain key, auditKey(config.secret): a chain rewritten and
 * re-hashed by someone without the secret fails here at its first entry.
 */
export async function verifyAuditChain(
  executor: AuditExecutor,
  key: AuditKey,
): Promise<AuditVerification> {
  assertAuditKey(key);
  const k = kyselyOf(executor);
  const head = await readHead(k);
  if (!head) return broken(1, 'the chain head row is missing: it was deleted');
  const expected = { seq: 1, prevHash: GENESIS_HASH };
  for (;;) {
    const rows = await k
      .selectFrom('audit_log')
      .selectAll()
      .where('seq', '>=', expected.seq)
      .where('seq', '<=', head.lastSeq)
      .orderBy('seq')
      .limit(BATCH)
      .execute();
    const failure = checkBatch(key, rows, expected);
    if (failure) return failure;
    if (rows.length < BATCH) break;
  }
  const count = expected.seq - 1;
  if (count < head.lastSeq) {
    return broken(
      expected.seq,
      `the log ends at entry #${count} but the chain head records #${head.lastSeq}: the tail was truncated`,
    );
  }
  if (expected.prevHash !== head.lastHash) {
    return broken(count, `entry #${count} does not match the hash the chain head records`);
  }
  // Entries beyond the head were not appended by recordAudit (which moves the
  // head in the same commit). Read max(seq) before the head again, so an
  // append committing meanwhile can only raise the head, never cause a false alarm.
  const { max } = await k
    .selectFrom('audit_log')
    .select((eb) => eb.fn.max('seq').as('max'))
    .executeTakeFirstOrThrow();
  const headNow = await readHead(k);
  if (max !== null && headNow && Number(max) > headNow.lastSeq) {
    return broken(
      headNow.lastSeq + 1,
      `entries after #${headNow.lastSeq} are not covered by the chain head: inserted outside recordAudit`,
    );
  }
  return { ok: true, count };
}
