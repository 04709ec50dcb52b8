// The review page and its actions, each a POST with CSRF:
//   GET  /admin/content/:id            staff; handler: edit, review or publish on the item's site
//   POST /admin/content/:id/approve    content.review (the service checks the level)
//   POST /admin/content/:id/return     content.review (comment required)
//   POST /admin/content/:id/unpublish  content.publish (reason required)
//   POST /admin/content/:id/push       content.publish (to the portal or an audience portal)
//   POST /admin/content/:id/schedule   content.edit; content.publish once approved
//   POST /admin/content/:id/slug       content.edit; content.publish while live
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { h } from 'preact';
import { DomainError } from '../../../platform/errors.ts';
import type { AppContext } from '../../../platform/module.ts';
import { sendPage } from '../../../web/view.ts';
import { formErrors, meOf } from '../../identity/admin/http.ts';
import { audit } from '../../identity/audit-events.ts';
import { can } from '../../identity/permissions.ts';
import { itemChanged } from '../changes.ts';
import { changeSlug, getItem } from '../items.ts';
import { pushItem, unpushItem } from '../push.ts';
import { approve, type Reviewer, returnItem, schedule, unpublish } from '../review.ts';
import type { ContentItemRow } from '../tables.ts';
import {
  canOn,
  contentFlash,
  fromLocalInput,
  requireOn,
  requireRead,
  reviewerOf,
  whoOf,
} from './common.ts';
import { loadItemView } from './item-data.ts';
import { ItemPage } from './item-page.tsx';
import {
  CommentBody,
  FlashQuery,
  ItemParams,
  PushBody,
  ReasonBody,
  ScheduleBody,
  SlugBody,
} from './schemas.ts';

const needs = {
  review: { access: { permission: 'content.review' as const, anyScope: true } },
  publish: { access: { permission: 'content.publish' as const, anyScope: true } },
  edit: { access: { permission: 'content.edit' as const, anyScope: true } },
};

