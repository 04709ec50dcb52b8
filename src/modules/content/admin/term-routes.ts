// The dictionary of wrong and sensitive expressions:
//   GET/POST /admin/content/terms    channel.manage on site:portal
//   POST /admin/content/terms/remove channel.manage on site:portal
// One dictionary serves every site, so it belongs to the administrators of
// the portal's site (the general office that runs 一门): an institution's
// site administrator cannot change what blocks another institution's
// submissions, and neither the 三员 system administrator nor an editor can.
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { h } from 'preact';
import type { AppContext } from '../../../platform/module.ts';
import { cleanLine } from '../../../platform/text.ts';
import { sendPage } from '../../../web/view.ts';
import { formErrors, meOf, requireValid } from '../../identity/admin/http.ts';
import { audit } from '../../identity/audit-events.ts';
import { loadTerms, removeTerm, setTerm } from '../sensitive.ts';
import { contentFlash, whoOf } from './common.ts';
import { FlashQuery, TermBody, TermRemoveBody } from './schemas.ts';
import { TermPage } from './term-pages.tsx';

export const TERMS_SCOPE = 'site:portal';
const access = { access: { permission: 'channel.manage' as const, scope: () => TERMS_SCOPE } };

export function termRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();

  async function page(
    request: FastifyRequest,
    reply: FastifyReply,
    status: number,
    values: Record<string, string>,
    errors?: Record<string, string>,
  ) {
    const terms = await loadTerms(ctx);
    return sendPage(
      request,
      reply,
      (view) =>
        h(TermPage, {
          view,
          me: meOf(request),
          terms,
          values,
          errors,
          flash: contentFlash(request),
        }),
      status,
    );
  }

  r.get(
    '/admin/content/terms',
    { config: access, schema: { querystring: FlashQuery }, attachValidation: true },
    (request, reply) => page(request, reply, 200, {}),
  );

  r.post(
    '/admin/content/terms',
    { config: access, schema: { body: TermBody }, attachValidation: true },
    async (request, reply) => {
      const errors = formErrors(request);
      const raw: Record<string, string> = {};
      for (const [k, v] of Object.entries((request.body as Record<string, unknown>) ?? {}))
        if (typeof v === 'string') raw[k] = v.slice(0, 300);
      if (errors) return page(request, reply, 400, raw, errors);
      const term = cleanLine(request.body.term);
      if (!term) return page(request, reply, 400, raw, { term: '请填写词语' });
      const entry = {
        term,
        severity: request.body.severity,
        suggestion: cleanLine(request.body.suggestion ?? '') || null,
        note: cleanLine(request.body.note ?? '') || null,
      };
      await setTerm(ctx, entry);
      await audit(ctx, ctx.db.kysely, {
        actor: whoOf(request),
        action: 'content.term.set',
        targetType: 'sensitive_term',
        targetId: term,
        outcome: 'success',
        detail: { severity: entry.severity, suggestion: entry.suggestion },
      });
      return reply.redirect('/admin/content/terms?ok=term', 303);
    },
  );

  r.post(
    '/admin/content/terms/remove',
    { config: access, schema: { body: TermRemoveBody }, attachValidation: true },
    async (request, reply) => {
      requireValid(request);
      await removeTerm(ctx, request.body.term);
      await audit(ctx, ctx.db.kysely, {
        actor: whoOf(request),
        action: 'content.term.remove',
        targetType: 'sensitive_term',
        targetId: request.body.term,
        outcome: 'success',
      });
      return reply.redirect('/admin/content/terms?ok=termRemoved', 303);
    },
  );
}
