// Revisions: GET /admin/content/:id/revisions and …/revisions/:number (anyone
// who may read the item), POST …/revisions/:number/restore (content.edit on
// the item's site): the old revision becomes a new working revision, which
// goes through review again like any other change.
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { h } from 'preact';
import { newId } from '../../../platform/ids.ts';
import type { AppContext } from '../../../platform/module.ts';
import { sendPage } from '../../../web/view.ts';
import { getAccount } from '../../identity/accounts.ts';
import { formErrors, meOf, requireValid } from '../../identity/admin/http.ts';
import { audit } from '../../identity/audit-events.ts';
import { getItem, getRevision, listRevisions, restoreRevision } from '../items.ts';
import { diffRevisions } from '../revision-diff.ts';
import { canOn, contentFlash, editorOf, requireOn, requireRead, whoOf } from './common.ts';
import { RevisionDiffPage, RevisionListPage } from './revision-pages.tsx';
import { EmptyBody, FlashQuery, ItemParams, RevisionParams } from './schemas.ts';

export function revisionRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();

  async function authorNames(ids: Iterable<string>): Promise<Map<string, string>> {
    const names = new Map<string, string>();
    for (const id of new Set(ids)) {
      const account = await getAccount(ctx, id).catch(() => undefined);
      names.set(id, account?.display_name ?? '—');
    }
    return names;
  }

  r.get(
    '/admin/content/:id/revisions',
    {
      config: { access: 'staff' },
      schema: { params: ItemParams, querystring: FlashQuery },
      attachValidation: true,
    },
    async (request, reply) => {
      formErrors(request);
      const item = await getItem(ctx, request.params.id);
      await requireRead(ctx, request, item.site_code);
      const revisions = await listRevisions(ctx, item.id);
      const authors = await authorNames(revisions.map((rev) => rev.author_id));
      const title =
        revisions.find((rev) => rev.number === item.working_revision)?.title ?? item.title;
      return sendPage(request, reply, (view) =>
        h(RevisionListPage, {
          view,
          me: meOf(request),
          item,
          title,
          revisions,
          authors,
          canRestore: canOn(request, 'content.edit', item.site_code),
          flash: contentFlash(request),
        }),
      );
    },
  );

  r.get(
    '/admin/content/:id/revisions/:number',
    { config: { access: 'staff' }, schema: { params: RevisionParams }, attachValidation: true },
    async (request, reply) => {
      formErrors(request);
      const item = await getItem(ctx, request.params.id);
      await requireRead(ctx, request, item.site_code);
      const number = request.params.number;
      const rev = await getRevision(ctx, item.id, number);
      const before =
        number > 1 ? await getRevision(ctx, item.id, number - 1).catch(() => undefined) : undefined;
      const author = (await authorNames([rev.author_id])).get(rev.author_id) ?? '—';
      return sendPage(request, reply, (view) =>
        h(RevisionDiffPage, {
          view,
          me: meOf(request),
          item,
          title: rev.title,
          number,
          author,
          at: rev.created_at,
          diffs: diffRevisions(before, rev),
          canRestore: canOn(request, 'content.edit', item.site_code),
        }),
      );
    },
  );

  r.post(
    '/admin/content/:id/revisions/:number/restore',
    {
      config: { access: { permission: 'content.edit', anyScope: true } },
      schema: { params: RevisionParams, body: EmptyBody },
      attachValidation: true,
    },
    async (request, reply) => {
      requireValid(request);
      const item = await getItem(ctx, request.params.id);
      await requireOn(ctx, request, 'content.edit', item.site_code);
      const from = request.params.number;
      const number = await restoreRevision(ctx, item.id, from, editorOf(request));
      await ctx.db.kysely.transaction().execute(async (trx) => {
        await trx
          .insertInto('content_review')
          .values({
            id: newId(),
            item_id: item.id,
            revision: number,
            level: 0,
            actor_id: editorOf(request).id,
            action: 'restore',
            comment: `恢复自第 ${from} 版`,
            created_at: ctx.now().toISOString(),
          })
          .execute();
        await audit(ctx, trx, {
          actor: whoOf(request),
          action: 'content.restore',
          targetType: 'content_item',
          targetId: item.id,
          outcome: 'success',
          detail: { from, revision: number, site: item.site_code },
        });
      });
      return reply.redirect(`/admin/content/${item.id}/revisions?ok=restored`, 303);
    },
  );
}
