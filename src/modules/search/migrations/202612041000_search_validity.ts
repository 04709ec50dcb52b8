import { type Kysely, PostgresAdapter, sql } from 'kysely';

// A policy's validity (有效性: valid, amended, repealed, expired) on its
// search document, so that results mark a lapsed policy as the portal's
// lists do. Filled here for the policies already indexed, from their item.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('search_document').addColumn('validity', 'text').execute();
  const validity =
    db.getExecutor().adapter instanceof PostgresAdapter
      ? sql`(SELECT (i.fields::jsonb)->>'validity' FROM content_item i WHERE i.id = search_document.source_id)`
      : sql`(SELECT json_extract(i.fields, '$.validity') FROM content_item i WHERE i.id = search_document.source_id)`;
  await sql`UPDATE search_document SET validity = ${validity}
    WHERE source = 'content' AND type = 'policy'`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('search_document').dropColumn('validity').execute();
}
