import type { Kysely } from 'kysely';

// The other sites that show a document (an institution's item 推送 to the
// portal home or an audience portal), so that their site search finds it
// too. Delimited like audiences (",portal,citizens,") for a LIKE filter.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('search_document')
    .addColumn('also_on', 'text', (c) => c.notNull().defaultTo(',,'))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('search_document').dropColumn('also_on').execute();
}
