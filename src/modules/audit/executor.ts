// What the audit functions accept: the Db handle, its Kysely instance, or a
// transaction, so an audit record can join the business change it describes.
import { type Kysely, PostgresAdapter } from 'kysely';
import type { Database, Db } from '../../platform/database/index.ts';

export type AuditExecutor = Db | Kysely<Database>;

export function kyselyOf(executor: AuditExecutor): Kysely<Database> {
  return 'kysely' in executor ? executor.kysely : executor;
}

/** Read from the adapter: works on a transaction too, where no Db handle is at hand. */
export function isPostgres(k: Kysely<Database>): boolean {
  return k.getExecutor().adapter instanceof PostgresAdapter;
}
