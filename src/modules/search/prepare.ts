// A document as the index stores it: plain body cut for snippets, title
// (with its 文号) and body segmented into tokens, and for PostgreSQL the
// tsvector of them. No database here, so the rebuild's worker
// threads can run it.
import type { SearchDocument } from '../../platform/search.ts';
import { truncate } from '../../platform/text.ts';
import type { Analyzer } from './analyzer.ts';
import type { PreparedDocument } from './backend.ts';
import { tsvectorBinary } from './tsvector.ts';

/** Characters of body text kept for snippets; all of it is indexed. */
export const BODY_LIMIT = 20_000;
/** Characters of body text segmented for the index. */
const INDEX_LIMIT = 100_000;

export interface PrepareOptions {
  /** Also make the tsvector (the PostgreSQL backend writes it). */
  tsvector?: boolean;
}

export function prepare(
  analyzer: Analyzer,
  doc: SearchDocument,
  options: PrepareOptions = {},
): PreparedDocument {
  const body = doc.body.replace(/\s+/g, ' ').trim();
  const titleText = doc.docNumber ? `${doc.title} ${doc.docNumber}` : doc.title;
  const titleTokens = analyzer.indexTokens(titleText);
  const bodyTokens = analyzer.indexTokens(body.slice(0, INDEX_LIMIT));
  return {
    doc,
    body: body.length <= BODY_LIMIT ? body : truncate(body, BODY_LIMIT),
    titleTokens: titleTokens.join(' '),
    bodyTokens: bodyTokens.join(' '),
    vector: options.tsvector ? tsvectorBinary(titleTokens, bodyTokens) : undefined,
  };
}
