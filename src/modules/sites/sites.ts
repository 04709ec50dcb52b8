// Sites and channels. A site is found by the URL prefix it serves; channels
// form a tree inside a site, addressed by a slug unique within the site.
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../platform/database/index.ts';
import { badRequest, conflict, notFound } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';
import type { AppContext } from '../../platform/module.ts';
import type { ChannelKind, ChannelRow, SiteRow } from './tables.ts';

type Executor = Kysely<Database> | Transaction<Database>;

export const SLUG_PATTERN = /^[a-z0-9][a-z0-9-]{0,62}$/;
/**
 * Item slugs kept free: /x/index.html and /x/default.html are the old
 * addresses of a channel's or site's first page, which the portal redirects
 * there (portal/structure.ts).
 */
export const RESERVED_SLUGS: ReadonlySet<string> = new Set(['index', 'default']);

/** Cache tag of everything derived from the sites and channels themselves (names, navigation). */
export const STRUCTURE_TAG = 'sites:structure';

/** Call after changing a site or a channel: every cached public page shows the navigation. */
export function structureChanged(ctx: AppContext): void {
  ctx.cache.invalidateTag(STRUCTURE_TAG);
}

export async function listSites(ctx: AppContext): Promise<SiteRow[]> {
  return ctx.db.kysely
    .selectFrom('site')
    .selectAll()
    .orderBy('sort_order')
    .orderBy('code')
    .execute();
}

export async function getSite(
  ctx: AppContext,
  code: string,
  executor: Executor = ctx.db.kysely,
): Promise<SiteRow> {
  const site = await executor
    .selectFrom('site')
    .selectAll()
    .where('code', '=', code)
    .executeTakeFirst();
  if (!site) throw notFound('站点不存在');
  return site;
}

export async function listChannels(ctx: AppContext, siteCode: string): Promise<ChannelRow[]> {
  return ctx.db.kysely
    .selectFrom('channel')
    .selectAll()
    .where('site_code', '=', siteCode)
    .orderBy('sort_order')
    .orderBy('slug')
    .execute();
}

export async function getChannel(
  ctx: AppContext,
  id: string,
  executor: Executor = ctx.db.kysely,
): Promise<ChannelRow> {
  const channel = await executor
    .selectFrom('channel')
    .selectAll()
    .where('id', '=', id)
    .executeTakeFirst();
  if (!channel) throw notFound('栏目不存在');
  return channel;
}

export async function channelBySlug(
  ctx: AppContext,
  siteCode: string,
  slug: string,
): Promise<ChannelRow | undefined> {
  return ctx.db.kysely
    .selectFrom('channel')
    .selectAll()
    .where('site_code', '=', siteCode)
    .where('slug', '=', slug)
    .executeTakeFirst();
}

export interface ChannelInput {
  slug: string;
  name: string;
  kind?: ChannelKind;
  description?: string;
  parentSlug?: string;
  linkUrl?: string;
  inNav?: boolean;
  sortOrder?: number;
}

export async function createChannel(
  ctx: AppContext,
  siteCode: string,
  input: ChannelInput,
  executor: Executor = ctx.db.kysely,
): Promise<ChannelRow> {
  if (!SLUG_PATTERN.test(input.slug))
    throw badRequest('栏目标识只能使用小写字母、数字和连字符', { slug: '格式不正确' });
  await getSite(ctx, siteCode, executor);
  const existing = await executor
    .selectFrom('channel')
    .select('id')
    .where('site_code', '=', siteCode)
    .where('slug', '=', input.slug)
    .executeTakeFirst();
  if (existing) throw conflict('该站点已有同名栏目标识');
  let parentId: string | null = null;
  if (input.parentSlug) {
    const parent = await executor
      .selectFrom('channel')
      .select('id')
      .where('site_code', '=', siteCode)
      .where('slug', '=', input.parentSlug)
      .executeTakeFirst();
    if (!parent) throw badRequest('上级栏目不存在');
    parentId = parent.id;
  }
  const now = ctx.now().toISOString();
  const row: ChannelRow = {
    id: newId(),
    site_code: siteCode,
    parent_id: parentId,
    slug: input.slug,
    name: input.name,
    description: input.description ?? null,
    kind: input.kind ?? 'list',
    link_url: input.linkUrl ?? null,
    in_nav: input.inNav === false ? 0 : 1,
    sort_order: input.sortOrder ?? 0,
    created_at: now,
    updated_at: now,
  };
  await executor.insertInto('channel').values(row).execute();
  structureChanged(ctx);
  return row;
}

