// Public participation pages wear the portal's chrome (header, navigation,
// footer particulars) with breadcrumbs from the portal home.
import type { ComponentChildren } from 'preact';
import { Breadcrumbs, type Crumb } from '../../../web/components/navigation.tsx';
import type { ViewContext } from '../../../web/view.ts';
import { SitePage } from '../../portal/chrome.tsx';
import { portalSite, type Structure } from '../../portal/structure.ts';

export interface FrameProps {
  view: ViewContext;
  structure: Structure;
  title: string;
  /** Crumbs between the home page and this page. */
  trail?: Crumb[];
  self?: string;
  children: ComponentChildren;
}

export function PortalFrame({ view, structure, title, trail = [], self, children }: FrameProps) {
  const site = portalSite(structure) ?? structure.sites[0]!;
  return (
    <SitePage view={view} structure={structure} site={site} title={title} self={self ?? view.path}>
      <Breadcrumbs
        view={view}
        trail={[{ label: view.t('portal.home'), href: site.path }, ...trail, { label: title }]}
      />
      <h1>{title}</h1>
      {children}
    </SitePage>
  );
}

/** A Beijing date 'YYYY-MM-DD' of an ISO instant. */
export function dateOf(iso: string | null | undefined): string {
  if (!iso) return '—';
  return new Date(Date.parse(iso) + 8 * 3_600_000).toISOString().slice(0, 10);
}

/** Plain text as paragraphs (never HTML: Preact escapes every string). */
export function Paragraphs({ text }: { text: string }) {
  return (
    <>
      {text
        .split(/\n\s*\n/)
        .map((p) => p.trim())
        .filter(Boolean)
        .map((p, i) => (
          <p key={i}>{p}</p>
        ))}
    </>
  );
}
