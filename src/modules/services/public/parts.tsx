// Building blocks of the public service pages: the page frame under the
// portal chrome, the list of services, the tickable materials checklist.
import type { ComponentChildren } from 'preact';
import { assetUrl } from '../../../web/assets.ts';
import { Breadcrumbs, type Crumb } from '../../../web/components/navigation.tsx';
import type { ViewContext } from '../../../web/view.ts';
import { SitePage } from '../../portal/chrome.tsx';
import { portalSite, type Structure } from '../../portal/structure.ts';
import type { MergedMaterial } from '../bundles.ts';
import type { ServiceGuide } from '../catalog.ts';
import type { ServiceMaterial } from '../tables.ts';
import { ONLINE_DEPTH_NAMES } from '../taxonomy.ts';

export interface OrgName {
  id: string;
  code: string;
  name: string;
}

export interface FrameProps {
  view: ViewContext;
  structure: Structure;
  title: string;
  /** Crumbs after 首页 › 办事服务. */
  trail: Crumb[];
  self: string;
  base: string;
  head?: ComponentChildren;
  children: ComponentChildren;
}

export const SERVICES_ROOT = '/services/';

/** A services page on the portal: its chrome, breadcrumbs, canonical link, the services stylesheet. */
export function ServicesFrame(props: FrameProps) {
  const { view, structure } = props;
  const site = portalSite(structure) ?? structure.sites[0];
  if (!site) throw new Error('no site to show the service pages on');
  const home = { label: view.t('portal.home'), href: site.path };
  const root = { label: view.t('services.title'), href: SERVICES_ROOT };
  const trail =
    props.self === SERVICES_ROOT ? [home, { label: root.label }] : [home, root, ...props.trail];
  return (
    <SitePage
      view={view}
      structure={structure}
      site={site}
      title={props.title}
      self={props.self}
      head={
        <>
          <link rel="stylesheet" href={assetUrl('services.css')} />
          <link rel="canonical" href={`${props.base}${props.self}`} />
          <meta property="og:title" content={props.title} />
          <meta property="og:site_name" content={site.name} />
          {props.head}
        </>
      }
    >
      <Breadcrumbs view={view} trail={trail} />
      {props.children}
    </SitePage>
  );
}

export const guideHref = (code: string) => `${SERVICES_ROOT}${encodeURIComponent(code)}`;

export function daysText(view: ViewContext, days: number | null): string {
  return days === null || days === 0
    ? view.t('services.days.none')
    : view.t('services.days', { n: days });
}

/** A table of services: name (linked), department, type, promised days, how to apply. */
export function ServiceTable({
  view,
  services,
  orgs,
  caption,
}: {
  view: ViewContext;
  services: ServiceGuide[];
  orgs: Map<string, OrgName>;
  caption: string;
}) {
  const { t } = view;
  if (services.length === 0) return <p>{t('services.list.empty')}</p>;
  return (
    <div class="table-scroll">
      <table class="service-table">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t('services.col.name')}</th>
            <th scope="col">{t('services.col.org')}</th>
            <th scope="col">{t('services.col.type')}</th>
            <th scope="col">{t('services.col.days')}</th>
            <th scope="col">{t('services.col.depth')}</th>
          </tr>
        </thead>
        <tbody>
          {services.map((s) => (
            <tr key={s.code}>
              <th scope="row">
                <a href={guideHref(s.code)}>{s.name}</a>
              </th>
              <td>{orgs.get(s.orgId)?.name ?? ''}</td>
              <td>{s.type}</td>
              <td>{daysText(view, s.promisedDays)}</td>
              <td>
                <span class={`depth depth-${s.onlineDepth}`}>
                  {ONLINE_DEPTH_NAMES[s.onlineDepth]}
                </span>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** `/services/files/{sha256}/{name}`: sample and blank forms of published guides. */
export function materialFileHref(file: { sha256: string; name: string }): string {
  return `${SERVICES_ROOT}files/${file.sha256}/${encodeURIComponent(file.name)}`;
}

function materialLine(view: ViewContext, m: ServiceMaterial | MergedMaterial): string {
  const { t } = view;
  const form = t(`services.material.${m.form}`);
  const count = t('services.material.copies', { form, n: m.copies });
  const conditions = 'conditions' in m ? m.conditions.join('；') : (m.condition ?? '');
  const need =
    m.requirement === 'mandatory'
      ? t('services.material.mandatory')
      : t('services.material.conditional', { condition: conditions });
  return `${count}；${need}`;
}

/**
 * The materials as plain checkboxes: a person ticks what they have gathered
 * (no script, nothing sent anywhere); printed, it is a checklist on paper.
 */
export function MaterialsChecklist({
  view,
  materials,
  idPrefix,
  legend,
}: {
  view: ViewContext;
  materials: (ServiceMaterial | MergedMaterial)[];
  idPrefix: string;
  legend: string;
}) {
  const { t } = view;
  return (
    <fieldset class="checklist">
      <legend>{legend}</legend>
      <p class="hint">{t('services.guide.checklistHelp')}</p>
      <ol>
        {materials.map((m) => {
          const id = `${idPrefix}-${m.key}`;
          const notes = 'notes' in m ? m.notes : m.note ? [m.note] : [];
          return (
            <li key={m.key}>
              <input type="checkbox" id={id} name="have" value={m.key} />
              <label for={id}>
                <span class="material-name">{m.name}</span>
                <span class="material-detail">{materialLine(view, m)}</span>
              </label>
              {notes.length > 0 && <p class="material-note">{notes.join('；')}</p>}
              {'neededBy' in m && (
                <p class="material-note">
                  {t('services.material.neededBy', {
                    names: m.neededBy.map((b) => b.name).join('、'),
                  })}
                </p>
              )}
              {(m.sample || m.blank) && (
                <p class="material-files">
                  {m.sample && (
                    <a href={materialFileHref(m.sample)}>
                      {t('services.material.sample', { name: m.sample.name })}
                    </a>
                  )}
                  {m.blank && (
                    <a href={materialFileHref(m.blank)}>
                      {t('services.material.blank', { name: m.blank.name })}
                    </a>
                  )}
                </p>
              )}
            </li>
          );
        })}
      </ol>
    </fieldset>
  );
}

/** The catalog's own search: a GET form, so cached pages can carry it. */
export function ServiceSearch({ view, value }: { view: ViewContext; value?: string }) {
  const { t } = view;
  return (
    // biome-ignore lint/a11y/useSemanticElements: <search> is not yet in Preact's typings; role=search is its equivalent
    <form
      class="search-form service-search"
      action={`${SERVICES_ROOT}search`}
      method="get"
      role="search"
      aria-label={t('services.search.label')}
    >
      <label for="service-q">{t('services.search.field')}</label>
      <span class="search-row">
        <input id="service-q" name="q" type="search" maxLength={50} value={value ?? ''} />
        <button type="submit" class="button button-primary">
          {t('services.search.submit')}
        </button>
      </span>
    </form>
  );
}
