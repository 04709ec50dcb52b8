// GET /admin/content/:id/preview (anyone who may read the item): the working
// revision rendered by the public item page component itself (portal's
// ItemPage), so it looks exactly as it will when published — marked with a
// 预览 banner, never indexed and never cached.
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { h } from 'preact';
import type { AppContext } from '../../../platform/module.ts';
import { assetUrl } from '../../../web/assets.ts';
import { renderDocument, viewContext } from '../../../web/view.ts';
import { formErrors } from '../../identity/admin/http.ts';
import { ItemPage } from '../../portal/item-page.tsx';
import { attachmentsOf, linkedItems, relatedItems } from '../../portal/queries.ts';
import { publicBase } from '../../portal/routes.ts';
import { loadStructure } from '../../portal/structure.ts';
import { getChannel, getSite } from '../../sites/sites.ts';
import { getItem, getRevision } from '../items.ts';
import type { ContentItemRow } from '../tables.ts';
import { requireRead } from './common.ts';
import { ItemParams } from './schemas.ts';

/** Put the preview marks into a rendered public page: noindex, the banner, its style. */
export function markPreview(html: string, banner: string): string {
  const head = `<meta name="robots" content="noindex, nofollow"/><link rel="stylesheet" href="${assetUrl('content-admin.css')}"/>`;
  return html
    .replace(/<head>/, `<head>${head}`)
    .replace(
      /<main\b[^>]*>/,
      (main) => `${main}<p class="preview-banner" role="note">${banner}</p>`,
    );
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

export function previewRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  r.get(
    '/admin/content/:id/preview',
    { config: { access: 'staff' }, schema: { params: ItemParams }, attachValidation: true },
    async (request, reply) => {
      formErrors(request);
      const stored = await getItem(ctx, request.params.id);
      await requireRead(ctx, request, stored.site_code);
      const rev = await getRevision(ctx, stored.id, stored.working_revision);
      const [site, channel, structure] = await Promise.all([
        getSite(ctx, stored.site_code),
        getChannel(ctx, stored.channel_id),
        loadStructure(ctx),
      ]);
      // The working revision in the live columns, as approval would put it there.
      const item: ContentItemRow = {
        ...stored,
        title: rev.title,
        summary: rev.summary,
        body_html: rev.body_html,
        fields: rev.fields,
        audiences: rev.audiences,
        topics: rev.topics,
        published_at: stored.published_at ?? ctx.now().toISOString(),
      };
      const [attachments, linked, related] = await Promise.all([
        attachmentsOf(ctx, item.id),
        item.type === 'policy' || item.type === 'interpretation'
          ? linkedItems(ctx, item)
          : Promise.resolve({ ids: [], live: [] }),
        relatedItems(ctx, item, 5),
      ]);
      const view = viewContext(request, reply);
      const html = renderDocument(
        h(ItemPage, {
          view,
          structure,
          site,
          channel,
          item,
          attachments,
          linked: linked.live,
          related,
          base: publicBase(ctx, request),
        }),
      );
      const banner = `${escapeHtml(view.t('content.preview.banner', { n: stored.working_revision }))} <a href="/admin/content/${encodeURIComponent(stored.id)}">${escapeHtml(view.t('content.preview.back'))}</a>`;
      return reply
        .header('x-robots-tag', 'noindex, nofollow')
        .type('text/html; charset=utf-8')
        .send(markPreview(html, banner));
    },
  );
}
