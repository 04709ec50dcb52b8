// Pieces the letters pages share: the portal chrome with the letters'
// breadcrumbs and sub-navigation, labels of types, statuses and timeline
// entries, and dates in Beijing time.
import type { ComponentChildren } from 'preact';
import { formatShanghai } from '../../../platform/clock.ts';
import { Breadcrumbs } from '../../../web/components/navigation.tsx';
import type { MessageKey } from '../../../web/i18n/index.ts';
import type { ViewContext } from '../../../web/view.ts';
import { SitePage } from '../../portal/chrome.tsx';
import { portalSite, type Structure } from '../../portal/structure.ts';
import type { LetterEventRow, LetterStatus, LetterType } from '../tables.ts';

export const typeLabel = (view: ViewContext, type: LetterType) =>
  view.t(`letters.type.${type}` as MessageKey);

export const statusLabel = (view: ViewContext, status: LetterStatus) =>
  view.t(`letters.status.${status}` as MessageKey);

export function eventLabel(view: ViewContext, action: string): string {
  const key = `letters.event.${action}`;
  return key in EVENT_KEYS ? view.t(key as MessageKey) : action;
}

const EVENT_KEYS: Record<string, true> = Object.fromEntries(
  [
    'submit',
    'assign',
    'reject',
    'merge',
    'merged_in',
    'draft_reply',
    'submit_reply',
    'approve_reply',
    'return_reply',
    'rate',
    'rehandle',
    'extension_requested',
    'extension_approved',
    'extension_refused',
    'supervise',
  ].map((a) => [`letters.event.${a}`, true]),
);

export const day = (iso: string | null | undefined) => formatShanghai(iso, 'date') || '—';
export const minute = (iso: string | null | undefined) => formatShanghai(iso, 'minute') || '—';

export interface LettersPageProps {
  view: ViewContext;
  structure: Structure;
  title: string;
  /** Breadcrumb trail after 首页 › 政民互动. */
  trail?: { label: string; href?: string }[];
  self: string;
  head?: ComponentChildren;
  children: ComponentChildren;
}

/** A public letters page in the portal's chrome. */
export function LettersPage(props: LettersPageProps) {
  const { view, structure, title } = props;
  const site = portalSite(structure) ?? structure.sites[0]!;
  const { t } = view;
  const trail = [
    { label: t('portal.home'), href: site.path },
    ...(props.trail
      ? [{ label: t('letters.list'), href: '/letters/' }, ...props.trail]
      : [{ label: t('letters.list') }]),
  ];
  return (
    <SitePage
      view={view}
      structure={structure}
      site={site}
      title={title}
      self={props.self}
      head={props.head}
    >
      <Breadcrumbs view={view} trail={trail} />
      <nav class="letters-nav" aria-label={t('letters.title')}>
        <ul class="quick-links">
          <li>
            <a href="/letters/" aria-current={props.self === '/letters/' ? 'page' : undefined}>
              {t('letters.list')}
            </a>
          </li>
          <li>
            <a href="/letters/write">{t('letters.write')}</a>
          </li>
          <li>
            <a
              href="/letters/stats"
              aria-current={props.self.startsWith('/letters/stats') ? 'page' : undefined}
            >
              {t('letters.stats')}
            </a>
          </li>
          <li>
            <a
              href="/letters/track"
              aria-current={props.self === '/letters/track' ? 'page' : undefined}
            >
              {t('letters.track')}
            </a>
          </li>
          <li>
            <a href="/account/letters">{t('letters.mine')}</a>
          </li>
        </ul>
      </nav>
      {props.children}
    </SitePage>
  );
}

/** The letter's progress, oldest first; `notes` adds each entry's note (staff see them all). */
export function Timeline({
  view,
  events,
  notes,
}: {
  view: ViewContext;
  events: LetterEventRow[];
  notes: (e: LetterEventRow) => boolean;
}) {
  return (
    <>
      <h2>{view.t('letters.mine.timeline')}</h2>
      <ol class="timeline">
        {events.map((e) => (
          <li key={e.id}>
            <time dateTime={e.created_at}>{minute(e.created_at)}</time> {eventLabel(view, e.action)}
            {notes(e) && e.note ? `：${e.note}` : ''}
          </li>
        ))}
      </ol>
    </>
  );
}
