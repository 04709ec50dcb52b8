// GET /admin/content/new without a channel: the channels of every site the
// editor may write for, each a link to the editor for that channel.
import type { ViewContext } from '../../../web/view.ts';
import { AdminLayout, type Me } from '../../identity/admin/layout.tsx';
import type { ChannelRow, SiteRow } from '../../sites/tables.ts';
import { ContentAssets } from './parts.tsx';

export function ChannelChooser(props: {
  view: ViewContext;
  me: Me;
  sites: readonly { site: SiteRow; channels: readonly ChannelRow[] }[];
}) {
  const { view, me, sites } = props;
  const { t } = view;
  return (
    <AdminLayout view={view} title={t('content.editor.newTitle')} me={me}>
      <ContentAssets />
      <p>
        <a href="/admin/content">{t('content.back')}</a>
      </p>
      <h1>{t('content.editor.newTitle')}</h1>
      <p>{t('content.editor.chooseChannel')}</p>
      {sites.length === 0 && <p>{t('content.editor.noChannels')}</p>}
      {sites.map(({ site, channels }) => (
        <section key={site.code} aria-labelledby={`site-${site.code}`}>
          <h2 id={`site-${site.code}`}>{site.name}</h2>
          {channels.length === 0 ? (
            <p>{t('content.editor.noChannels')}</p>
          ) : (
            <ul class="channel-choices">
              {channels
                .filter((c) => c.kind !== 'link')
                .map((c) => (
                  <li key={c.id}>
                    <a href={`/admin/content/new?channel=${encodeURIComponent(c.id)}`}>
                      {c.name}
                      <span class="visually-hidden">（{site.short_name}）</span>
                    </a>
                  </li>
                ))}
            </ul>
          )}
        </section>
      ))}
    </AdminLayout>
  );
}
