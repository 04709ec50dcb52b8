// The reads behind public pages. Only live items (publication = 'published')
// ever leave here. List queries fetch the rows in one go; the sites and
// channels they point at come from the in-memory structure, so no page
// issues a query per item. The reads every page view makes are prepared
// (platform/database/prepared.ts): compiled once, run on SQLite's read-only
// connection.
import type { Kysely } from 'kysely';
import type { Database } from '../../platform/database/index.ts';
import { preparedRead, publicRead } from '../../platform/database/prepared.ts';
import type { AppContext } from '../../platform/module.ts';
import type { ContentItemRow } from '../content/tables.ts';

/** The columns a list entry needs (no body). */
export type ListItem = Pick<
  ContentItemRow,
  | 'id'
  | 'site_code'
  | 'channel_id'
  | 'type'
  | 'slug'
  | 'title'
  | 'summary'
  | 'fields'
  | 'published_at'
  | 'pinned'
>;

const LIST_COLUMNS = [
  'content_item.id',
  'content_item.site_code',
  'content_item.channel_id',
  'content_item.type',
  'content_item.slug',
  'content_item.title',
  'content_item.summary',
  'content_item.fields',
  'content_item.published_at',
  'content_item.pinned',
] as const;

const TAG = /^[a-z0-9-]{1,32}$/;

function live(db: Kysely<Database>) {
  return db
    .selectFrom('content_item')
    .select(LIST_COLUMNS)
    .where('content_item.publication', '=', 'published');
}

/** A channel's live items in its display order (pinned, newest, id). */
function inChannelOrder(db: Kysely<Database>, channelId: string) {
  return live(db)
    .where('content_item.channel_id', '=', channelId)
    .orderBy('content_item.pinned', 'desc')
    .orderBy('content_item.published_at', 'desc')
    .orderBy('content_item.id', 'desc');
}

const channelCount = preparedRead((db, channelId: string) =>
  db
    .selectFrom('content_item')
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .where('channel_id', '=', channelId)
    .where('publication', '=', 'published'),
);

const channelSlice = preparedRead((db, channelId: string, limit: number, offset: number) =>
  inChannelOrder(db, channelId).limit(limit).offset(offset),
);

/** One page of a channel in its stable order (pinned, newest, id), and the channel's total. */
export async function channelPage(
  ctx: AppContext,
  channelId: string,
  page: number,
  perPage: number,
): Promise<{ items: ListItem[]; total: number }> {
  const [count, items] = await Promise.all([
    channelCount(ctx.db, channelId),
    channelSlice(ctx.db, channelId, perPage, (page - 1) * perPage),
  ]);
  return { items, total: Number(count[0]?.n ?? 0) };
}

/**
 * The newest items of one channel (pinned first), for a site home. No count:
 * counting is the one part of a channel page that grows with the channel.
 */
export function channelLatest(ctx: AppContext, channelId: string, limit: number) {
  return channelSlice(ctx.db, channelId, limit, 0);
}

/** Newest first as SQL orders it: published_at, then id, both descending, by code unit. */
export function newestFirst(
  a: { id: string; published_at: string | null },
  b: { id: string; published_at: string | null },
): number {
  const pa = a.published_at ?? '';
  const pb = b.published_at ?? '';
  if (pa !== pb) return pa < pb ? 1 : -1;
  return a.id === b.id ? 0 : a.id < b.id ? 1 : -1;
}

/**
 * Live items by id, newest first: primary-key lookups, with the live filter
 * and the order applied here. Given "publication = 'published'" as well,
 * SQLite chose the by-date index and read every live item.
 */
async function liveByIds(ctx: AppContext, ids: string[]): Promise<ListItem[]> {
  if (ids.length === 0) return [];
  const rows = await publicRead(
    ctx.db,
    ctx.db.kysely
      .selectFrom('content_item')
      .select([...LIST_COLUMNS, 'content_item.publication'])
      .where('content_item.id', 'in', ids),
  );
  return rows
    .filter((r) => r.publication === 'published')
    .map(({ publication: _publication, ...item }) => item)
    .sort(newestFirst);
}

/** The newest items by publication date only (feeds ignore pinning). */
const newestInChannel = preparedRead((db, channelId: string, limit: number) =>
  live(db)
    .where('content_item.channel_id', '=', channelId)
    .orderBy('content_item.published_at', 'desc')
    .orderBy('content_item.id', 'desc')
    .limit(limit),
);

export function channelNewest(ctx: AppContext, channelId: string, limit: number) {
  return newestInChannel(ctx.db, channelId, limit);
}

/** How many of a site's latest pushes are considered for its lists. */
const PUSH_WINDOW = 500;

const pushesTo = preparedRead((db, siteCode: string, limit: number) =>
  db
    .selectFrom('content_push')
    .select('item_id')
    .where('site_code', '=', siteCode)
    .orderBy('created_at', 'desc')
    .limit(limit),
);

/**
 * Items other sites pushed (推送) to this one, newest first. Driven from
 * content_push (pushes are few, items many) and sorted here: with the date
 * order in SQL, SQLite walked every live item by date to find the pushed ones.
 */
export async function pushedTo(ctx: AppContext, siteCode: string, limit: number) {
  const pushes = await pushesTo(ctx.db, siteCode, PUSH_WINDOW);
  const items = await liveByIds(
    ctx,
    pushes.map((p) => p.item_id),
  );
  return items.slice(0, limit);
}

/**
 * Live items tagged with an audience, from the given sites, newest first.
 * content_live_tag holds the tags of live items: one index walk per site
 * that stops at `limit` (a tag rare on one site costs no more than a common
 * one), all in one statement (UNION ALL of the per-site walks), then the
 * chosen items by primary key.
 */
