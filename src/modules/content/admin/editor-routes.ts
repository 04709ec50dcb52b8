// The editor: GET/POST /admin/content/new (choose a channel, then write),
// GET/POST /admin/content/:id/edit (save a new working revision) and
// POST /admin/content/:id/submit. The routes declare content.edit (or
// content.submit) somewhere; each handler narrows to the item's site.
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { h } from 'preact';
import { badRequest, DomainError } from '../../../platform/errors.ts';
import type { AppContext } from '../../../platform/module.ts';
import { sendPage } from '../../../web/view.ts';
import { formErrors, meOf, requireValid } from '../../identity/admin/http.ts';
import { audit } from '../../identity/audit-events.ts';
import { getChannel, getSite, listChannels, listSites } from '../../sites/sites.ts';
import type { ChannelRow } from '../../sites/tables.ts';
import { listAttachments } from '../attachments.ts';
import { createItem, getItem, getRevision, saveDraft } from '../items.ts';
import { linkInterpretation, policyChoices, policyOf } from '../links.ts';
import { submitForReview } from '../review.ts';
import { findTerms, loadTerms } from '../sensitive.ts';
import { CONTENT_TYPES, type ContentFields, type ContentItemRow } from '../tables.ts';
import { ChannelChooser } from './channel-chooser.tsx';
import {
  canOn,
  contentFlash,
  editorOf,
  requireOn,
  reviewerOf,
  sitesWith,
  whoOf,
} from './common.ts';
import { EditorPage } from './editor-page.tsx';
import {
  blankValues,
  draftOf,
  type EditorValues,
  valuesOfRevision,
  valuesOfSubmission,
} from './editor-values.ts';
import { EmptyBody, ItemBody, ItemParams, NewItemBody, NewQuery } from './schemas.ts';

const edit = { access: { permission: 'content.edit' as const, anyScope: true } };
const submit = { access: { permission: 'content.submit' as const, anyScope: true } };

export interface Problems {
  message?: string;
  errors?: Record<string, string>;
}

/** Render the editor for a channel (new item) or an item, with any problems to show. */
export function editorRenderer(ctx: AppContext) {
  return async function render(
    request: FastifyRequest,
    reply: FastifyReply,
    status: number,
    channel: ChannelRow,
    item: ContentItemRow | undefined,
    values: EditorValues,
    problems: Problems = {},
  ) {
    const [site, policies, sites] = await Promise.all([
      getSite(ctx, channel.site_code),
      policyChoices(ctx),
      listSites(ctx),
    ]);
    let hits: ReturnType<typeof findTerms> = [];
    let attachments: Awaited<ReturnType<typeof listAttachments>> = [];
    if (item) {
      const rev = await getRevision(ctx, item.id, item.working_revision);
      hits = findTerms(await loadTerms(ctx), {
        title: rev.title,
        summary: rev.summary ?? '',
        body: rev.body_html,
      });
      attachments = await listAttachments(ctx, item.id);
    }
    return sendPage(
      request,
      reply,
      (view) =>
        h(EditorPage, {
          view,
          me: meOf(request),
          site,
          channel,
          item,
          values,
          policies: policies.filter((p) => p.id !== item?.id),
          siteNames: new Map(sites.map((s) => [s.code, s.short_name])),
          attachments,
          hits,
          flash: contentFlash(request),
          canSubmit: canOn(request, 'content.submit', channel.site_code),
          ...problems,
        }),
      status,
    );
  };
}

/** The editor's values as stored: the working revision and the policy link. */
export async function storedValues(ctx: AppContext, item: ContentItemRow): Promise<EditorValues> {
  const rev = await getRevision(ctx, item.id, item.working_revision);
  return valuesOfRevision(item.type, item.channel_id, item.slug, rev, await policyOf(ctx, item.id));
}

