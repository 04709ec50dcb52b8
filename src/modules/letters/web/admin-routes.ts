// Back-office letter routes. The guard needs a signed-in staff member; each
// handler narrows to the letter: the general office's letter desk sees every
// letter, a department only those assigned to it (anything else is 404).
//   GET  /admin/letters                         worklists with the age of every open letter
//   GET  /admin/letters/supervision             督办
//   GET  /admin/letters/settings, POST          deadlines (general office)
//   GET  /admin/letters/:id                     one letter and the actions allowed on it
//   POST /admin/letters/:id/{assign,merge,reject,reply,review,extension,extension-decision}
//   GET  /admin/letters/:id/files/:sha          an attachment (as a download)
import { createReadStream } from 'node:fs';
import { Type } from '@sinclair/typebox';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { h } from 'preact';
import { badRequest, DomainError, notFound } from '../../../platform/errors.ts';
import type { AppContext } from '../../../platform/module.ts';
import type { MessageKey } from '../../../web/i18n/index.ts';
import { sendPage } from '../../../web/view.ts';
import { getStoredFile, storedFilePath } from '../../content/files.ts';
import { contentDisposition } from '../../content/uploads.ts';
import { authOf, formErrors, meOf } from '../../identity/admin/http.ts';
import { addAdminSection } from '../../identity/admin/layout.tsx';
import { audit } from '../../identity/audit-events.ts';
import { canReadLetter, canTriage, orgsWith, requireTriage } from '../access.ts';
import {
  approveReply,
  requestExtension,
  returnReply,
  saveReplyDraft,
  submitReply,
} from '../handling.ts';
import { loadSettings, saveSettings } from '../settings.ts';
import { OPEN_STATUSES } from '../states.ts';
import { LETTER_TYPES } from '../tables.ts';
import { getLetter, type LetterActor } from '../transition.ts';
import { assignLetter, decideExtension, mergeLetter, rejectLetter } from '../triage.ts';
import { extensionRequests, lettersIn, type Reach, supervisedLetters } from '../worklist.ts';
import { loadDetail, rightsOn } from './admin-data.ts';
import { LetterAdminPage, SettingsPage, SupervisionPage, WorklistPage } from './admin-pages.tsx';
import { departments } from './public-routes.ts';

// Bounded, not patterned: the guard answers first (parameters are validated before it
// runs), and an id that matches no letter is simply not found.
const IdParams = Type.Object({ id: Type.String({ maxLength: 36 }) });
const FileParams = Type.Object({
  id: Type.String({ maxLength: 36 }),
  sha: Type.String({ maxLength: 64 }),
});
const FlashQuery = Type.Object({ ok: Type.Optional(Type.String({ maxLength: 20 })) });
const staff = { access: 'staff' as const };

const FLASH = {
  assigned: 'letters.flash.assigned',
  rejected: 'letters.flash.rejected',
  merged: 'letters.flash.merged',
  saved: 'letters.flash.saved',
  submitted: 'letters.flash.submitted',
  approved: 'letters.flash.approved',
  returned: 'letters.flash.returned',
  extension: 'letters.flash.extension',
  decided: 'letters.flash.decided',
  settings: 'letters.flash.settings',
} as const satisfies Record<string, MessageKey>;

function flashOf(request: FastifyRequest): MessageKey | undefined {
  const ok = (request.query as { ok?: string } | undefined)?.ok;
  return ok && Object.hasOwn(FLASH, ok) ? FLASH[ok as keyof typeof FLASH] : undefined;
}

function actorFrom(request: FastifyRequest): LetterActor {
  const { account, grants } = authOf(request);
  return { id: account.id, name: account.username ?? account.display_name, ip: request.ip, grants };
}

const text = (v: unknown) => (typeof v === 'string' ? v : '');
const list = (v: unknown) => (Array.isArray(v) ? v.map(text) : typeof v === 'string' ? [v] : []);

