// The reads behind public pages. Only live items (publication = 'published')
// ever leave here. List queries fetch the rows in one go; the sites and
// channels they point at come from the in-memory structure, so no page
// issues a query per item.
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

function live(ctx: AppContext) {
  return ctx.db.kysely
    .selectFrom('content_item')
    .select(LIST_COLUMNS)
    .where('content_item.publication', '=', 'published');
}

/** One page of a channel in its stable order (pinned, newest, id), and the channel's total. */
export async function channelPage(
  ctx: AppContext,
  channelId: string,
  page: number,
  perPage: number,
): Promise<{ items: ListItem[]; total: number }> {
  const [count, items] = await Promise.all([
    ctx.db.kysely
      .selectFrom('content_item')
      .select((eb) => eb.fn.countAll<number | string>().as('n'))
      .where('channel_id', '=', channelId)
      .where('publication', '=', 'published')
      .executeTakeFirstOrThrow(),
    live(ctx)
      .where('content_item.channel_id', '=', channelId)
      .orderBy('content_item.pinned', 'desc')
      .orderBy('content_item.published_at', 'desc')
      .orderBy('content_item.id', 'desc')
      .limit(perPage)
      .offset((page - 1) * perPage)
      .execute(),
  ]);
  return { items, total: Number(count.n) };
}

/** The newest items of one channel (pinned first), for a site home. */
export function channelLatest(ctx: AppContext, channelId: string, limit: number) {
  return channelPage(ctx, channelId, 1, limit).then((r) => r.items);
}

/** The newest items by publication date only (feeds ignore pinning). */
export function channelNewest(ctx: AppContext, channelId: string, limit: number) {
  return live(ctx)
    .where('content_item.channel_id', '=', channelId)
    .orderBy('content_item.published_at', 'desc')
    .orderBy('content_item.id', 'desc')
    .limit(limit)
    .execute();
}

/** How many of a site's latest pushes are considered for its lists. */
const PUSH_WINDOW = 500;

/**
 * Items other sites pushed (推送) to this one, newest first. Driven from
 * content_push: pushes are few, items many, and a join ordered by publication
 * date made SQLite walk every live item to find the pushed ones.
 */
export async function pushedTo(ctx: AppContext, siteCode: string, limit: number) {
  const pushes = await ctx.db.kysely
    .selectFrom('content_push')
    .select('item_id')
    .where('site_code', '=', siteCode)
    .orderBy('created_at', 'desc')
    .limit(PUSH_WINDOW)
    .execute();
  if (pushes.length === 0) return [];
  return live(ctx)
    .where(
      'content_item.id',
      'in',
      pushes.map((p) => p.item_id),
    )
    .orderBy('content_item.published_at', 'desc')
    .orderBy('content_item.id', 'desc')
    .limit(limit)
    .execute();
}

/**
 * Live items tagged with an audience, from the given sites, newest first.
 * `audiences` is a JSON array of tags that match /^[a-z0-9-]+$/, so the
 * quoted tag ("citizen") can neither contain LIKE wildcards nor match part
 * of another tag: a plain LIKE is exact and works the same on SQLite and
 * PostgreSQL. The scan walks content_item_live_date newest first and stops
 * at the limit.
 */
export async function taggedFor(
  ctx: AppContext,
  audience: string,
  siteCodes: string[],
  limit: number,
): Promise<ListItem[]> {
  if (!TAG.test(audience) || siteCodes.length === 0) return [];
  return live(ctx)
    .where('content_item.audiences', 'like', `%"${audience}"%`)
    .where('content_item.site_code', 'in', siteCodes)
    .orderBy('content_item.published_at', 'desc')
    .orderBy('content_item.id', 'desc')
    .limit(limit)
    .execute();
}

/** The whole live item (for its page), by its current slug on a site. */
export function liveItemBySlug(ctx: AppContext, siteCode: string, slug: string) {
  return ctx.db.kysely
    .selectFrom('content_item')
    .selectAll()
    .where('site_code', '=', siteCode)
    .where('slug', '=', slug)
    .where('publication', '=', 'published')
    .executeTakeFirst();
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

export function attachmentsOf(ctx: AppContext, itemId: string): Promise<AttachmentView[]> {
  return ctx.db.kysely
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
    .orderBy('content_attachment.name')
    .execute();
}

/**
 * The other side of policy ↔ interpretation links, live or not: the page
 * shows the live ones and carries a cache tag for every one, so that an
 * interpretation published later appears on its policy's page at once.
 */
export async function linkedItems(
  ctx: AppContext,
  item: Pick<ContentItemRow, 'id' | 'type'>,
): Promise<{ ids: string[]; live: (ListItem & { publication: string })[] }> {
  const [mine, theirs] =
    item.type === 'interpretation'
      ? (['interpretation_id', 'policy_id'] as const)
      : (['policy_id', 'interpretation_id'] as const);
  const rows = await ctx.db.kysely
    .selectFrom('content_link')
    .innerJoin('content_item', 'content_item.id', `content_link.${theirs}`)
    .select([...LIST_COLUMNS, 'content_item.publication'])
    .where(`content_link.${mine}`, '=', item.id)
    .orderBy('content_item.published_at', 'desc')
    .execute();
  return {
    ids: rows.map((r) => r.id),
    live: rows.filter((r) => r.publication === 'published'),
  };
}

/** Up to `limit` live items of the same channel, those sharing most topics first. */
export async function relatedItems(
  ctx: AppContext,
  item: Pick<ContentItemRow, 'id' | 'channel_id' | 'topics'>,
  limit: number,
): Promise<ListItem[]> {
  const candidates = await ctx.db.kysely
    .selectFrom('content_item')
    .select([...LIST_COLUMNS, 'content_item.topics'])
    .where('content_item.publication', '=', 'published')
    .where('content_item.channel_id', '=', item.channel_id)
    .where('content_item.id', '!=', item.id)
    .orderBy('content_item.published_at', 'desc')
    .orderBy('content_item.id', 'desc')
    .limit(30)
    .execute();
  const mine = new Set<string>(JSON.parse(item.topics));
  const shared = (topics: string) =>
    (JSON.parse(topics) as string[]).filter((t) => mine.has(t)).length;
  return candidates
    .map((c, index) => ({ c, index, score: shared(c.topics) }))
    .sort((a, b) => b.score - a.score || a.index - b.index)
    .slice(0, limit)
    .map(({ c: { topics: _topics, ...rest } }) => rest);
}
