// The sites and channels every public page needs (names, paths, navigation),
// held in memory: two queries fill it, the STRUCTURE_TAG drops it. Turning a
// URL into a site and the rest of the path happens here too.
import { createHash } from 'node:crypto';
import { DIRECTORY_INDEX } from '../../platform/http/directory-index.ts';
import type { AppContext } from '../../platform/module.ts';
import { localeForPath } from '../../web/i18n/index.ts';
import { STRUCTURE_TAG } from '../sites/sites.ts';
import type { ChannelRow, SiteRow } from '../sites/tables.ts';

export interface Structure {
  /** In display order (sort_order). */
  sites: SiteRow[];
  byCode: Map<string, SiteRow>;
  channels: Map<string, ChannelRow>;
  /** Channels of each site in display order. */
  channelsOf: Map<string, ChannelRow[]>;
  /** `${site_code}/${slug}` → channel. */
  bySlug: Map<string, ChannelRow>;
  /** Sites by path length, longest first: the first prefix that matches wins. */
  byPathLength: SiteRow[];
  /** Short hash of the site colours: the theme stylesheet's name. */
  themeHash: string;
}

const KEY = 'portal:structure';

export async function loadStructure(ctx: AppContext): Promise<Structure> {
  const hit = ctx.cache.get<Structure>(KEY);
  if (hit) return hit;
  const generation = ctx.cache.generation;
  const [sites, channels] = await Promise.all([
    ctx.db.kysely.selectFrom('site').selectAll().orderBy('sort_order').orderBy('code').execute(),
    ctx.db.kysely
      .selectFrom('channel')
      .selectAll()
      .orderBy('site_code')
      .orderBy('sort_order')
      .orderBy('slug')
      .execute(),
  ]);
  const structure = buildStructure(sites, channels);
  if (ctx.cache.generation === generation) ctx.cache.set(KEY, structure, [STRUCTURE_TAG]);
  return structure;
}

export function buildStructure(sites: SiteRow[], channels: ChannelRow[]): Structure {
  const channelsOf = new Map<string, ChannelRow[]>(sites.map((s) => [s.code, []]));
  for (const c of channels) channelsOf.get(c.site_code)?.push(c);
  return {
    sites,
    byCode: new Map(sites.map((s) => [s.code, s])),
    channels: new Map(channels.map((c) => [c.id, c])),
    channelsOf,
    bySlug: new Map(channels.map((c) => [`${c.site_code}/${c.slug}`, c])),
    byPathLength: [...sites].sort((a, b) => b.path.length - a.path.length),
    themeHash: createHash('sha256')
      .update(sites.map((s) => `${s.code}=${s.colour}`).join(';'))
      .digest('hex')
      .slice(0, 10),
  };
}

export type Route =
  | { kind: 'home'; site: SiteRow }
  | { kind: 'channel'; site: SiteRow; channel: ChannelRow }
  | { kind: 'feed'; site: SiteRow; channel: ChannelRow }
  | { kind: 'item'; site: SiteRow; channel: ChannelRow; slug: string }
  /** A known page asked for without its trailing slash. */
  | { kind: 'slash'; location: string }
  | { kind: 'none' };

const ITEM = /^([a-z0-9][a-z0-9-]{0,99})\.html$/;

/**
 * What a public path names. Pure: the caller has loaded the structure.
 * A site's or channel's old index page (/sites/x/index.shtml,
 * /sites/x/news/Default.aspx: DIRECTORY_INDEX) leads to the directory; no
 * item can be called index or default (RESERVED_SLUGS, sites.ts).
 */
export function resolvePath(structure: Structure, path: string): Route {
  for (const site of structure.byPathLength) {
    if (path === site.path.slice(0, -1) && path !== '') {
      return { kind: 'slash', location: site.path };
    }
    if (!path.startsWith(site.path)) continue;
    const rest = path.slice(site.path.length);
    if (rest === '') return { kind: 'home', site };
    if (DIRECTORY_INDEX.test(rest)) return { kind: 'slash', location: site.path };
    const parts = rest.split('/');
    const channel = structure.bySlug.get(`${site.code}/${parts[0]}`);
    if (!channel || channel.kind === 'link') {
      // A longer site path may not have matched; a shorter one (the root) cannot own it.
      return { kind: 'none' };
    }
    if (parts.length === 1) return { kind: 'slash', location: `${path}/` };
    if (parts.length !== 2) return { kind: 'none' };
    const last = parts[1]!;
    if (last === '') return { kind: 'channel', site, channel };
    if (DIRECTORY_INDEX.test(last)) return { kind: 'slash', location: `${site.path}${parts[0]}/` };
    if (last === 'feed.xml') return { kind: 'feed', site, channel };
    const m = ITEM.exec(last);
    if (m) return { kind: 'item', site, channel, slug: m[1]! };
    return { kind: 'none' };
  }
  return { kind: 'none' };
}

/** Where an item's canonical page is, from the in-memory structure (no query). */
export function itemPath(
  structure: Structure,
  item: { site_code: string; channel_id: string; slug: string },
): string | undefined {
  const site = structure.byCode.get(item.site_code);
  const channel = structure.channels.get(item.channel_id);
  if (!site || !channel) return undefined;
  return `${site.path}${channel.slug}/${item.slug}.html`;
}

/**
 * The site a path belongs to, by the longest site path it starts with, as
 * far as the structure is in memory (the error pages' header; no database
 * read on an error path). Undefined when it is not.
 */
export function keptSiteAt(
  ctx: AppContext,
  path: string,
): { structure: Structure; site: SiteRow } | undefined {
  const structure = ctx.cache.get<Structure>(KEY);
  const site = structure?.byPathLength.find((s) => path.startsWith(s.path));
  // An English address no English site holds (/en/nothing) is on no site:
  // its page is English, and the Chinese portal's name would not fit it.
  if (site && localeForPath(path) === 'en' && site.lang !== 'en') return undefined;
  return structure && site && { structure, site };
}

/** The portal (一门): the gate every other site links back to. */
export function portalSite(structure: Structure): SiteRow | undefined {
  return structure.sites.find((s) => s.kind === 'portal');
}
