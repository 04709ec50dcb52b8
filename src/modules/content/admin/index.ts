// The content back office: my work and the review queue, the editor,
// revisions, preview, review actions, attachments, sites and channels, and the
// sensitive-term dictionary. Registered in its own plugin so that its pages are
// never cached and multipart parsing exists only here.
import multipart from '@fastify/multipart';
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../../platform/module.ts';
import { addAdminSection } from '../../identity/admin/layout.tsx';
import { channelRoutes } from './channel-routes.ts';
import { editorRoutes } from './editor-routes.ts';
import { itemRoutes } from './item-routes.ts';
import { listRoutes } from './list-routes.ts';
import { MULTIPART_LIMITS } from './multipart.ts';
import { previewRoutes } from './preview-routes.ts';
import { revisionRoutes } from './revision-routes.ts';
import { siteRoutes } from './site-routes.ts';
import { termRoutes } from './term-routes.ts';
import { uploadRoutes } from './upload-routes.ts';

export async function registerContentAdmin(app: FastifyInstance, ctx: AppContext): Promise<void> {
  addAdminSection({
    href: '/admin/content',
    label: 'content.nav.work',
    hint: 'content.hint.work',
    need: 'content.edit',
    anyScope: true,
  });
  addAdminSection({
    href: '/admin/content/review',
    label: 'content.nav.review',
    hint: 'content.hint.review',
    need: 'content.review',
    anyScope: true,
  });
  addAdminSection({
    href: '/admin/channels',
    label: 'content.channels.title',
    hint: 'content.hint.channels',
    need: 'channel.manage',
    anyScope: true,
  });
  addAdminSection({
    href: '/admin/sites',
    label: 'content.sites.title',
    hint: 'content.hint.sites',
    need: 'site.manage',
  });
  await app.register(async (admin) => {
    admin.addHook('onSend', async (_request, reply) => {
      reply.header('cache-control', 'no-store');
    });
    // Files are streamed to disk by the routes (never buffered); these limits bound every part.
    await admin.register(multipart, { limits: MULTIPART_LIMITS, throwFileSizeLimit: true });
    for (const routes of [
      listRoutes,
      termRoutes,
      editorRoutes,
      itemRoutes,
      revisionRoutes,
      previewRoutes,
      uploadRoutes,
      siteRoutes,
      channelRoutes,
    ]) {
      routes(admin, ctx);
    }
  });
}
