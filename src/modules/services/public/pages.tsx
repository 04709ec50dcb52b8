// The public service pages: the catalog's front page, lists by one facet,
// a guide, a 一件事 bundle.
import { JsonLd } from '../../../web/components/json-ld.tsx';
import { Pagination } from '../../../web/components/navigation.tsx';
import type { ViewContext } from '../../../web/view.ts';
import { localDate } from '../../portal/format.ts';
import type { Structure } from '../../portal/structure.ts';
import type { BundleView } from '../bundles.ts';
import type { ServiceGuide } from '../catalog.ts';
import type { ServiceBundleRow } from '../tables.ts';
import { ONLINE_DEPTH_NAMES, serviceTagName, type TagKind, tagTable } from '../taxonomy.ts';
import {
  daysText,
  guideHref,
  MaterialsChecklist,
  type OrgName,
  SERVICES_ROOT,
  ServiceSearch,
  ServicesFrame,
  ServiceTable,
} from './parts.tsx';

/** URL segment of each facet: /services/life/birth, /services/enterprise/opening … */
export const FACET_PATHS: Record<TagKind | 'department', string> = {
  lifeEvent: 'life',
  stage: 'enterprise',
  audience: 'audience',
  theme: 'theme',
  department: 'department',
};

export const facetHref = (kind: TagKind | 'department', slug: string) =>
  `${SERVICES_ROOT}${FACET_PATHS[kind]}/${encodeURIComponent(slug)}`;

interface Common {
  view: ViewContext;
  structure: Structure;
  base: string;
}

export interface CatalogHomeProps extends Common {
  counts: Record<TagKind | 'org', Map<string, number>>;
  orgs: OrgName[];
  bundles: ServiceBundleRow[];
}

function FacetLinks({
  view,
  kind,
  counts,
}: {
  view: ViewContext;
  kind: TagKind;
  counts: Map<string, number>;
}) {
  const entries = Object.entries(tagTable(kind)).filter(([slug]) => (counts.get(slug) ?? 0) > 0);
  return (
    <ul class="facet-links">
      {entries.map(([slug, name]) => (
        <li key={slug}>
          <a href={facetHref(kind, slug)}>
            {name}
            <span class="count">{view.t('services.count', { n: counts.get(slug) ?? 0 })}</span>
          </a>
        </li>
      ))}
    </ul>
  );
}

export function CatalogHome(props: CatalogHomeProps) {
  const { view, counts } = props;
  const { t } = view;
  const sections: [TagKind, string][] = [
    ['lifeEvent', t('services.byLifeEvent')],
    ['stage', t('services.byStage')],
    ['audience', t('services.byAudience')],
    ['theme', t('services.byTheme')],
  ];
  return (
    <ServicesFrame {...props} title={t('services.title')} trail={[]} self={SERVICES_ROOT}>
      <h1>{t('services.title')}</h1>
      <p class="lead">{t('services.lead')}</p>
      <ServiceSearch view={view} />
      {props.bundles.length > 0 && (
        <section class="section" aria-labelledby="bundles">
          <h2 id="bundles">{t('services.bundles')}</h2>
          <ul class="cards">
            {props.bundles.map((b) => (
              <li key={b.code}>
                <a href={`${SERVICES_ROOT}bundles/${encodeURIComponent(b.code)}`}>{b.name}</a>
                <p>{b.summary}</p>
              </li>
            ))}
          </ul>
        </section>
      )}
      {sections.map(([kind, title]) => (
        <section class="section" key={kind} aria-labelledby={`facet-${kind}`}>
          <h2 id={`facet-${kind}`}>{title}</h2>
          <FacetLinks view={view} kind={kind} counts={counts[kind]} />
        </section>
      ))}
      <section class="section" aria-labelledby="facet-department">
        <h2 id="facet-department">{t('services.byDepartment')}</h2>
        <ul class="facet-links">
          {props.orgs
            .filter((o) => (counts.org.get(o.id) ?? 0) > 0)
            .map((o) => (
              <li key={o.code}>
                <a href={facetHref('department', o.code)}>
                  {o.name}
                  <span class="count">{t('services.count', { n: counts.org.get(o.id) ?? 0 })}</span>
                </a>
              </li>
            ))}
        </ul>
      </section>
    </ServicesFrame>
  );
}

