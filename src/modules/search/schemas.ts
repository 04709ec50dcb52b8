// The parameters of search, the same for the page and the JSON API. Empty
// strings are allowed (a form submits its empty fields) and mean "any".
// Other parameters are ignored, not refused: links shared through WeChat or
// a newsletter come back with from=singlemessage, isappinstalled=0 or
// utm_source=… appended, and must still search. For the same reason the
// date range is since/until, not from/to.
import { type Static, Type } from '@sinclair/typebox';

const code = Type.String({ pattern: '^[a-z0-9-]{0,32}$' });
const date = Type.String({ pattern: '^(\\d{4}-\\d{2}-\\d{2})?$' });

export const SearchQuery = Type.Object(
  {
    q: Type.Optional(Type.String({ maxLength: 200 })),
    site: Type.Optional(code),
    type: Type.Optional(code),
    audience: Type.Optional(code),
    since: Type.Optional(date),
    until: Type.Optional(date),
    sort: Type.Optional(
      Type.Union([Type.Literal('relevance'), Type.Literal('date'), Type.Literal('')]),
    ),
    page: Type.Optional(Type.Integer({ minimum: 1, maximum: 50 })),
  },
  { additionalProperties: true },
);
export type SearchQueryT = Static<typeof SearchQuery>;

export const SuggestQuery = Type.Object(
  {
    q: Type.String({ maxLength: 200 }),
    site: Type.Optional(code),
  },
  { additionalProperties: false },
);

export const ClickQuery = Type.Object(
  {
    // A same-site path: no scheme, no '//' or '/\' (another origin to a browser), no controls.
    u: Type.String({ pattern: '^/(?![/\\\\])[^\\u0000-\\u001f\\u007f\\\\]{0,499}$' }),
    q: Type.String({ maxLength: 200 }),
    p: Type.Integer({ minimum: 1, maximum: 1000 }),
  },
  { additionalProperties: false },
);

const Part = Type.Object({ text: Type.String(), mark: Type.Boolean() });

const Hit = Type.Object({
  title: Type.String(),
  titleParts: Type.Array(Part),
  snippet: Type.String(),
  snippetParts: Type.Array(Part),
  /** The snippet as HTML: escaped text, <mark> around matches. */
  snippetHtml: Type.String(),
  url: Type.String(),
  type: Type.String(),
  site: Type.Union([Type.String(), Type.Null()]),
  publishedAt: Type.String(),
  docNumber: Type.Union([Type.String(), Type.Null()]),
  /** A policy's validity: valid, amended, repealed or expired; null for other documents. */
  validity: Type.Union([Type.String(), Type.Null()]),
  pinned: Type.Boolean(),
});

export const SearchResponse = Type.Object({
  query: Type.String(),
  state: Type.Union([Type.Literal('empty'), Type.Literal('junk'), Type.Literal('ok')]),
  relaxed: Type.Boolean(),
  /** So many documents matched that only the newest were ranked; total and counts are lower bounds. */
  capped: Type.Boolean(),
  total: Type.Integer(),
  counts: Type.Record(Type.String(), Type.Integer()),
  page: Type.Integer(),
  pages: Type.Integer(),
  results: Type.Array(Hit),
});

export const SuggestResponse = Type.Object({
  queries: Type.Array(Type.String()),
  titles: Type.Array(Type.Object({ title: Type.String(), url: Type.String() })),
});