export function editorRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const render = editorRenderer(ctx);

  /** Problems a valid schema cannot express: a link needs its address. */
  function extraChecks(
    type: string,
    body: { linkUrl?: string },
  ): Record<string, string> | undefined {
    if (type === 'link' && !body.linkUrl?.trim())
      return { linkUrl: '外部链接稿件必须填写链接地址' };
    return undefined;
  }

  r.get(
    '/admin/content/new',
    { config: edit, schema: { querystring: NewQuery }, attachValidation: true },
    async (request, reply) => {
      const channelId = formErrors(request) ? undefined : request.query.channel;
      if (!channelId) {
        const allowed = sitesWith(request.auth?.grants ?? [], 'content.edit');
        const sites = (await listSites(ctx)).filter(
          (s) => allowed === 'all' || allowed.includes(s.code),
        );
        const channels = await Promise.all(sites.map((s) => listChannels(ctx, s.code)));
        return sendPage(request, reply, (view) =>
          h(ChannelChooser, {
            view,
            me: meOf(request),
            sites: sites.map((site, i) => ({ site, channels: channels[i] ?? [] })),
          }),
        );
      }
      const channel = await getChannel(ctx, channelId);
      await requireOn(ctx, request, 'content.edit', channel.site_code);
      return render(request, reply, 200, channel, undefined, blankValues('article', channel.id));
    },
  );

  r.post(
    '/admin/content/new',
    { config: edit, schema: { body: NewItemBody }, attachValidation: true },
    async (request, reply) => {
      const raw = (request.body ?? {}) as Record<string, unknown>;
      const channelId = typeof raw.channel === 'string' ? raw.channel.slice(0, 64) : '';
      if (!channelId) throw badRequest('请先选择栏目', { channel: '请先选择栏目' });
      const channel = await getChannel(ctx, channelId);
      await requireOn(ctx, request, 'content.edit', channel.site_code);
      const type = CONTENT_TYPES.find((c) => c === raw.type) ?? 'article';
      const values = valuesOfSubmission(blankValues(type, channel.id), raw);
      const errors = formErrors(request) ?? extraChecks(type, raw as { linkUrl?: string });
      if (errors) return render(request, reply, 400, channel, undefined, values, { errors });
      const body = request.body;
      try {
        const item = await createItem(
          ctx,
          {
            channelId: channel.id,
            type: body.type,
            slug: body.slug || undefined,
            ...draftOf(body.type, body, {}),
          },
          editorOf(request),
        );
        if (body.type === 'interpretation' && body.policy)
          await linkInterpretation(ctx, item.id, body.policy);
        await audit(ctx, ctx.db.kysely, {
          actor: whoOf(request),
          action: 'content.create',
          targetType: 'content_item',
          targetId: item.id,
          outcome: 'success',
          detail: { site: item.site_code, channel: item.channel_id, type: item.type },
        });
        return reply.redirect(`/admin/content/${item.id}/edit?ok=created`, 303);
      } catch (err) {
        if (!(err instanceof DomainError) || err.status >= 500) throw err;
        return render(request, reply, err.status, channel, undefined, values, {
          message: err.message,
          errors: err.fields,
        });
      }
    },
  );

  r.get(
    '/admin/content/:id/edit',
    { config: edit, schema: { params: ItemParams }, attachValidation: true },
    async (request, reply) => {
      formErrors(request);
      const item = await getItem(ctx, request.params.id);
      await requireOn(ctx, request, 'content.edit', item.site_code);
      const channel = await getChannel(ctx, item.channel_id);
      return render(request, reply, 200, channel, item, await storedValues(ctx, item));
    },
  );

  r.post(
    '/admin/content/:id/edit',
    { config: edit, schema: { params: ItemParams, body: ItemBody }, attachValidation: true },
    async (request, reply) => {
      const errors = formErrors(request);
      const item = await getItem(ctx, request.params.id);
      await requireOn(ctx, request, 'content.edit', item.site_code);
      const channel = await getChannel(ctx, item.channel_id);
      const current = await storedValues(ctx, item);
      const values = valuesOfSubmission(current, request.body);
      values.coverSha256 = current.coverSha256;
      const problems = errors ?? extraChecks(item.type, request.body ?? {});
      if (problems) return render(request, reply, 400, channel, item, values, { errors: problems });
      const body = request.body;
      try {
        const rev = await getRevision(ctx, item.id, item.working_revision);
        const fields: ContentFields = JSON.parse(rev.fields);
        const number = await saveDraft(
          ctx,
          item.id,
          draftOf(item.type, body, fields),
          editorOf(request),
        );
        if (item.type === 'interpretation')
          await linkInterpretation(ctx, item.id, body.policy || null);
        await audit(ctx, ctx.db.kysely, {
          actor: whoOf(request),
          action: 'content.save',
          targetType: 'content_item',
          targetId: item.id,
          outcome: 'success',
          detail: { revision: number, site: item.site_code },
        });
      } catch (err) {
        if (!(err instanceof DomainError) || err.status >= 500) throw err;
        return render(request, reply, err.status, channel, item, values, {
          message: err.message,
          errors: err.fields,
        });
      }
      return reply.redirect(`/admin/content/${item.id}/edit?ok=saved`, 303);
    },
  );

  r.post(
    '/admin/content/:id/submit',
    { config: submit, schema: { params: ItemParams, body: EmptyBody }, attachValidation: true },
    async (request, reply) => {
      requireValid(request);
      const item = await getItem(ctx, request.params.id);
      await requireOn(ctx, request, 'content.submit', item.site_code);
      try {
        await submitForReview(ctx, item.id, reviewerOf(request));
      } catch (err) {
        if (!(err instanceof DomainError) || err.status >= 500) throw err;
        const channel = await getChannel(ctx, item.channel_id);
        return render(request, reply, err.status, channel, item, await storedValues(ctx, item), {
          message: err.message,
        });
      }
      return reply.redirect(`/admin/content/${item.id}?ok=submitted`, 303);
    },
  );
}