export async function taggedFor(
  ctx: AppContext,
  audience: string,
  siteCodes: string[],
  limit: number,
): Promise<ListItem[]> {
  if (!TAG.test(audience) || siteCodes.length === 0) return [];
  const db = ctx.db.kysely;
  const newestOf = (site: string, i: number) =>
    db
      .selectFrom(
        db
          .selectFrom('content_live_tag')
          .select(['item_id as id', 'published_at'])
          .where('kind', '=', 'audience')
          .where('tag', '=', audience)
          .where('site_code', '=', site)
          .orderBy('published_at', 'desc')
          .orderBy('item_id', 'desc')
          .limit(limit)
          .as(`s${i}`),
      )
      .selectAll();
  const [first, ...rest] = siteCodes.map(newestOf);
  const newest = await publicRead(
    ctx.db,
    rest
      .reduce((all, next) => all.unionAll(next), first!)
      .orderBy('published_at', 'desc')
      .orderBy('id', 'desc')
      .limit(limit),
  );
  return liveByIds(
    ctx,
    newest.map((t) => t.id),
  );
}

const liveBySlug = preparedRead((db, siteCode: string, slug: string) =>
  db
    .selectFrom('content_item')
    .selectAll()
    .where('site_code', '=', siteCode)
    .where('slug', '=', slug)
    .where('publication', '=', 'published'),
);

/** The whole live item (for its page), by its current slug on a site. */
export async function liveItemBySlug(ctx: AppContext, siteCode: string, slug: string) {
  return (await liveBySlug(ctx.db, siteCode, slug))[0];
}

/** A live item an old slug of this site now redirects to. */
export function redirectTarget(ctx: AppContext, siteCode: string, oldSlug: string) {
  return ctx.db.kysely
    .selectFrom('content_redirect')
    .innerJoin('content_item', 'content_item.id', 'content_redirect.item_id')
    .select(['content_item.site_code', 'content_item.channel_id', 'content_item.slug'])
    .where('content_redirect.site_code', '=', siteCode)
    .where('content_redirect.old_slug', '=', oldSlug)
    .where('content_item.publication', '=', 'published')
    .executeTakeFirst();
}

export interface AttachmentView {
  sha256: string;
  name: string;
  size: number;
  mime: string;
}

const attachmentsOfItem = preparedRead((db, itemId: string) =>
  db
    .selectFrom('content_attachment')
    .innerJoin('stored_file', 'stored_file.sha256', 'content_attachment.sha256')
    .select([
      'content_attachment.sha256',
      'content_attachment.name',
      'stored_file.size',
      'stored_file.mime',
    ])
    .where('content_attachment.item_id', '=', itemId)
    .orderBy('content_attachment.sort_order')
    .orderBy('content_attachment.name'),
);

export function attachmentsOf(ctx: AppContext, itemId: string): Promise<AttachmentView[]> {
  return attachmentsOfItem(ctx.db, itemId);
}

function linkedFrom(mine: 'policy_id' | 'interpretation_id') {
  const theirs = mine === 'policy_id' ? 'interpretation_id' : 'policy_id';
  return preparedRead((db, itemId: string) =>
    db
      .selectFrom('content_link')
      .innerJoin('content_item', 'content_item.id', `content_link.${theirs}`)
      .select([...LIST_COLUMNS, 'content_item.publication'])
      .where(`content_link.${mine}`, '=', itemId)
      .orderBy('content_item.published_at', 'desc'),
  );
}
const interpretationsOf = linkedFrom('policy_id');
const policiesOf = linkedFrom('interpretation_id');

/**
 * The other side of policy ↔ interpretation links, live or not: the page
 * shows the live ones and carries a cache tag for every one, so that an
 * interpretation published later appears on its policy's page at once.
 */
export async function linkedItems(
  ctx: AppContext,
  item: Pick<ContentItemRow, 'id' | 'type'>,
): Promise<{ ids: string[]; live: (ListItem & { publication: string })[] }> {
  const read = item.type === 'interpretation' ? policiesOf : interpretationsOf;
  const rows = await read(ctx.db, item.id);
  return {
    ids: rows.map((r) => r.id),
    live: rows.filter((r) => r.publication === 'published'),
  };
}

/** How many of the channel's newest items are weighed for "related". */
const RELATED_CANDIDATES = 12;

const relatedCandidates = preparedRead((db, channelId: string, itemId: string) =>
  db
    .selectFrom('content_item')
    .select([...LIST_COLUMNS, 'content_item.topics'])
    .where('content_item.publication', '=', 'published')
    .where('content_item.channel_id', '=', channelId)
    .where('content_item.id', '!=', itemId)
    .orderBy('content_item.published_at', 'desc')
    .orderBy('content_item.id', 'desc')
    .limit(RELATED_CANDIDATES),
);

/**
 * Up to `limit` live items of the same channel, those sharing most topics
 * first. The 12 newest are read through the channel's by-date index
 * (content_item_channel_date) and scored here; a version that scored them in
 * SQL with content_live_tag and read only the chosen rows measured slower.
 */
export async function relatedItems(
  ctx: AppContext,
  item: Pick<ContentItemRow, 'id' | 'channel_id' | 'topics'>,
  limit: number,
): Promise<ListItem[]> {
  const candidates = await relatedCandidates(ctx.db, item.channel_id, item.id);
  const mine = new Set<string>(JSON.parse(item.topics));
  const shared = (topics: string) =>
    (JSON.parse(topics) as string[]).filter((t) => mine.has(t)).length;
  return candidates
    .map((c, index) => ({ c, index, score: shared(c.topics) }))
    .sort((a, b) => b.score - a.score || a.index - b.index)
    .slice(0, limit)
    .map(({ c: { topics: _topics, ...rest } }) => rest);
}
