// GET /admin/content (content.edit somewhere): my work; GET
// /admin/content/review (content.review somewhere): my review queue.
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { h } from 'preact';
import type { AppContext } from '../../../platform/module.ts';
import { sendPage } from '../../../web/view.ts';
import { authOf, formErrors, meOf } from '../../identity/admin/http.ts';
import { canSomewhere } from '../../identity/permissions.ts';
import { listChannels, listSites } from '../../sites/sites.ts';
import { listWork, PAGE_SIZE, reviewQueue } from '../worklist.ts';
import { contentFlash, reviewReach, sitesWith } from './common.ts';
import { type Names, QueuePage, WorkPage } from './list-pages.tsx';
import { FlashQuery, WorkQuery } from './schemas.ts';

export function listRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();

  async function names(siteCodes: string[] | 'all'): Promise<Names & { codes: string[] }> {
    const sites = (await listSites(ctx)).filter(
      (s) => siteCodes === 'all' || siteCodes.includes(s.code),
    );
    const channels = (await Promise.all(sites.map((s) => listChannels(ctx, s.code)))).flat();
    return {
      codes: sites.map((s) => s.code),
      sites: new Map(sites.map((s) => [s.code, s.short_name])),
      channels: new Map(channels.map((c) => [c.id, c.name])),
    };
  }

  r.get(
    '/admin/content',
    {
      config: { access: { permission: 'content.edit', anyScope: true } },
      schema: { querystring: WorkQuery },
      attachValidation: true,
    },
    async (request, reply) => {
      const { grants } = authOf(request);
      const query = formErrors(request) ? {} : request.query;
      const allowed = sitesWith(grants, 'content.edit');
      const n = await names(allowed);
      const site = query.site && n.sites.has(query.site) ? query.site : '';
      const channel = query.channel && n.channels.has(query.channel) ? query.channel : '';
      const page = query.page ?? 1;
      const { rows, total } = await listWork(ctx, {
        sites: allowed,
        site: site || undefined,
        channel: channel || undefined,
        workflow: query.workflow || undefined,
        publication: query.publication || undefined,
        q: query.q?.trim() || undefined,
        page,
      });
      const channelSites = site ? [site] : n.codes;
      const channelOptions = (await Promise.all(channelSites.map((c) => listChannels(ctx, c))))
        .flat()
        .map((c) => ({ value: c.id, label: `${n.sites.get(c.site_code)} / ${c.name}` }));
      return sendPage(request, reply, (view) =>
        h(WorkPage, {
          view,
          me: meOf(request),
          rows,
          total,
          page,
          pages: Math.max(1, Math.ceil(total / PAGE_SIZE)),
          filter: {
            site,
            channel,
            workflow: query.workflow ?? '',
            publication: query.publication ?? '',
            q: query.q ?? '',
          },
          siteOptions: [...n.sites].map(([value, label]) => ({ value, label })),
          channelOptions,
          names: n,
          reviewer: canSomewhere(grants, 'content.review'),
          flash: contentFlash(request),
        }),
      );
    },
  );

  r.get(
    '/admin/content/review',
    {
      config: { access: { permission: 'content.review', anyScope: true } },
      schema: { querystring: FlashQuery },
      attachValidation: true,
    },
    async (request, reply) => {
      const { account, grants } = authOf(request);
      const rows = await reviewQueue(ctx, reviewReach(grants), account.id);
      const n = await names('all');
      return sendPage(request, reply, (view) =>
        h(QueuePage, {
          view,
          me: meOf(request),
          rows,
          names: n,
          editor: canSomewhere(grants, 'content.edit'),
          flash: contentFlash(request),
        }),
      );
    },
  );
}