export interface ServiceListProps extends Common {
  title: string;
  self: string;
  services: ServiceGuide[];
  total: number;
  page: number;
  pages: number;
  orgs: Map<string, OrgName>;
  query?: string;
}

export function ServiceListPage(props: ServiceListProps) {
  const { view } = props;
  const title =
    props.page > 1 ? `${props.title}（${view.t('portal.pageN', { n: props.page })}）` : props.title;
  return (
    <ServicesFrame {...props} title={title} trail={[{ label: props.title }]}>
      <h1>{props.title}</h1>
      <ServiceSearch view={view} value={props.query} />
      <p>{view.t('services.list.total', { n: props.total })}</p>
      <ServiceTable view={view} services={props.services} orgs={props.orgs} caption={props.title} />
      <Pagination
        view={view}
        page={props.page}
        pages={props.pages}
        base={props.self.split('?')[0]!}
      />
    </ServicesFrame>
  );
}

export interface GuidePageProps extends Common {
  guide: ServiceGuide;
  org: OrgName | undefined;
  bundles: ServiceBundleRow[];
}

function GuideFacts({ view, guide, org }: Pick<GuidePageProps, 'view' | 'guide' | 'org'>) {
  const { t } = view;
  const rows: [string, string][] = [
    [t('services.guide.code'), guide.code],
    [t('services.guide.type'), guide.type],
    [t('services.guide.org'), org?.name ?? ''],
    [t('services.guide.depth'), ONLINE_DEPTH_NAMES[guide.onlineDepth]],
    [t('services.guide.statutory'), daysText(view, guide.statutoryDays)],
    [t('services.guide.promised'), daysText(view, guide.promisedDays)],
    [t('services.guide.fee'), guide.feeStandard],
    [t('services.guide.feeBasis'), guide.feeBasis],
    [t('services.guide.place'), guide.place],
    [t('services.guide.hours'), guide.hours],
    [t('services.guide.consult'), guide.consultPhone],
    [t('services.guide.complaint'), guide.complaintPhone],
  ];
  return (
    <table class="meta-table guide-facts">
      <tbody>
        {rows
          .filter(([, value]) => value)
          .map(([label, value]) => (
            <tr key={label}>
              <th scope="row">{label}</th>
              <td>{value}</td>
            </tr>
          ))}
      </tbody>
    </table>
  );
}

function Paragraphs({ text }: { text: string }) {
  return (
    <>
      {text
        .split(/\n+/)
        .filter((p) => p.trim())
        .map((p, i) => (
          <p key={i}>{p}</p>
        ))}
    </>
  );
}

function GuideTags({ view, guide }: { view: ViewContext; guide: ServiceGuide }) {
  const groups: [TagKind, string[]][] = [
    ['lifeEvent', guide.lifeEvents],
    ['stage', guide.enterpriseStages],
    ['audience', guide.audiences],
    ['theme', guide.themes],
  ];
  const links = groups.flatMap(([kind, slugs]) =>
    slugs.map((slug) => ({ href: facetHref(kind, slug), label: serviceTagName(kind, slug) })),
  );
  if (links.length === 0) return null;
  return (
    <section class="section" aria-labelledby="guide-tags">
      <h2 id="guide-tags">{view.t('services.guide.tags')}</h2>
      <ul class="tag-links">
        {links.map((l) => (
          <li key={l.href}>
            <a href={l.href}>{l.label}</a>
          </li>
        ))}
      </ul>
    </section>
  );
}

