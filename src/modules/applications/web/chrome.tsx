// The public frame of the application pages: the portal's chrome (its name,
// navigation and footer) around the page, plus this module's stylesheet.
import type { ComponentChildren } from 'preact';
import type { AppContext } from '../../../platform/module.ts';
import { assetUrl } from '../../../web/assets.ts';
import { Layout } from '../../../web/layout.tsx';
import type { ViewContext } from '../../../web/view.ts';
import { SitePage } from '../../portal/chrome.tsx';
import { loadStructure, portalSite, type Structure } from '../../portal/structure.ts';
import type { SiteRow } from '../../sites/tables.ts';

export interface Frame {
  structure: Structure;
  site: SiteRow | undefined;
}

export async function portalFrame(ctx: AppContext): Promise<Frame> {
  const structure = await loadStructure(ctx);
  return { structure, site: portalSite(structure) };
}

export function ServicePage(props: {
  view: ViewContext;
  frame: Frame;
  title: string;
  children: ComponentChildren;
}) {
  const { view, frame, title, children } = props;
  const head = <link rel="stylesheet" href={assetUrl('applications.css')} />;
  if (!frame.site)
    return (
      <Layout view={view} title={title} head={head}>
        {children}
      </Layout>
    );
  return (
    <SitePage
      view={view}
      structure={frame.structure}
      site={frame.site}
      title={title}
      self={view.path}
      head={head}
    >
      {children}
    </SitePage>
  );
}
