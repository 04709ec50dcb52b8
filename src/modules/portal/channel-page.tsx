// A channel's list of live items, 20 a page, in a stable order.
import { Breadcrumbs, type Crumb, Pagination, pageHref } from '../../web/components/navigation.tsx';
import type { ViewContext } from '../../web/view.ts';
import type { ChannelRow, SiteRow } from '../sites/tables.ts';
import { SitePage } from './chrome.tsx';
import { ItemList } from './item-list.tsx';
import type { ListItem } from './queries.ts';
import { portalSite, type Structure } from './structure.ts';

export interface ChannelPageProps {
  view: ViewContext;
  structure: Structure;
  site: SiteRow;
  channel: ChannelRow;
  items: ListItem[];
  page: number;
  pages: number;
  base: string;
}

/** 首页 › site › …: the portal home first, the site unless it is the portal itself. */
export function siteTrail(view: ViewContext, structure: Structure, site: SiteRow): Crumb[] {
  const portal = portalSite(structure);
  const home: Crumb = { label: view.t('portal.home'), href: portal?.path ?? '/' };
  if (site.lang !== portal?.lang) return [{ label: site.name, href: site.path }];
  return site.kind === 'portal' ? [home] : [home, { label: site.name, href: site.path }];
}

export function ChannelPage(props: ChannelPageProps) {
  const { view, structure, site, channel, items, page, pages, base } = props;
  const { t } = view;
  const list = `${site.path}${channel.slug}/`;
  const self = pageHref(list, page);
  const feed = `${list}feed.xml`;
  const title = page > 1 ? `${channel.name}（${t('portal.pageN', { n: page })}）` : channel.name;
  return (
    <SitePage
      view={view}
      structure={structure}
      site={site}
      title={title}
      channelId={channel.id}
      self={self}
      head={
        <>
          <link rel="canonical" href={`${base}${self}`} />
          <link rel="alternate" type="application/rss+xml" title={channel.name} href={feed} />
          {page > 1 && <link rel="prev" href={pageHref(list, page - 1)} />}
          {page < pages && <link rel="next" href={pageHref(list, page + 1)} />}
          <meta property="og:type" content="website" />
          <meta property="og:title" content={channel.name} />
          <meta property="og:url" content={`${base}${self}`} />
          <meta property="og:site_name" content={site.name} />
        </>
      }
    >
      <Breadcrumbs
        view={view}
        trail={[...siteTrail(view, structure, site), { label: channel.name }]}
      />
      <h1>{title}</h1>
      {channel.description && <p class="lead">{channel.description}</p>}
      <ItemList view={view} structure={structure} siteCode={site.code} items={items} showPinned />
      <Pagination view={view} page={page} pages={pages} base={list} />
      <p class="feed-link">
        <a href={feed}>{t('portal.feed')}</a>
      </p>
    </SitePage>
  );
}