/** The public URL of a channel list. */
export function channelUrl(site: Pick<SiteRow, 'path'>, channel: Pick<ChannelRow, 'slug'>): string {
  return `${site.path}${channel.slug}/`;
}

/** The public URL of an item. */
export function itemUrl(
  site: Pick<SiteRow, 'path'>,
  channel: Pick<ChannelRow, 'slug'>,
  slug: string,
): string {
  return `${site.path}${channel.slug}/${slug}.html`;
}

export interface SiteChange {
  name: string;
  shortName: string;
  colour: string;
  /** 1–3. */
  reviewLevels: number;
}

/** Relative luminance contrast of a #rrggbb colour against white (WCAG 2.1). */
export function contrastWithWhite(colour: string): number {
  const n = Number.parseInt(colour.slice(1), 16);
  const lin = (c: number) => {
    const s = c / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  const l = 0.2126 * lin((n >> 16) & 255) + 0.7152 * lin((n >> 8) & 255) + 0.0722 * lin(n & 255);
  return 1.05 / (l + 0.05);
}

/** Rename a site, change its colour or its number of review levels (三审: 1–3). */
export async function updateSite(
  ctx: AppContext,
  code: string,
  change: SiteChange,
  executor: Executor = ctx.db.kysely,
): Promise<SiteRow> {
  const site = await getSite(ctx, code, executor);
  if (!/^#[0-9a-fA-F]{6}$/.test(change.colour))
    throw badRequest('颜色格式不正确', { colour: '请使用 #RRGGBB 格式，例如 #b31b1b' });
  // The colour is the background of white header text: keep WCAG AA contrast.
  if (contrastWithWhite(change.colour) < 4.5)
    throw badRequest('颜色过浅', { colour: '与白色文字的对比度不足 4.5:1，请选择更深的颜色' });
  if (!Number.isInteger(change.reviewLevels) || change.reviewLevels < 1 || change.reviewLevels > 3)
    throw badRequest('审核级数只能是 1 到 3', { reviewLevels: '请选择 1、2 或 3 级审核' });
  const name = change.name.trim();
  const shortName = change.shortName.trim();
  if (!name || !shortName) throw badRequest('名称不能为空', { name: '请填写名称' });
  const now = ctx.now().toISOString();
  await executor
    .updateTable('site')
    .set({
      name,
      short_name: shortName,
      colour: change.colour.toLowerCase(),
      review_levels: change.reviewLevels,
      updated_at: now,
    })
    .where('code', '=', code)
    .execute();
  structureChanged(ctx);
  return {
    ...site,
    name,
    short_name: shortName,
    colour: change.colour.toLowerCase(),
    review_levels: change.reviewLevels,
    updated_at: now,
  };
}

export interface ChannelChange {
  slug: string;
  name: string;
  kind: ChannelKind;
  description?: string;
  linkUrl?: string;
  inNav: boolean;
  sortOrder: number;
}

/** Edit a channel; its slug stays unique within the site. */
export async function updateChannel(
  ctx: AppContext,
  id: string,
  change: ChannelChange,
  executor: Executor = ctx.db.kysely,
): Promise<ChannelRow> {
  if (!SLUG_PATTERN.test(change.slug))
    throw badRequest('栏目标识只能使用小写字母、数字和连字符', { slug: '格式不正确' });
  const channel = await getChannel(ctx, id, executor);
  if (change.slug !== channel.slug) {
    const clash = await executor
      .selectFrom('channel')
      .select('id')
      .where('site_code', '=', channel.site_code)
      .where('slug', '=', change.slug)
      .executeTakeFirst();
    if (clash) throw conflict('该站点已有同名栏目标识');
  }
  const row: ChannelRow = {
    ...channel,
    slug: change.slug,
    name: change.name.trim(),
    kind: change.kind,
    description: change.description?.trim() || null,
    link_url: change.linkUrl?.trim() || null,
    in_nav: change.inNav ? 1 : 0,
    sort_order: change.sortOrder,
    updated_at: ctx.now().toISOString(),
  };
  await executor
    .updateTable('channel')
    .set({
      slug: row.slug,
      name: row.name,
      kind: row.kind,
      description: row.description,
      link_url: row.link_url,
      in_nav: row.in_nav,
      sort_order: row.sort_order,
      updated_at: row.updated_at,
    })
    .where('id', '=', id)
    .execute();
  structureChanged(ctx);
  return row;
}
