// From a resolved public path to the page's bytes and its cache tags, or to a
// redirect, or to nothing (404). Tags name exactly what the page shows, so
// itemChanged (content/changes.ts) drops it when any of that changes.
import { h } from 'preact';
import type { AppContext } from '../../platform/module.ts';
import { translator } from '../../web/i18n/index.ts';
import { renderDocument, type ViewContext } from '../../web/view.ts';
import { tags } from '../content/changes.ts';
import type { SiteRow } from '../sites/tables.ts';
import { ChannelPage } from './channel-page.tsx';
import { channelFeed } from './feeds.ts';
import { audienceHome, institutionHome, portalHome } from './home-data.ts';
import { AudienceHome, InstitutionHome, PortalHome } from './home-pages.tsx';
import { ItemPage } from './item-page.tsx';
import type { Rendered } from './page-cache.ts';
import {
  attachmentsOf,
  channelPage,
  linkedItems,
  liveItemBySlug,
  redirectTarget,
  relatedItems,
} from './queries.ts';
import { itemPath, type Route, type Structure } from './structure.ts';

export const PER_PAGE = 20;
const RELATED = 5;
const HTML = 'text/html; charset=utf-8';

export type Outcome = Rendered | { redirect: string } | undefined;

export interface RenderInput {
  ctx: AppContext;
  structure: Structure;
  route: Route;
  page: number;
  /** Absolute origin (https://www.example.gov.cn) for canonical links and feeds. */
  base: string;
  /** The request's view context; locale and translator follow the site's language. */
  view: ViewContext;
}

function viewFor(view: ViewContext, site: SiteRow): ViewContext {
  return view.locale === site.lang
    ? view
    : { ...view, locale: site.lang, t: translator(site.lang) };
}

export async function renderRoute(input: RenderInput): Promise<Outcome> {
  const { ctx, structure, route, page, base } = input;
  if (route.kind === 'none') return undefined;
  if (route.kind === 'slash') return { redirect: route.location };
  const view = viewFor(input.view, route.site);
  const { site } = route;
  // ?page means something on channel lists only; anywhere else only page 1 exists.
  if (route.kind !== 'channel' && page !== 1) return undefined;

  if (route.kind === 'home') {
    const load =
      site.kind === 'portal'
        ? portalHome
        : site.kind === 'audience'
          ? audienceHome
          : institutionHome;
    const Page =
      site.kind === 'portal'
        ? PortalHome
        : site.kind === 'audience'
          ? AudienceHome
          : InstitutionHome;
    const data = await load(ctx, structure, site);
    const body = renderDocument(h(Page, { view, structure, site, data, base }));
    return { body, type: HTML, tags: data.tags };
  }

  if (route.kind === 'feed') return channelFeed(ctx, structure, site, route.channel, base);

  if (route.kind === 'channel') {
    const { channel } = route;
    const { items, total } = await channelPage(ctx, channel.id, page, PER_PAGE);
    const pages = Math.max(1, Math.ceil(total / PER_PAGE));
    if (page > pages) return undefined;
    const body = renderDocument(
      h(ChannelPage, { view, structure, site, channel, items, page, pages, base }),
    );
    return { body, type: HTML, tags: [tags.channel(channel.id)] };
  }

  const item = await liveItemBySlug(ctx, site.code, route.slug);
  if (!item) {
    const target = await redirectTarget(ctx, site.code, route.slug);
    const location = target && itemPath(structure, target);
    return location ? { redirect: location } : undefined;
  }
  const channel = structure.channels.get(item.channel_id);
  if (!channel) return undefined;
  // Moved to another channel: one URL per item.
  if (channel.id !== route.channel.id) return { redirect: itemPath(structure, item)! };
  const [attachments, linked, related] = await Promise.all([
    attachmentsOf(ctx, item.id),
    item.type === 'policy' || item.type === 'interpretation'
      ? linkedItems(ctx, item)
      : Promise.resolve({ ids: [], live: [] }),
    relatedItems(ctx, item, RELATED),
  ]);
  const body = renderDocument(
    h(ItemPage, {
      view,
      structure,
      site,
      channel,
      item,
      attachments,
      linked: linked.live,
      related,
      base,
    }),
  );
  return {
    body,
    type: HTML,
    tags: [tags.item(item.id), tags.channel(channel.id), ...linked.ids.map(tags.item)],
  };
}