const Bodies = {
  assign: Type.Object(
    {
      lead: Type.String({ maxLength: 36 }),
      assist: Type.Optional(
        Type.Union([
          Type.String({ maxLength: 36 }),
          Type.Array(Type.String({ maxLength: 36 }), { maxItems: 10 }),
        ]),
      ),
    },
    { additionalProperties: false },
  ),
  merge: Type.Object({ into: Type.String({ maxLength: 20 }) }, { additionalProperties: false }),
  reject: Type.Object(
    { reason: Type.String({ maxLength: 1000 }) },
    { additionalProperties: false },
  ),
  reply: Type.Object(
    {
      reply: Type.String({ maxLength: 10_000 }),
      step: Type.Union([Type.Literal('save'), Type.Literal('submit')]),
    },
    { additionalProperties: false },
  ),
  review: Type.Object(
    {
      comment: Type.Optional(Type.String({ maxLength: 1000 })),
      decision: Type.Union([Type.Literal('approve'), Type.Literal('return')]),
    },
    { additionalProperties: false },
  ),
  extension: Type.Object(
    { days: Type.String({ maxLength: 3 }), extension_reason: Type.String({ maxLength: 1000 }) },
    { additionalProperties: false },
  ),
  'extension-decision': Type.Object(
    { decision: Type.Union([Type.Literal('approve'), Type.Literal('refuse')]) },
    { additionalProperties: false },
  ),
};
type Action = keyof typeof Bodies;

