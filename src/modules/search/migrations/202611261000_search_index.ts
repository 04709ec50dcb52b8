import { type Kysely, PostgresAdapter, sql } from 'kysely';

// The one search index. search_document is the same on both databases; the
// full-text part differs: SQLite gets an FTS5 table keyed by doc_id, PostgreSQL
// a tsvector column with a GIN index. Both hold tokens that the application
// segmented (jieba) and normalised, joined by spaces, so neither database's
// own word splitting decides what a word is.
export async function up(db: Kysely<any>): Promise<void> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter;
  await db.schema
    .createTable('search_document')
    .addColumn('doc_id', pg ? 'bigserial' : 'integer', (c) =>
      pg ? c.primaryKey() : c.primaryKey().autoIncrement(),
    )
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('source_id', 'text', (c) => c.notNull())
    .addColumn('url', 'text', (c) => c.notNull())
    .addColumn('site_code', 'text')
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('audiences', 'text', (c) => c.notNull())
    .addColumn('topics', 'text', (c) => c.notNull())
    .addColumn('published_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('doc_number', 'text')
    .addColumn('boost', 'real', (c) => c.notNull().defaultTo(1))
    .addColumn('indexed_at', 'text', (c) => c.notNull())
    // Long columns last: SQLite reads a row's columns in order, and ranking
    // needs the short ones of every match without paging through a body.
    .addColumn('title_tokens', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addUniqueConstraint('search_document_source_key', ['source', 'source_id'])
    .execute();
  await db.schema.createIndex('search_document_url').on('search_document').column('url').execute();
  await db.schema
    .createIndex('search_document_date')
    .on('search_document')
    .columns(['published_at', 'doc_id'])
    .execute();
  if (pg) {
    await sql`ALTER TABLE search_document ADD COLUMN tsv tsvector NOT NULL DEFAULT ''::tsvector`.execute(
      db,
    );
    await sql`CREATE INDEX search_document_tsv ON search_document USING gin (tsv)`.execute(db);
  } else {
    // Tokens are pre-segmented and hold only letters and digits, so unicode61
    // just splits on the spaces; diacritics are kept as PostgreSQL keeps them.
    await sql`CREATE VIRTUAL TABLE search_fts USING fts5(title, body, tokenize = 'unicode61 remove_diacritics 0')`.execute(
      db,
    );
  }

  await db.schema
    .createTable('search_synonym')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('terms', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('search_word')
    .addColumn('word', 'text', (c) => c.primaryKey())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('search_best_bet')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('query', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('source_id', 'text', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addUniqueConstraint('search_best_bet_pin', ['query', 'source', 'source_id'])
    .execute();
  await db.schema
    .createTable('search_query_log')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('query', 'text', (c) => c.notNull())
    .addColumn('result_count', 'integer', (c) => c.notNull())
    .addColumn('site_code', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('search_query_log_when')
    .on('search_query_log')
    .columns(['created_at', 'query'])
    .execute();
  await db.schema
    .createTable('search_click')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('query', 'text', (c) => c.notNull())
    .addColumn('url', 'text', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('search_click_when')
    .on('search_click')
    .columns(['created_at', 'query'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter;
  await db.schema.dropTable('search_click').execute();
  await db.schema.dropTable('search_query_log').execute();
  await db.schema.dropTable('search_best_bet').execute();
  await db.schema.dropTable('search_word').execute();
  await db.schema.dropTable('search_synonym').execute();
  if (!pg) await sql`DROP TABLE search_fts`.execute(db);
  await db.schema.dropTable('search_document').execute();
}
