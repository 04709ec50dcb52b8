import type { Kysely } from 'kysely';
import { newId } from '../../../platform/ids.ts';
import { SEARCH_REINDEX_JOB } from '../reindex-job.ts';

// English words are now indexed by their Porter stem (analyzer.ts stemWord).
// An index built before holds them as written, and a stemmed query would miss
// them, so an existing index is rebuilt once, by the job worker, after the
// upgrade. A new installation has nothing indexed yet: no job.
export async function up(db: Kysely<any>): Promise<void> {
  const indexed = await db.selectFrom('search_document').select('doc_id').limit(1).execute();
  if (indexed.length === 0) return;
  const now = new Date().toISOString();
  await db
    .insertInto('yimen_job')
    .values({
      id: newId(),
      name: SEARCH_REINDEX_JOB,
      payload: JSON.stringify({ reason: 'english-stems' }),
      status: 'pending',
      attempts: 0,
      max_attempts: 3,
      // Due at once, whatever the node's clock says.
      run_at: new Date(0).toISOString(),
      locked_by: null,
      locked_until: null,
      last_error: null,
      idempotency_key: 'search.reindex:english-stems',
      created_at: now,
      updated_at: now,
      finished_at: null,
    })
    .onConflict((oc) => oc.column('idempotency_key').doNothing())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db
    .deleteFrom('yimen_job')
    .where('idempotency_key', '=', 'search.reindex:english-stems')
    .where('status', '=', 'pending')
    .execute();
}