export function registerAdminLetterRoutes(app: FastifyInstance, ctx: AppContext): void {
  addAdminSection({
    href: '/admin/letters',
    label: 'letters.admin.nav',
    hint: 'letters.admin.hint',
    need: 'case.handle',
    anyScope: true,
  });
  addAdminSection({
    href: '/admin/letters/supervision',
    label: 'letters.admin.supervision',
    hint: 'letters.admin.supervisionLead',
    need: 'letter.triage',
    anyScope: true,
  });

  function send(
    request: FastifyRequest,
    reply: FastifyReply,
    page: Parameters<typeof sendPage>[2],
    status = 200,
  ) {
    reply.header('cache-control', 'no-store');
    return sendPage(request, reply, page, status);
  }

  /** The department letters these grants reach, or 'all' for the general office. */
  async function reachOf(
    request: FastifyRequest,
  ): Promise<{ triage: boolean; handle: Reach; review: Reach }> {
    const { grants } = authOf(request);
    const triage = await canTriage(ctx, grants);
    const handle = orgsWith(grants, 'case.handle');
    const review = orgsWith(grants, 'letter.review');
    // Staff without a letter role get empty lists rather than a refusal: nothing here is theirs.
    return { triage, handle, review };
  }

  app.get(
    '/admin/letters',
    { config: staff, schema: { querystring: FlashQuery } },
    async (request, reply) => {
      const reach = await reachOf(request);
      const t = (k: MessageKey) => k;
      const sections: { caption: MessageKey; rows: Awaited<ReturnType<typeof lettersIn>> }[] = [];
      if (reach.triage) {
        sections.push({
          caption: t('letters.admin.triage'),
          rows: await lettersIn(ctx, 'all', ['submitted']),
        });
        sections.push({
          caption: t('letters.admin.extensions'),
          rows: await extensionRequests(ctx),
        });
      }
      if (reach.handle === 'all' || reach.handle.length > 0)
        sections.push({
          caption: t('letters.admin.work'),
          rows: await lettersIn(ctx, reach.handle, ['assigned']),
        });
      if (reach.review === 'all' || reach.review.length > 0)
        sections.push({
          caption: t('letters.admin.review'),
          rows: await lettersIn(ctx, reach.review, ['reviewing']),
        });
      const openReach: Reach = reach.triage
        ? 'all'
        : [
            ...new Set([
              ...(reach.handle === 'all' ? [] : reach.handle),
              ...(reach.review === 'all' ? [] : reach.review),
            ]),
          ];
      sections.push({
        caption: t('letters.admin.open'),
        rows: await lettersIn(ctx, openReach, OPEN_STATUSES),
      });
      return send(request, reply, (view) =>
        h(WorklistPage, {
          view,
          me: meOf(request),
          flash: flashOf(request),
          now: ctx.now(),
          triage: reach.triage,
          sections: sections.map((s) => ({ caption: view.t(s.caption), rows: s.rows })),
        }),
      );
    },
  );

  app.get('/admin/letters/supervision', { config: staff }, async (request, reply) => {
    const reach = await reachOf(request);
    const orgs = [
      ...(reach.handle === 'all' ? [] : reach.handle),
      ...(reach.review === 'all' ? [] : reach.review),
    ];
    const all = reach.triage || reach.handle === 'all' || reach.review === 'all';
    const rows = await supervisedLetters(ctx, all ? 'all' : orgs);
    return send(request, reply, (view) =>
      h(SupervisionPage, { view, me: meOf(request), now: ctx.now(), rows }),
    );
  });

  const triageAccess = { access: { permission: 'letter.triage' as const, anyScope: true } };
  app.get(
    '/admin/letters/settings',
    { config: triageAccess, schema: { querystring: FlashQuery } },
    async (request, reply) => {
      await requireTriage(ctx, authOf(request).grants);
      const settings = await loadSettings(ctx);
      return send(request, reply, (view) =>
        h(SettingsPage, { view, me: meOf(request), flash: flashOf(request), settings, errors: {} }),
      );
    },
  );

  const SettingsBody = Type.Object(
    Object.fromEntries(
      [...LETTER_TYPES.map((t) => `deadline.${t}`), 'stale_days'].map((k) => [
        k,
        Type.String({ pattern: '^\\d{1,3}$' }),
      ]),
    ),
    { additionalProperties: false },
  );
  app.post(
    '/admin/letters/settings',
    { config: triageAccess, schema: { body: SettingsBody }, attachValidation: true },
    async (request, reply) => {
      await requireTriage(ctx, authOf(request).grants);
      const body = (request.body ?? {}) as Record<string, string>;
      const num = (k: string) => Number(body[k]);
      const settings = {
        deadlineDays: Object.fromEntries(
          LETTER_TYPES.map((t) => [t, num(`deadline.${t}`)]),
        ) as Record<(typeof LETTER_TYPES)[number], number>,
        staleDays: num('stale_days'),
      };
      try {
        const errors = formErrors(request);
        if (errors) throw badRequest('设置不正确', errors);
        await ctx.db.kysely.transaction().execute(async (trx) => {
          await saveSettings(trx, settings, ctx.now().toISOString());
          await audit(ctx, trx, {
            actor: actorFrom(request),
            action: 'letter.settings',
            targetType: 'letter_setting',
            outcome: 'success',
            detail: settings,
          });
        });
        return reply.redirect('/admin/letters/settings?ok=settings', 303);
      } catch (err) {
        if (!(err instanceof DomainError) || err.code !== 'bad_request') throw err;
        return send(
          request,
          reply,
          (view) =>
            h(SettingsPage, {
              view,
              me: meOf(request),
              settings,
              errors: err.fields ?? { _form: err.message },
            }),
          400,
        );
      }
    },
  );

  async function readable(request: FastifyRequest, id: string) {
    const letter = await getLetter(ctx, id);
    if (!(await canReadLetter(ctx, letter, authOf(request).grants))) throw notFound('信件不存在');
    return letter;
  }

  async function detailPage(
    request: FastifyRequest,
    reply: FastifyReply,
    id: string,
    errors: Record<string, string> = {},
    status = 200,
  ) {
    const letter = await readable(request, id);
    // A letter carries the writer's personal data: every staff reading of it is recorded.
    if (request.method === 'GET')
      await audit(ctx, ctx.db.kysely, {
        actor: actorFrom(request),
        action: 'letter.view',
        targetType: 'letter',
        targetId: letter.id,
        outcome: 'success',
      });
    const detail = await loadDetail(ctx, letter);
    const { account, grants } = authOf(request);
    const rights = await rightsOn(ctx, detail, { id: account.id, grants });
    const orgs = rights.triage ? await departments(ctx) : [];
    return send(
      request,
      reply,
      (view) =>
        h(LetterAdminPage, {
          view,
          me: meOf(request),
          flash: flashOf(request),
          detail,
          rights,
          orgs,
          errors,
        }),
      status,
    );
  }

  app.get(
    '/admin/letters/:id',
    { config: staff, schema: { params: IdParams, querystring: FlashQuery } },
    async (request, reply) => detailPage(request, reply, (request.params as { id: string }).id),
  );

  app.get(
    '/admin/letters/:id/files/:sha',
    { config: staff, schema: { params: FileParams } },
    async (request, reply) => {
      const { id, sha } = request.params as { id: string; sha: string };
      await readable(request, id);
      const file = await ctx.db.kysely
        .selectFrom('letter_attachment')
        .select('name')
        .where('letter_id', '=', id)
        .where('sha256', '=', sha)
        .executeTakeFirst();
      if (!file) throw notFound('附件不存在');
      const stored = await getStoredFile(ctx, sha);
      return reply
        .header('cache-control', 'no-store')
        .header('content-disposition', contentDisposition(file.name))
        .type(stored.mime)
        .send(createReadStream(storedFilePath(ctx, sha)));
    },
  );

  const actions: Record<
    Action,
    (actor: LetterActor, id: string, body: Record<string, unknown>) => Promise<keyof typeof FLASH>
  > = {
    assign: async (actor, id, body) => {
      const lead = text(body.lead);
      await assignLetter(ctx, actor, id, {
        orgIds: [lead, ...list(body.assist).filter((o) => o !== lead)],
      });
      return 'assigned';
    },
    merge: async (actor, id, body) => {
      const code = text(body.into).trim();
      const into = await ctx.db.kysely
        .selectFrom('letter')
        .select('id')
        .where('code', '=', code)
        .executeTakeFirst();
      if (!into) throw badRequest('没有这个查询码的来信', { into: '请填写要并入的来信的查询码' });
      await mergeLetter(ctx, actor, id, into.id);
      return 'merged';
    },
    reject: async (actor, id, body) => {
      await rejectLetter(ctx, actor, id, text(body.reason));
      return 'rejected';
    },
    reply: async (actor, id, body) => {
      await saveReplyDraft(ctx, actor, id, text(body.reply));
      if (body.step !== 'submit') return 'saved';
      await submitReply(ctx, actor, id);
      return 'submitted';
    },
    review: async (actor, id, body) => {
      if (body.decision === 'approve') {
        await approveReply(ctx, actor, id, text(body.comment) || undefined);
        return 'approved';
      }
      await returnReply(ctx, actor, id, text(body.comment));
      return 'returned';
    },
    extension: async (actor, id, body) => {
      await requestExtension(ctx, actor, id, {
        days: Number(text(body.days)),
        reason: text(body.extension_reason),
      });
      return 'extension';
    },
    'extension-decision': async (actor, id, body) => {
      await decideExtension(ctx, actor, id, body.decision === 'approve');
      return 'decided';
    },
  };

  for (const action of Object.keys(Bodies) as Action[]) {
    app.post(
      `/admin/letters/:id/${action}`,
      { config: staff, schema: { params: IdParams, body: Bodies[action] }, attachValidation: true },
      async (request, reply) => {
        const { id } = request.params as { id: string };
        try {
          const errors = formErrors(request);
          if (errors) throw badRequest('提交的内容不符合要求', errors);
          await readable(request, id);
          const ok = await actions[action](
            actorFrom(request),
            id,
            (request.body ?? {}) as Record<string, unknown>,
          );
          return reply.redirect(`/admin/letters/${id}?ok=${ok}`, 303);
        } catch (err) {
          if (
            !(err instanceof DomainError) ||
            (err.code !== 'bad_request' && err.code !== 'conflict')
          )
            throw err;
          return detailPage(request, reply, id, err.fields ?? { _form: err.message }, err.status);
        }
      },
    );
  }
}