export function GuidePage(props: GuidePageProps) {
  const { view, guide, org, base } = props;
  const { t } = view;
  const self = guideHref(guide.code);
  const data = {
    '@context': 'https://schema.org',
    '@type': 'GovernmentService',
    name: guide.name,
    identifier: guide.code,
    description: guide.summary,
    url: `${base}${self}`,
    ...(org ? { provider: { '@type': 'GovernmentOrganization', name: org.name } } : {}),
  };
  return (
    <ServicesFrame
      {...props}
      title={guide.name}
      self={self}
      trail={[{ label: guide.name }]}
      head={
        <>
          {guide.summary && <meta name="description" content={guide.summary} />}
          <JsonLd data={data} />
        </>
      }
    >
      <article class="service-guide">
        <h1>{guide.name}</h1>
        {guide.summary && <p class="lead">{guide.summary}</p>}
        {guide.onlineDepth !== 'info' && (
          <p class="apply-online">
            <a class="button button-primary" href={`${self}/apply`}>
              {t('services.guide.apply')}
            </a>
            <span>{t('services.guide.applyHint')}</span>
          </p>
        )}
        <GuideFacts view={view} guide={guide} org={org} />
        <section class="section" aria-labelledby="guide-basis">
          <h2 id="guide-basis">{t('services.guide.basis')}</h2>
          <Paragraphs text={guide.legalBasis} />
        </section>
        <section class="section" aria-labelledby="guide-conditions">
          <h2 id="guide-conditions">{t('services.guide.conditions')}</h2>
          <Paragraphs text={guide.conditions} />
        </section>
        <section class="section" aria-labelledby="guide-materials">
          <h2 id="guide-materials">{t('services.guide.materials')}</h2>
          <MaterialsChecklist
            view={view}
            materials={guide.materials}
            idPrefix="m"
            legend={t('services.guide.materials')}
          />
        </section>
        <section class="section" aria-labelledby="guide-process">
          <h2 id="guide-process">{t('services.guide.process')}</h2>
          <ol class="process-steps">
            {guide.processSteps.map((s) => (
              <li key={s.name}>
                <strong>{s.name}</strong>
                {s.description && <span>：{s.description}</span>}
              </li>
            ))}
          </ol>
        </section>
        {guide.faq.length > 0 && (
          <section class="section" aria-labelledby="guide-faq">
            <h2 id="guide-faq">{t('services.guide.faq')}</h2>
            <dl class="faq">
              {guide.faq.map((f) => (
                <div key={f.question}>
                  <dt>{f.question}</dt>
                  <dd>{f.answer}</dd>
                </div>
              ))}
            </dl>
          </section>
        )}
        {props.bundles.length > 0 && (
          <section class="section" aria-labelledby="guide-bundles">
            <h2 id="guide-bundles">{t('services.bundles')}</h2>
            <p>{t('services.guide.inBundles')}</p>
            <ul>
              {props.bundles.map((b) => (
                <li key={b.code}>
                  <a href={`${SERVICES_ROOT}bundles/${encodeURIComponent(b.code)}`}>{b.name}</a>
                </li>
              ))}
            </ul>
          </section>
        )}
        <GuideTags view={view} guide={guide} />
        <p class="print-hint">{t('services.guide.print')}</p>
        <p class="updated">{t('services.guide.updated', { date: localDate(guide.updatedAt) })}</p>
      </article>
    </ServicesFrame>
  );
}

export interface BundlePageProps extends Common {
  view: ViewContext;
  data: BundleView;
  orgs: Map<string, OrgName>;
}

export function BundlePage(props: BundlePageProps) {
  const { view, data } = props;
  const { t } = view;
  const self = `${SERVICES_ROOT}bundles/${encodeURIComponent(data.bundle.code)}`;
  return (
    <ServicesFrame
      {...props}
      title={data.bundle.name}
      self={self}
      trail={[{ label: data.bundle.name }]}
    >
      <article class="service-guide">
        <h1>{data.bundle.name}</h1>
        <p class="lead">{data.bundle.summary}</p>
        <p>{t('services.bundle.lead')}</p>
        <section class="section" aria-labelledby="bundle-services">
          <h2 id="bundle-services">{t('services.bundle.services')}</h2>
          <ServiceTable
            view={view}
            services={data.services}
            orgs={props.orgs}
            caption={t('services.bundle.services')}
          />
        </section>
        <section class="section" aria-labelledby="bundle-materials">
          <h2 id="bundle-materials">{t('services.bundle.materials')}</h2>
          <p>{t('services.bundle.materialsHelp')}</p>
          <MaterialsChecklist
            view={view}
            materials={data.materials}
            idPrefix="bm"
            legend={t('services.bundle.materials')}
          />
        </section>
        <p class="print-hint">{t('services.guide.print')}</p>
      </article>
    </ServicesFrame>
  );
}
