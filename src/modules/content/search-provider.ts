// Content items in the one search index: every published item except
// external links, with its plain text, its public address and a type the
// search tabs know (policy, interpretation, notice, news, topic).
import type { Selectable } from 'kysely';
import type { AppContext } from '../../platform/module.ts';
import type { SearchDocument, SearchProvider } from '../../platform/search.ts';
import { itemUrl } from '../sites/sites.ts';
import type { ContentFields, ContentItemRow, ContentType } from './tables.ts';

const SEARCH_TYPE: Record<ContentType, string | null> = {
  article: 'news',
  gallery: 'news',
  notice: 'notice',
  policy: 'policy',
  interpretation: 'interpretation',
  topic: 'topic',
  link: null,
};

/** Elements that separate words; every other tag is removed without a gap. */
const BLOCK_TAG =
  /<\/?(?:p|div|br|h[1-6]|li|ul|ol|tr|td|th|table|caption|thead|tbody|blockquote|section|figure|figcaption|hr|pre|dd|dt|dl)\b[^>]*>/gi;
const ENTITIES: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: ' ',
};

/**
 * Plain text of stored (already sanitised) item HTML. Faster than parsing it
 * again, which matters for a rebuild of 100 000 items; the result is only
 * ever shown escaped.
 */
export function storedHtmlText(html: string): string {
  return html
    .replace(BLOCK_TAG, ' ')
    .replace(/<[^>]*>/g, '')
    .replace(/&(#\d{1,7}|#x[0-9a-f]{1,6}|[a-z]+);/gi, (whole, name: string) => {
      if (name[0] === '#') {
        const code =
          name[1] === 'x' || name[1] === 'X'
            ? Number.parseInt(name.slice(2), 16)
            : Number(name.slice(1));
        return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : ' ';
      }
      return ENTITIES[name.toLowerCase()] ?? whole;
    })
    .replace(/\s+/g, ' ')
    .trim();
}

type LiveItem = Pick<
  Selectable<ContentItemRow>,
  | 'id'
  | 'site_code'
  | 'type'
  | 'slug'
  | 'title'
  | 'summary'
  | 'body_html'
  | 'fields'
  | 'audiences'
  | 'topics'
  | 'published_at'
  | 'updated_at'
> & { site_path: string; channel_slug: string };

function liveItems(ctx: AppContext) {
  return ctx.db.kysely
    .selectFrom('content_item as i')
    .innerJoin('site as s', 's.code', 'i.site_code')
    .innerJoin('channel as c', 'c.id', 'i.channel_id')
    .select([
      'i.id',
      'i.site_code',
      'i.type',
      'i.slug',
      'i.title',
      'i.summary',
      'i.body_html',
      'i.fields',
      'i.audiences',
      'i.topics',
      'i.published_at',
      'i.updated_at',
      'i.publication',
      's.path as site_path',
      'c.slug as channel_slug',
    ]);
}

const isLive = (row: { publication: string; type: string }) =>
  row.publication === 'published' && row.type !== 'link';

/** The sites each item is pushed to (推送): their site search finds it too. */
async function pushedTo(ctx: AppContext, ids: readonly string[]): Promise<Map<string, string[]>> {
  const sites = new Map<string, string[]>();
  if (ids.length === 0) return sites;
  const rows = await ctx.db.kysely
    .selectFrom('content_push')
    .select(['item_id', 'site_code'])
    .where('item_id', 'in', ids)
    .orderBy('site_code')
    .execute();
  for (const r of rows) sites.set(r.item_id, [...(sites.get(r.item_id) ?? []), r.site_code]);
  return sites;
}

export function toSearchDocument(row: LiveItem, alsoOn: string[] = []): SearchDocument | null {
  const type = SEARCH_TYPE[row.type];
  if (!type) return null;
  const fields = JSON.parse(row.fields) as ContentFields;
  const text = storedHtmlText(row.body_html);
  return {
    source: 'content',
    sourceId: row.id,
    title: row.title,
    body: row.summary ? `${row.summary} ${text}` : text,
    url: itemUrl({ path: row.site_path }, { slug: row.channel_slug }, row.slug),
    siteCode: row.site_code,
    alsoOn,
    type,
    audiences: JSON.parse(row.audiences),
    topics: JSON.parse(row.topics),
    publishedAt: row.published_at ?? row.updated_at,
    updatedAt: row.updated_at,
    docNumber: fields.docNumber,
    validity: fields.validity,
  };
}

const BATCH = 500;

export const contentSearchProvider: SearchProvider = {
  source: 'content',

  async load(ctx, sourceId) {
    const row = await liveItems(ctx).where('i.id', '=', sourceId).executeTakeFirst();
    if (!row || !isLive(row)) return null;
    return toSearchDocument(row, (await pushedTo(ctx, [row.id])).get(row.id));
  },

  // Pages by the primary key and tells live items apart here: with the
  // publication filter in SQL, SQLite chose the publication index and read
  // every published item again for each page, which made a rebuild of
  // 100 000 items spend most of its time reading.
  async *all(ctx) {
    let after = '';
    for (;;) {
      const page = await ctx.db.kysely
        .selectFrom('content_item')
        .select('id')
        .where('id', '>', after)
        .orderBy('id')
        .limit(BATCH)
        .execute();
      if (page.length === 0) return;
      after = page[page.length - 1]!.id;
      const rows = (
        await liveItems(ctx)
          .where(
            'i.id',
            'in',
            page.map((r) => r.id),
          )
          .orderBy('i.id')
          .execute()
      ).filter(isLive);
      if (rows.length === 0) continue;
      const pushes = await pushedTo(
        ctx,
        rows.map((r) => r.id),
      );
      yield rows
        .map((r) => toSearchDocument(r, pushes.get(r.id)))
        .filter((d): d is SearchDocument => d !== null);
    }
  },

  async count(ctx) {
    const row = await ctx.db.kysely
      .selectFrom('content_item')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('publication', '=', 'published')
      .where('type', '<>', 'link')
      .executeTakeFirstOrThrow();
    return Number(row.n);
  },
};
