// An item's one canonical page, on its own site: title, metadata, the
// sanitised body, attachments, linked policy/interpretations, related items,
// breadcrumbs, canonical link, Open Graph and schema.org data.
import { JsonLd } from '../../web/components/json-ld.tsx';
import { Breadcrumbs } from '../../web/components/navigation.tsx';
import type { ViewContext } from '../../web/view.ts';
import type { ContentItemRow } from '../content/tables.ts';
import type { ChannelRow, SiteRow } from '../sites/tables.ts';
import { siteTrail } from './channel-page.tsx';
import { SitePage } from './chrome.tsx';
import { externalLink, localDate, localDateTime, parseFields } from './format.ts';
import { Attachments, ItemsSection, PolicyMeta, ValidityNotice } from './item-parts.tsx';
import type { AttachmentView, ListItem } from './queries.ts';
import type { Structure } from './structure.ts';

export interface ItemPageProps {
  view: ViewContext;
  structure: Structure;
  site: SiteRow;
  channel: ChannelRow;
  item: ContentItemRow;
  attachments: AttachmentView[];
  /** Interpretations of a policy, or the policy an interpretation explains. */
  linked: ListItem[];
  related: ListItem[];
  base: string;
}

const SCHEMA_TYPE: Record<string, string> = { article: 'NewsArticle' };

function ItemHead({ view, site, item, base, url }: ItemPageProps & { url: string }) {
  const fields = parseFields(item.fields);
  const publisher = {
    '@type': 'GovernmentOrganization',
    name: site.name,
    url: `${base}${site.path}`,
  };
  const data = {
    '@context': 'https://schema.org',
    '@type': SCHEMA_TYPE[item.type] ?? 'Article',
    headline: item.title,
    url,
    mainEntityOfPage: url,
    inLanguage: site.lang,
    datePublished: localDateTime(item.published_at),
    dateModified: localDateTime(item.updated_at),
    ...(item.summary ? { description: item.summary } : {}),
    ...(fields.docNumber ? { identifier: fields.docNumber } : {}),
    author: publisher,
    publisher,
  };
  return (
    <>
      <link rel="canonical" href={url} />
      {item.summary && <meta name="description" content={item.summary} />}
      <meta property="og:type" content="article" />
      <meta property="og:title" content={item.title} />
      <meta property="og:url" content={url} />
      <meta property="og:site_name" content={site.name} />
      <meta property="og:locale" content={view.locale === 'en' ? 'en_US' : 'zh_CN'} />
      {item.summary && <meta property="og:description" content={item.summary} />}
      {data.datePublished && (
        <meta property="article:published_time" content={data.datePublished} />
      )}
      <JsonLd data={data} />
    </>
  );
}

export function ItemPage(props: ItemPageProps) {
  const { view, structure, site, channel, item, base } = props;
  const { t } = view;
  const fields = parseFields(item.fields);
  const path = `${site.path}${channel.slug}/${item.slug}.html`;
  const url = `${base}${path}`;
  const issuer = fields.issuer ?? site.name;
  const isPolicy = item.type === 'policy';
  const link = item.type === 'link' ? externalLink(fields) : undefined;
  const date = localDate(item.published_at);
  return (
    <SitePage
      view={view}
      structure={structure}
      site={site}
      title={item.title}
      channelId={channel.id}
      self={path}
      head={<ItemHead {...props} url={url} />}
    >
      <Breadcrumbs
        view={view}
        trail={[
          ...siteTrail(view, structure, site),
          { label: channel.name, href: `${site.path}${channel.slug}/` },
          { label: t('portal.article') },
        ]}
      />
      <article class="article">
        <h1>{item.title}</h1>
        {isPolicy ? (
          <>
            <ValidityNotice view={view} fields={fields} />
            <PolicyMeta
              view={view}
              fields={fields}
              issuer={issuer}
              publishedAt={item.published_at}
            />
          </>
        ) : (
          <p class="article-meta">
            <span>
              {t('portal.item.source')}
              {t('site.colon')}
              {fields.source ?? issuer}
            </span>
            {date && (
              <span>
                {t('portal.item.publishedOn')}
                {t('site.colon')}
                <time datetime={date}>{date}</time>
              </span>
            )}
          </p>
        )}
        {/* body_html is sanitised on save (content/sanitize.ts). */}
        <div class="article-body" dangerouslySetInnerHTML={{ __html: item.body_html }} />
        {link && (
          <p>
            <a href={link}>{link}</a>
          </p>
        )}
        <Attachments view={view} files={props.attachments} />
        <ItemsSection
          view={view}
          structure={structure}
          siteCode={site.code}
          id="linked"
          title={t(isPolicy ? 'portal.item.interpretations' : 'portal.item.policies')}
          items={props.linked}
        />
      </article>
      <ItemsSection
        view={view}
        structure={structure}
        siteCode={site.code}
        id="related"
        title={t('portal.item.related')}
        items={props.related}
      />
    </SitePage>
  );
}