export function itemRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();

  async function render(
    request: FastifyRequest,
    reply: FastifyReply,
    status: number,
    item: ContentItemRow,
    problems: { message?: string; errors?: Record<string, string> } = {},
  ) {
    const data = await loadItemView(ctx, item);
    const grants = request.auth?.grants ?? [];
    const abilities = {
      edit: canOn(request, 'content.edit', item.site_code),
      submit: canOn(request, 'content.submit', item.site_code),
      review:
        item.workflow === 'in_review' &&
        can(grants, 'content.review', `site:${item.site_code}`, item.review_level),
      publish: canOn(request, 'content.publish', item.site_code),
    };
    return sendPage(
      request,
      reply,
      (view) =>
        h(ItemPage, {
          view,
          me: meOf(request),
          item,
          data,
          can: abilities,
          flash: contentFlash(request),
          ...problems,
        }),
      status,
    );
  }

  /** Run an action; a domain refusal re-renders the page with its message and status. */
  async function act(
    request: FastifyRequest,
    reply: FastifyReply,
    item: ContentItemRow,
    flash: string,
    action: () => Promise<unknown>,
  ) {
    const errors = formErrors(request);
    if (errors) return render(request, reply, 400, item, { errors });
    try {
      await action();
    } catch (err) {
      if (!(err instanceof DomainError) || err.status >= 500) throw err;
      return render(request, reply, err.status, await getItem(ctx, item.id), {
        message: err.message,
        errors: err.fields,
      });
    }
    return reply.redirect(`/admin/content/${item.id}?ok=${flash}`, 303);
  }

  r.get(
    '/admin/content/:id',
    {
      config: { access: 'staff' },
      schema: { params: ItemParams, querystring: FlashQuery },
      attachValidation: true,
    },
    async (request, reply) => {
      formErrors(request);
      const item = await getItem(ctx, request.params.id);
      await requireRead(ctx, request, item.site_code);
      return render(request, reply, 200, item);
    },
  );

  // Approve and return differ only in the decision; the level is the service's check.
  const decisions = [
    [
      'approve',
      'approved',
      (id: string, who: Reviewer, comment?: string) =>
        approve(ctx, id, who, comment?.trim() || undefined),
    ],
    [
      'return',
      'returned',
      (id: string, who: Reviewer, comment?: string) => returnItem(ctx, id, who, comment ?? ''),
    ],
  ] as const;
  for (const [path, done, decide] of decisions) {
    r.post(
      `/admin/content/:id/${path}`,
      {
        config: needs.review,
        schema: { params: ItemParams, body: CommentBody },
        attachValidation: true,
      },
      async (request, reply) => {
        formErrors(request);
        const item = await getItem(ctx, request.params.id);
        // A reviewer of another site learns nothing about the item.
        await requireOn(ctx, request, 'content.review', item.site_code);
        return act(request, reply, item, done, () =>
          decide(item.id, reviewerOf(request), request.body?.comment),
        );
      },
    );
  }

  r.post(
    '/admin/content/:id/unpublish',
    {
      config: needs.publish,
      schema: { params: ItemParams, body: ReasonBody },
      attachValidation: true,
    },
    async (request, reply) => {
      formErrors(request);
      const item = await getItem(ctx, request.params.id);
      await requireOn(ctx, request, 'content.publish', item.site_code);
      return act(request, reply, item, 'unpublished', () =>
        unpublish(ctx, item.id, reviewerOf(request), request.body.reason.trim()),
      );
    },
  );

  r.post(
    '/admin/content/:id/push',
    {
      config: needs.publish,
      schema: { params: ItemParams, body: PushBody },
      attachValidation: true,
    },
    async (request, reply) => {
      formErrors(request);
      const item = await getItem(ctx, request.params.id);
      await requireOn(ctx, request, 'content.publish', item.site_code);
      const push = request.body?.op === 'push';
      return act(request, reply, item, push ? 'pushed' : 'unpushed', async () => {
        if (item.live_revision === null)
          throw new DomainError('conflict', '稿件尚未发布，不能推送');
        await (push ? pushItem : unpushItem)(
          ctx,
          item.id,
          request.body.target,
          reviewerOf(request),
        );
      });
    },
  );

  r.post(
    '/admin/content/:id/schedule',
    {
      config: needs.edit,
      schema: { params: ItemParams, body: ScheduleBody },
      attachValidation: true,
    },
    async (request, reply) => {
      formErrors(request);
      const item = await getItem(ctx, request.params.id);
      await requireOn(ctx, request, 'content.edit', item.site_code);
      // Times on an approved item change what goes live without another review.
      if (item.workflow === 'approved' || item.publication !== 'unpublished')
        await requireOn(ctx, request, 'content.publish', item.site_code);
      return act(request, reply, item, 'scheduled', async () => {
        const publishAt = fromLocalInput(request.body.publishAt ?? '', 'publishAt');
        const unpublishAt = fromLocalInput(request.body.unpublishAt ?? '', 'unpublishAt');
        await schedule(ctx, item.id, { publishAt, unpublishAt });
        await audit(ctx, ctx.db.kysely, {
          actor: whoOf(request),
          action: 'content.schedule',
          targetType: 'content_item',
          targetId: item.id,
          outcome: 'success',
          detail: {
            publishAt: publishAt?.toISOString() ?? null,
            unpublishAt: unpublishAt?.toISOString() ?? null,
          },
        });
      });
    },
  );

  r.post(
    '/admin/content/:id/slug',
    { config: needs.edit, schema: { params: ItemParams, body: SlugBody }, attachValidation: true },
    async (request, reply) => {
      formErrors(request);
      const item = await getItem(ctx, request.params.id);
      await requireOn(ctx, request, 'content.edit', item.site_code);
      // A live address is public: moving it is a publishing decision.
      if (item.publication === 'published')
        await requireOn(ctx, request, 'content.publish', item.site_code);
      return act(request, reply, item, 'slug', async () => {
        await changeSlug(ctx, item.id, request.body.slug);
        // Cached pages of a live item link to (or are) its old address.
        if (item.live_revision !== null) await itemChanged(ctx, item);
        await audit(ctx, ctx.db.kysely, {
          actor: whoOf(request),
          action: 'content.slug',
          targetType: 'content_item',
          targetId: item.id,
          outcome: 'success',
          detail: { from: item.slug, to: request.body.slug },
        });
      });
    },
  );
}
