// Channels, managed by the site's administrators (channel.manage on site:<code>):
//   GET/POST /admin/sites/:code/channels           the tree, and a new channel
//   GET/POST /admin/sites/:code/channels/:channel  one channel
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { h } from 'preact';
import { DomainError, notFound } from '../../../platform/errors.ts';
import type { AppContext } from '../../../platform/module.ts';
import { sendPage } from '../../../web/view.ts';
import { authOf, formErrors, meOf } from '../../identity/admin/http.ts';
import { can } from '../../identity/permissions.ts';
import {
  createChannel,
  getChannel,
  getSite,
  listChannels,
  updateChannel,
} from '../../sites/sites.ts';
import type { ChannelRow, SiteRow } from '../../sites/tables.ts';
import { ChannelFormPage, ChannelListPage } from './channel-pages.tsx';
import { auditChange, contentFlash } from './common.ts';
import { ChannelBody, ChannelParams, FlashQuery, SiteParams } from './schemas.ts';
import { submitted } from './site-routes.ts';

const channelManage = {
  access: {
    permission: 'channel.manage' as const,
    scope: (request: FastifyRequest) => `site:${(request.params as { code?: string }).code ?? ''}`,
  },
};

const channelValues = (c: ChannelRow) => ({
  name: c.name,
  slug: c.slug,
  kind: c.kind,
  description: c.description ?? '',
  linkUrl: c.link_url ?? '',
  inNav: c.in_nav ? '1' : '',
  sortOrder: String(c.sort_order),
});

export function channelRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const changed = (code: string) => ctx.cache.invalidateTag(`site:${code}`);

  async function channelList(
    request: FastifyRequest,
    reply: FastifyReply,
    site: SiteRow,
    status: number,
    values: Record<string, string>,
    problems: { errors?: Record<string, string>; message?: string } = {},
  ) {
    const channels = await listChannels(ctx, site.code);
    const manageSites = can(authOf(request).grants, 'site.manage');
    return sendPage(
      request,
      reply,
      (view) =>
        h(ChannelListPage, {
          view,
          me: meOf(request),
          site,
          channels,
          values,
          manageSites,
          flash: contentFlash(request),
          ...problems,
        }),
      status,
    );
  }

  r.get(
    '/admin/sites/:code/channels',
    {
      config: channelManage,
      schema: { params: SiteParams, querystring: FlashQuery },
      attachValidation: true,
    },
    async (request, reply) => {
      formErrors(request);
      const site = await getSite(ctx, request.params.code);
      return channelList(request, reply, site, 200, { kind: 'list', inNav: '1', sortOrder: '0' });
    },
  );

  r.post(
    '/admin/sites/:code/channels',
    {
      config: channelManage,
      schema: { params: SiteParams, body: ChannelBody },
      attachValidation: true,
    },
    async (request, reply) => {
      const errors = formErrors(request);
      const site = await getSite(ctx, request.params.code);
      if (errors)
        return channelList(request, reply, site, 400, submitted(request.body), { errors });
      const b = request.body;
      try {
        const channel = await createChannel(ctx, site.code, {
          slug: b.slug,
          name: b.name.trim(),
          kind: b.kind,
          description: b.description?.trim() || undefined,
          parentSlug: b.parent || undefined,
          linkUrl: b.linkUrl?.trim() || undefined,
          inNav: b.inNav === '1',
          sortOrder: b.sortOrder,
        });
        await auditChange(ctx, request, 'channel', 'channel.create', channel.id, {
          site: site.code,
          slug: channel.slug,
        });
      } catch (err) {
        if (!(err instanceof DomainError) || err.status >= 500) throw err;
        return channelList(request, reply, site, err.status, submitted(b), {
          message: err.message,
          errors: err.fields,
        });
      }
      changed(site.code);
      return reply.redirect(`/admin/sites/${site.code}/channels?ok=channel`, 303);
    },
  );

  async function channelOf(code: string, id: string) {
    const site = await getSite(ctx, code);
    const channel = await getChannel(ctx, id);
    if (channel.site_code !== site.code) throw notFound('栏目不存在');
    return { site, channel };
  }

  r.get(
    '/admin/sites/:code/channels/:channel',
    { config: channelManage, schema: { params: ChannelParams }, attachValidation: true },
    async (request, reply) => {
      formErrors(request);
      const { site, channel } = await channelOf(request.params.code, request.params.channel);
      return sendPage(request, reply, (view) =>
        h(ChannelFormPage, {
          view,
          me: meOf(request),
          site,
          channel,
          values: channelValues(channel),
        }),
      );
    },
  );

  r.post(
    '/admin/sites/:code/channels/:channel',
    {
      config: channelManage,
      schema: { params: ChannelParams, body: ChannelBody },
      attachValidation: true,
    },
    async (request, reply) => {
      const errors = formErrors(request);
      const { site, channel } = await channelOf(request.params.code, request.params.channel);
      const page = (
        status: number,
        problems: { errors?: Record<string, string>; message?: string },
      ) =>
        sendPage(
          request,
          reply,
          (view) =>
            h(ChannelFormPage, {
              view,
              me: meOf(request),
              site,
              channel,
              values: submitted(request.body),
              ...problems,
            }),
          status,
        );
      if (errors) return page(400, { errors });
      const b = request.body;
      try {
        await updateChannel(ctx, channel.id, {
          slug: b.slug,
          name: b.name,
          kind: b.kind,
          description: b.description,
          linkUrl: b.linkUrl,
          inNav: b.inNav === '1',
          sortOrder: b.sortOrder,
        });
      } catch (err) {
        if (!(err instanceof DomainError) || err.status >= 500) throw err;
        return page(err.status, { message: err.message, errors: err.fields });
      }
      await auditChange(ctx, request, 'channel', 'channel.update', channel.id, {
        site: site.code,
        slug: b.slug,
        name: b.name,
      });
      changed(site.code);
      ctx.cache.invalidateTag(`channel:${channel.id}`);
      return reply.redirect(`/admin/sites/${site.code}/channels?ok=channel`, 303);
    },
  );
}
