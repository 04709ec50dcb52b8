import type { Kysely } from 'kysely';

// Who ran a logged search, as a keyed hash of the client and the day
// (query-log.ts, searcherOf): the public suggestions and the 大家都在搜 list
// count different searchers, so one visitor repeating a query cannot put it
// there. Searches logged before have none and count for the editors only.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('search_query_log').addColumn('searcher', 'text').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('search_query_log').dropColumn('searcher').execute();
}
