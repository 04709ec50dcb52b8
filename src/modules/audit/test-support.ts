// Shared by the audit tests: sample entries, a business table to roll back,
// and the moves of an attacker with direct database access.
import { sql } from 'kysely';
import pg from 'pg';
import type { TestContext } from '../../../test/helpers/databases.ts';
import { type AuditKey, auditKey } from './chain.ts';
import type { AuditExecutor } from './executor.ts';
import { kyselyOf } from './executor.ts';
import { down as dropTriggers } from './migrations/202611261001_audit_append_only.ts';
import { type AuditEntry, recordAudit } from './record.ts';

export function sampleEntry(i: number, overrides: Partial<AuditEntry> = {}): AuditEntry {
  return {
    actorId: null,
    actorName: `用户${i}`,
    actorIp: `10.0.0.${i % 250}`,
    action: i % 3 === 0 ? 'auth.login_failed' : 'auth.login',
    targetType: 'account',
    targetId: `acct-${i}`,
    outcome: i % 3 === 0 ? 'failure' : 'success',
    detail: { attempt: i, note: '测试' },
    ...overrides,
  };
}

/** The chain key of a test context: the one its configuration's secret gives. */
export function keyOf(t: TestContext): AuditKey {
  return auditKey(t.config.secret);
}

export async function appendSamples(db: AuditExecutor, key: AuditKey, n: number): Promise<void> {
  for (let i = 1; i <= n; i++) await recordAudit(db, key, sampleEntry(i));
}

/** A stand-in business table, so a test can roll back "a change and its audit record". */
export async function createLetterTable(t: TestContext): Promise<void> {
  await sql`CREATE TABLE audit_test_letter (id varchar(36) PRIMARY KEY, title text NOT NULL)`.execute(
    t.ctx.db.kysely,
  );
}

export async function countLetters(db: AuditExecutor): Promise<number> {
  const r = await sql<{ n: number }>`SELECT count(*) AS n FROM audit_test_letter`.execute(
    kyselyOf(db),
  );
  return Number(r.rows[0]!.n);
}

export async function auditCount(db: AuditExecutor): Promise<number> {
  const r = await kyselyOf(db)
    .selectFrom('audit_log')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

/**
 * Run SQL as an attacker at the psql / sqlite3 prompt would: through the raw
 * driver, not the app's query builder. Triggers are dropped first, as such
 * an attacker would; the hash chain must still give them away.
 */
export async function tamper(t: TestContext, ...statements: string[]): Promise<void> {
  await dropTriggers(t.ctx.db.kysely);
  if (t.ctx.db.sqlite) {
    for (const s of statements) t.ctx.db.sqlite.exec(s);
    return;
  }
  const client = new pg.Client({ connectionString: t.config.databaseUrl });
  await client.connect();
  try {
    for (const s of statements) await client.query(s);
  } finally {
    await client.end();
  }
}
