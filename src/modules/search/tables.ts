// The search index and its editorial tables. search_document holds one row
// per public document of any provider; the full-text structure beside it is
// dialect-specific (an FTS5 table on SQLite, a tsvector column on PostgreSQL).
import type { Generated } from 'kysely';
import type { Timestamp } from '../../platform/database/schema.ts';

export interface SearchDocumentRow {
  /** Integer key: the FTS5 rowid on SQLite. */
  doc_id: Generated<number>;
  source: string;
  source_id: string;
  title: string;
  /** Plain text, cut at BODY_LIMIT characters (snippets only need the start). */
  body: string;
  url: string;
  site_code: string | null;
  /** Other sites that show it (推送), delimited like audiences: ",portal,citizens,". */
  also_on: Generated<string>;
  type: string;
  /** Comma-delimited with a comma at both ends (",citizen,business,") for LIKE filters. */
  audiences: string;
  topics: string;
  published_at: Timestamp;
  updated_at: Timestamp;
  doc_number: string | null;
  /** A policy's validity (有效性), for marking lapsed ones in results. */
  validity: string | null;
  boost: number;
  /** Normalised title tokens, space-delimited with a space at both ends. */
  title_tokens: string;
  indexed_at: Timestamp;
}

export interface SearchSynonymRow {
  id: string;
  /** Normalised equivalent terms, separated by single spaces. */
  terms: string;
  updated_at: Timestamp;
  updated_by: string;
}

export interface SearchWordRow {
  word: string;
  updated_at: Timestamp;
  updated_by: string;
}

export interface SearchBestBetRow {
  id: string;
  /** The normalised query the pin answers. */
  query: string;
  source: string;
  source_id: string;
  position: number;
  created_at: Timestamp;
  created_by: string;
}

export interface SearchQueryLogRow {
  id: string;
  query: string;
  result_count: number;
  site_code: string | null;
  /** Keyed hash of the client and the day (query-log.ts); null on rows logged before it. */
  searcher: string | null;
  created_at: Timestamp;
}

export interface SearchClickRow {
  id: string;
  query: string;
  url: string;
  position: number;
  created_at: Timestamp;
}

declare module '../../platform/database/schema.ts' {
  interface Database {
    search_document: SearchDocumentRow;
    search_synonym: SearchSynonymRow;
    search_word: SearchWordRow;
    search_best_bet: SearchBestBetRow;
    search_query_log: SearchQueryLogRow;
    search_click: SearchClickRow;
  }
}
