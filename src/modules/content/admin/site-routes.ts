// Sites (channels are in channel-routes.ts):
//   GET  /admin/channels         channel.manage somewhere: the sites whose channels I manage
//   GET  /admin/sites            site.manage
//   GET/POST /admin/sites/:code  site.manage (names, colour, review levels)
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { h } from 'preact';
import { DomainError } from '../../../platform/errors.ts';
import type { AppContext } from '../../../platform/module.ts';
import { sendPage } from '../../../web/view.ts';
import { authOf, formErrors, meOf } from '../../identity/admin/http.ts';
import { can } from '../../identity/permissions.ts';
import { getSite, listSites, updateSite } from '../../sites/sites.ts';
import type { SiteRow } from '../../sites/tables.ts';
import { auditChange, contentFlash, sitesWith } from './common.ts';
import { FlashQuery, SiteBody, SiteParams } from './schemas.ts';
import { MyChannelsPage, SiteFormPage, SiteListPage } from './site-pages.tsx';
import { TERMS_SCOPE } from './term-routes.ts';

const siteManage = { access: { permission: 'site.manage' as const } };
export function submitted(body: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries((body as Record<string, unknown>) ?? {}))
    if (typeof v === 'string') out[k] = v.slice(0, 500);
  return out;
}

const siteValues = (s: SiteRow) => ({
  name: s.name,
  shortName: s.short_name,
  colour: s.colour,
  reviewLevels: String(s.review_levels),
});

export function siteRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const changed = (code: string) => ctx.cache.invalidateTag(`site:${code}`);

  r.get(
    '/admin/channels',
    { config: { access: { permission: 'channel.manage', anyScope: true } } },
    async (request, reply) => {
      const { grants } = authOf(request);
      const mine = sitesWith(grants, 'channel.manage');
      const sites = (await listSites(ctx)).filter((s) => mine === 'all' || mine.includes(s.code));
      const terms = can(grants, 'channel.manage', TERMS_SCOPE);
      return sendPage(request, reply, (view) =>
        h(MyChannelsPage, { view, me: meOf(request), sites, terms }),
      );
    },
  );

  r.get(
    '/admin/sites',
    { config: siteManage, schema: { querystring: FlashQuery }, attachValidation: true },
    async (request, reply) => {
      const sites = await listSites(ctx);
      return sendPage(request, reply, (view) =>
        h(SiteListPage, { view, me: meOf(request), sites, flash: contentFlash(request) }),
      );
    },
  );

  r.get(
    '/admin/sites/:code',
    { config: siteManage, schema: { params: SiteParams }, attachValidation: true },
    async (request, reply) => {
      formErrors(request);
      const site = await getSite(ctx, request.params.code);
      return sendPage(request, reply, (view) =>
        h(SiteFormPage, { view, me: meOf(request), site, values: siteValues(site) }),
      );
    },
  );

  r.post(
    '/admin/sites/:code',
    { config: siteManage, schema: { params: SiteParams, body: SiteBody }, attachValidation: true },
    async (request, reply) => {
      const errors = formErrors(request);
      const site = await getSite(ctx, request.params.code);
      const page = (
        status: number,
        problems: { errors?: Record<string, string>; message?: string },
      ) =>
        sendPage(
          request,
          reply,
          (view) =>
            h(SiteFormPage, {
              view,
              me: meOf(request),
              site,
              values: submitted(request.body),
              ...problems,
            }),
          status,
        );
      if (errors) return page(400, { errors });
      const body = request.body;
      try {
        await updateSite(ctx, site.code, {
          name: body.name,
          shortName: body.shortName,
          colour: body.colour,
          reviewLevels: Number(body.reviewLevels),
        });
      } catch (err) {
        if (!(err instanceof DomainError) || err.status >= 500) throw err;
        return page(err.status, { message: err.message, errors: err.fields });
      }
      await auditChange(ctx, request, 'site', 'site.update', site.code, {
        name: body.name,
        colour: body.colour,
        reviewLevels: Number(body.reviewLevels),
      });
      changed(site.code);
      return reply.redirect('/admin/sites?ok=site', 303);
    },
  );
}
