// Machine-readable views of the public site: an RSS 2.0 feed per channel,
// /sitemap.xml (homes, channels and every live item of every site; a
// sitemap index past the protocol's 50,000 URLs a file) and /robots.txt.
import type { AppContext } from '../../platform/module.ts';
import { tags } from '../content/changes.ts';
import type { ChannelRow, SiteRow } from '../sites/tables.ts';
import { externalLink, localDate, parseFields, xml } from './format.ts';
import type { Rendered } from './page-cache.ts';
import { channelNewest } from './queries.ts';
import { itemPath, type Structure } from './structure.ts';

export const FEED_SIZE = 20;
export const SITEMAP_LIMIT = 50_000;
const XML_TYPE = 'application/xml; charset=utf-8';

export async function channelFeed(
  ctx: AppContext,
  structure: Structure,
  site: SiteRow,
  channel: ChannelRow,
  base: string,
): Promise<Rendered> {
  const items = await channelNewest(ctx, channel.id, FEED_SIZE);
  const link = `${base}${site.path}${channel.slug}/`;
  const entries = items.map((item) => {
    const fields = parseFields(item.fields);
    const own = `${base}${itemPath(structure, item)}`;
    const href = (item.type === 'link' && externalLink(fields)) || own;
    const date = item.published_at ? new Date(item.published_at).toUTCString() : '';
    return [
      '<item>',
      `<title>${xml(item.title)}</title>`,
      `<link>${xml(href)}</link>`,
      `<guid isPermaLink="true">${xml(own)}</guid>`,
      date ? `<pubDate>${date}</pubDate>` : '',
      item.summary ? `<description>${xml(item.summary)}</description>` : '',
      `<source url="${xml(`${link}feed.xml`)}">${xml(site.name)}</source>`,
      '</item>',
    ].join('');
  });
  const newest = items[0]?.published_at;
  const body = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom">',
    '<channel>',
    `<title>${xml(`${channel.name} - ${site.name}`)}</title>`,
    `<link>${xml(link)}</link>`,
    `<description>${xml(channel.description ?? `${site.name} · ${channel.name}`)}</description>`,
    `<language>${site.lang === 'en' ? 'en' : 'zh-cn'}</language>`,
    newest ? `<lastBuildDate>${new Date(newest).toUTCString()}</lastBuildDate>` : '',
    `<atom:link href="${xml(`${link}feed.xml`)}" rel="self" type="application/rss+xml"/>`,
    ...entries,
    '</channel>',
    '</rss>',
    '',
  ].join('\n');
  return { body, type: 'application/rss+xml; charset=utf-8', tags: [tags.channel(channel.id)] };
}

function urlEntry(loc: string, lastmod?: string | null): string {
  const day = lastmod ? localDate(lastmod) : '';
  return `<url><loc>${xml(loc)}</loc>${day ? `<lastmod>${day}</lastmod>` : ''}</url>`;
}

function liveItems(ctx: AppContext) {
  return ctx.db.kysely
    .selectFrom('content_item')
    .select(['id', 'site_code', 'channel_id', 'slug', 'updated_at'])
    .where('publication', '=', 'published');
}

/**
 * The sitemap: one file while everything fits (homes, channels, items), else
 * an index of /sitemap-N.xml files of `limit` URLs each (N from 1; file 1
 * starts with the homes and channels).
 */
export async function sitemap(
  ctx: AppContext,
  structure: Structure,
  base: string,
  part: number | undefined,
  limit = SITEMAP_LIMIT,
): Promise<Rendered | undefined> {
  const pages = structure.sites.flatMap((site) => [
    urlEntry(`${base}${site.path}`),
    ...(structure.channelsOf.get(site.code) ?? [])
      .filter((c) => c.kind !== 'link')
      .map((c) => urlEntry(`${base}${site.path}${c.slug}/`)),
  ]);
  const count = await liveItems(ctx)
    .clearSelect()
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .executeTakeFirstOrThrow();
  const total = pages.length + Number(count.n);
  const files = Math.max(1, Math.ceil(total / limit));
  const siteTags = structure.sites.map((s) => tags.site(s.code));
  if (part === undefined && files > 1) {
    const index = Array.from(
      { length: files },
      (_, i) => `<sitemap><loc>${xml(`${base}/sitemap-${i + 1}.xml`)}</loc></sitemap>`,
    );
    return {
      body: `<?xml version="1.0" encoding="UTF-8"?>\n<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n${index.join('\n')}\n</sitemapindex>\n`,
      type: XML_TYPE,
      tags: siteTags,
    };
  }
  if (part !== undefined && (files === 1 || part > files)) return undefined;
  const n = part ?? 1;
  // URLs n*limit-limit … n*limit-1 of [pages…, items…] in a stable order.
  const from = (n - 1) * limit;
  const ownPages = pages.slice(from, from + limit);
  const itemOffset = Math.max(0, from - pages.length);
  const itemCount = limit - ownPages.length;
  const items =
    itemCount > 0
      ? await liveItems(ctx)
          .orderBy('published_at')
          .orderBy('id')
          .limit(itemCount)
          .offset(itemOffset)
          .execute()
      : [];
  const urls = [
    ...ownPages,
    ...items.flatMap((item) => {
      const path = itemPath(structure, item);
      return path ? [urlEntry(`${base}${path}`, item.updated_at)] : [];
    }),
  ];
  return {
    body: `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n${urls.join('\n')}\n</urlset>\n`,
    type: XML_TYPE,
    tags: siteTags,
  };
}

export function robots(base: string): Rendered {
  return {
    body: [
      'User-agent: *',
      'Allow: /',
      'Disallow: /admin/',
      'Disallow: /account/',
      // The elder-mode switch (two links on every page) and the search results.
      'Disallow: /elder',
      'Disallow: /search',
      `Sitemap: ${base}/sitemap.xml`,
      '',
    ].join('\n'),
    type: 'text/plain; charset=utf-8',
    tags: [],
  };
}
