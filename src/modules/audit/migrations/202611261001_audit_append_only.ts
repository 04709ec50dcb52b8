// Belt and braces: database triggers refuse UPDATE, DELETE (and, on
// PostgreSQL, TRUNCATE) of audit_log, and let the chain head only move
// forward. Anyone who can drop a trigger can still tamper; the hash chain,
// checked by verifyAuditChain, is what detects that.
import { type Kysely, PostgresAdapter, SqliteAdapter, sql } from 'kysely';

// Which SQL to speak is read from the dialect adapter Kysely was built with:
// it is synchronous, needs no round trip, and cannot fail half-way. Probing
// with a statement such as `select sqlite_version()` would, on PostgreSQL,
// abort the transaction the migrator runs this migration in.
function dialectOf(db: Kysely<any>): 'postgres' | 'sqlite' {
  const adapter = db.getExecutor().adapter;
  if (adapter instanceof PostgresAdapter) return 'postgres';
  if (adapter instanceof SqliteAdapter) return 'sqlite';
  throw new Error(`audit triggers: unsupported dialect ${adapter.constructor.name}`);
}

// A head update is legal only if it appends (last_seq grows) or changes nothing.
const HEAD_FORWARD = `NEW.id = OLD.id AND (NEW.last_seq > OLD.last_seq
  OR (NEW.last_seq = OLD.last_seq AND NEW.last_hash = OLD.last_hash))`;

const postgresUp = [
  `CREATE FUNCTION audit_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
   BEGIN
     RAISE EXCEPTION 'audit log is append-only: % on % refused', TG_OP, TG_TABLE_NAME;
   END $$`,
  `CREATE FUNCTION audit_head_forward_only() RETURNS trigger LANGUAGE plpgsql AS $$
   BEGIN
     IF TG_OP = 'UPDATE' AND ${HEAD_FORWARD} THEN RETURN NEW; END IF;
     RAISE EXCEPTION 'audit chain head only moves forward: % refused', TG_OP;
   END $$`,
  `CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log
     FOR EACH ROW EXECUTE FUNCTION audit_refuse_change()`,
  `CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
     FOR EACH STATEMENT EXECUTE FUNCTION audit_refuse_change()`,
  `CREATE TRIGGER audit_head_forward_only BEFORE UPDATE OR DELETE ON audit_head
     FOR EACH ROW EXECUTE FUNCTION audit_head_forward_only()`,
  `CREATE TRIGGER audit_head_no_truncate BEFORE TRUNCATE ON audit_head
     FOR EACH STATEMENT EXECUTE FUNCTION audit_refuse_change()`,
];

const postgresDown = [
  'DROP TRIGGER IF EXISTS audit_head_no_truncate ON audit_head',
  'DROP TRIGGER IF EXISTS audit_head_forward_only ON audit_head',
  'DROP TRIGGER IF EXISTS audit_log_no_truncate ON audit_log',
  'DROP TRIGGER IF EXISTS audit_log_append_only ON audit_log',
  'DROP FUNCTION IF EXISTS audit_head_forward_only()',
  'DROP FUNCTION IF EXISTS audit_refuse_change()',
];

// SQLite has no TRUNCATE; its DELETE-all optimisation is disabled by a DELETE trigger.
const sqliteUp = [
  `CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
   BEGIN SELECT RAISE(ABORT, 'audit log is append-only: UPDATE on audit_log refused'); END`,
  `CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
   BEGIN SELECT RAISE(ABORT, 'audit log is append-only: DELETE on audit_log refused'); END`,
  `CREATE TRIGGER audit_head_no_delete BEFORE DELETE ON audit_head
   BEGIN SELECT RAISE(ABORT, 'audit chain head only moves forward: DELETE refused'); END`,
  `CREATE TRIGGER audit_head_forward_only BEFORE UPDATE ON audit_head
   WHEN NOT (${HEAD_FORWARD})
   BEGIN SELECT RAISE(ABORT, 'audit chain head only moves forward: UPDATE refused'); END`,
];

const sqliteDown = [
  'DROP TRIGGER IF EXISTS audit_head_forward_only',
  'DROP TRIGGER IF EXISTS audit_head_no_delete',
  'DROP TRIGGER IF EXISTS audit_log_no_delete',
  'DROP TRIGGER IF EXISTS audit_log_no_update',
];

async function run(db: Kysely<any>, statements: readonly string[]): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}

export async function up(db: Kysely<any>): Promise<void> {
  await run(db, dialectOf(db) === 'postgres' ? postgresUp : sqliteUp);
}

export async function down(db: Kysely<any>): Promise<void> {
  await run(db, dialectOf(db) === 'postgres' ? postgresDown : sqliteDown);
}
