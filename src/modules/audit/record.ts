// Appending to the audit log. Every append locks the one-row chain head,
// takes the next sequence number and the previous hash from it, inserts the
// entry and moves the head, all in one transaction: concurrent writers queue
// on the head row instead of forking the chain, and a rolled-back business
// transaction takes its audit entry (and the head move) with it.
import type { Kysely } from 'kysely';
import type { Database } from '../../platform/database/index.ts';
import { nowIso } from '../../platform/database/index.ts';
import { truncate } from '../../platform/text.ts';
import { type AuditKey, assertAuditKey, hashAuditRow, storable } from './chain.ts';
import { type AuditExecutor, isPostgres, kyselyOf } from './executor.ts';
import type { AuditLogRow, AuditOutcome } from './tables.ts';

export interface AuditEntry {
  /** When it happened: pass ctx.now() so tests can control it; defaults to the system clock. */
  at?: Date;
  /** The account acting, if any (a failed login has none). */
  actorId?: string | null;
  /** Who, as shown to an auditor: the account name, the name tried at login, or "system". */
  actorName: string;
  /** Where from: the client IP, "local" for the command line, null if there is no client. */
  actorIp?: string | null;
  /** Dotted event name: 'auth.login', 'role.grant', 'pii.view', 'export', … */
  action: string;
  targetType?: string | null;
  targetId?: string | null;
  outcome: AuditOutcome;
  /** Extra facts as JSON. Never put passwords, tokens or full ID numbers here. */
  detail?: Record<string, unknown>;
}

/** The audit write failed; the caller's action must fail with it. */
export class AuditWriteError extends Error {
  override name = 'AuditWriteError';
}

const OUTCOMES: readonly string[] = ['success', 'failure', 'denied'];
const ACTION = /^[a-z][a-z0-9_]*(\.[a-z0-9_]+)*$/;
// Generous caps on values an attacker can choose (a login name), so one
// request cannot put megabytes into the log.
const MAX_NAME = 500;

type EntryValues = Omit<AuditLogRow, 'seq' | 'at' | 'prev_hash' | 'hash'> & { when?: Date };

// Cut by code points (never half a surrogate pair), then make storable.
function capped(value: string, max: number): string {
  return storable(truncate(value, max));
}

function optional(value: string | null | undefined, max: number): string | null {
  return value === null || value === undefined ? null : capped(value, max);
}

/** Check and normalise an entry before any database work, so a bad entry writes nothing. */
function prepare(entry: AuditEntry): EntryValues {
  if (!ACTION.test(entry.action) || entry.action.length > 100) {
    throw new AuditWriteError(`invalid audit action ${JSON.stringify(entry.action)}`);
  }
  if (!OUTCOMES.includes(entry.outcome)) {
    throw new AuditWriteError(`invalid audit outcome ${JSON.stringify(entry.outcome)}`);
  }
  if (typeof entry.actorName !== 'string' || entry.actorName.length === 0) {
    throw new AuditWriteError('an audit entry needs an actor name');
  }
  if (entry.at !== undefined && Number.isNaN(entry.at.getTime())) {
    throw new AuditWriteError('invalid audit time');
  }
  return {
    actor_id: optional(entry.actorId, 36),
    actor_name: capped(entry.actorName, MAX_NAME),
    actor_ip: optional(entry.actorIp, 64),
    action: entry.action,
    target_type: optional(entry.targetType, 100),
    target_id: optional(entry.targetId, MAX_NAME),
    outcome: entry.outcome,
    // JSON.stringify escapes NUL and lone surrogates itself.
    detail: JSON.stringify(entry.detail ?? {}),
    when: entry.at,
  };
}

/**
 * Lock the chain head for the rest of the transaction. PostgreSQL: SELECT …
 * FOR UPDATE, so a second writer (any pool, any node) waits for our commit.
 * SQLite: a no-op UPDATE … RETURNING, so the write lock is taken before the
 * head is read; a plain read first would let another process commit in
 * between, and our later write would then fail with SQLITE_BUSY_SNAPSHOT.
 */
async function lockHead(trx: Kysely<Database>): Promise<{ last_seq: number; last_hash: string }> {
  const head = isPostgres(trx)
    ? await trx
        .selectFrom('audit_head')
        .select(['last_seq', 'last_hash'])
        .where('id', '=', 1)
        .forUpdate()
        .executeTakeFirst()
    : await trx
        .updateTable('audit_head')
        .set((eb) => ({ last_seq: eb.ref('last_seq') }))
        .where('id', '=', 1)
        .returning(['last_seq', 'last_hash'])
        .executeTakeFirst();
  if (!head) throw new AuditWriteError('audit chain head is missing; run "yimen migrate up"');
  return { last_seq: Number(head.last_seq), last_hash: head.last_hash };
}

async function append(
  trx: Kysely<Database>,
  key: AuditKey,
  { when, ...values }: EntryValues,
): Promise<AuditLogRow> {
  const head = await lockHead(trx);
  // Without a caller's time, the time is taken under the lock, so `at` never
  // goes backwards along seq (on one clock).
  const unhashed = {
    seq: head.last_seq + 1,
    at: nowIso(when ?? new Date()),
    ...values,
    prev_hash: head.last_hash,
  };
  const row: AuditLogRow = { ...unhashed, hash: hashAuditRow(key, unhashed) };
  await trx.insertInto('audit_log').values(row).execute();
  // Compare-and-set: moves the head only from where we read it. Under the
  // lock this always matches; if it does not, something bypassed the lock
  // and the append is refused rather than forking the chain.
  const moved = await trx
    .updateTable('audit_head')
    .set({ last_seq: row.seq, last_hash: row.hash })
    .where('id', '=', 1)
    .where('last_seq', '=', head.last_seq)
    .where('last_hash', '=', head.last_hash)
    .executeTakeFirst();
  if (Number(moved.numUpdatedRows) !== 1) {
    throw new AuditWriteError('audit chain head moved during an append; nothing was recorded');
  }
  return row;
}

/**
 * Append one entry. Pass the caller's transaction to make the entry part of
 * the business change: both commit or neither does, and an error here must
 * abort that change (fail closed). Given the plain database, it opens its own
 * transaction. Inside a transaction, record the audit entry last: the head
 * lock is held until commit and every other audited write waits for it.
 * On SQLite never pass the plain database while a transaction of yours is
 * open: the single connection is held by that transaction, so it would wait forever.
 * `key` is the chain key, auditKey(config.secret).
 */
export async function recordAudit(
  executor: AuditExecutor,
  key: AuditKey,
  entry: AuditEntry,
): Promise<AuditLogRow> {
  assertAuditKey(key);
  const values = prepare(entry);
  const k = kyselyOf(executor);
  if (k.isTransaction) return append(k, key, values);
  return k.transaction().execute((trx) => append(trx, key, values));
}
