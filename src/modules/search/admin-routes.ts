// The search back office, for the administrators of the portal's site (the
// general office that runs 一门), like the content dictionary: one index
// serves every site, so an institution's administrator cannot change what
// every other site's readers find.
//   GET  /admin/search                      statistics and vocabulary
//   POST /admin/search/synonyms[/remove]    synonym sets
//   POST /admin/search/words[/remove]       custom dictionary
//   POST /admin/search/bets[/remove]        best bets
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { h } from 'preact';
import { DomainError } from '../../platform/errors.ts';
import type { AppContext } from '../../platform/module.ts';
import type { MessageKey } from '../../web/i18n/index.ts';
import { sendPage } from '../../web/view.ts';
import { actorFor, formErrors, meOf, requireValid } from '../identity/admin/http.ts';
import { addAdminSection } from '../identity/admin/layout.tsx';
import { SearchAdminPage, type SearchAdminProps } from './admin-page.tsx';
import {
  AdminQuery,
  BestBetBody,
  IdBody,
  SynonymBody,
  WordBody,
  WordRemoveBody,
} from './admin-schemas.ts';
import { queryStats } from './query-log.ts';
import {
  addBestBet,
  addSynonymSet,
  addWord,
  listVocabulary,
  removeBestBet,
  removeSynonymSet,
  removeWord,
} from './vocabulary.ts';

export const SEARCH_ADMIN_SCOPE = 'site:portal';
const access = {
  access: { permission: 'search.manage' as const, scope: () => SEARCH_ADMIN_SCOPE },
};

const FLASH: Record<string, MessageKey> = {
  synonym: 'search.flash.synonym',
  synonymRemoved: 'search.flash.synonymRemoved',
  word: 'search.flash.word',
  wordRemoved: 'search.flash.wordRemoved',
  bet: 'search.flash.bet',
  betRemoved: 'search.flash.betRemoved',
};

type FormName = NonNullable<SearchAdminProps['form']>;

export function registerSearchAdmin(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  addAdminSection({
    href: '/admin/search',
    label: 'search.admin.title',
    hint: 'search.admin.lead',
    need: 'search.manage',
    anyScope: true,
  });

  async function page(
    request: FastifyRequest,
    reply: FastifyReply,
    status: number,
    form?: { name: FormName; values: Record<string, string>; errors: Record<string, string> },
  ) {
    const [hot, zero, vocabulary, indexed] = await Promise.all([
      queryStats(ctx, { limit: 20 }),
      queryStats(ctx, { limit: 20, onlyEmpty: true }),
      listVocabulary(ctx),
      ctx.db.kysely
        .selectFrom('search_document')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow(),
    ]);
    const ok = (request.query as { ok?: string } | undefined)?.ok;
    return sendPage(
      request,
      reply,
      (view) =>
        h(SearchAdminPage, {
          view,
          me: meOf(request),
          hot,
          zero,
          vocabulary,
          indexed: Number(indexed.n),
          form: form?.name,
          values: form?.values,
          errors: form?.errors,
          flash: ok && Object.hasOwn(FLASH, ok) ? FLASH[ok] : undefined,
        }),
      status,
    );
  }

  /** Run a change; a refusal (bad input) shows the page again with the message at its field. */
  async function submit(
    request: FastifyRequest,
    reply: FastifyReply,
    name: FormName,
    flash: string,
    change: () => Promise<unknown>,
  ) {
    const raw: Record<string, string> = {};
    for (const [k, v] of Object.entries((request.body as Record<string, unknown>) ?? {}))
      if (typeof v === 'string') raw[k] = v.slice(0, 500);
    const invalid = formErrors(request);
    if (invalid) return page(request, reply, 400, { name, values: raw, errors: invalid });
    try {
      await change();
    } catch (err) {
      if (err instanceof DomainError && err.code === 'bad_request') {
        const errors = err.fields ?? { _form: err.message };
        return page(request, reply, 400, { name, values: raw, errors });
      }
      throw err;
    }
    return reply.redirect(`/admin/search?ok=${flash}`, 303);
  }

  r.get(
    '/admin/search',
    { config: access, schema: { querystring: AdminQuery }, attachValidation: true },
    (request, reply) => page(request, reply, 200),
  );

  const form = { config: access, attachValidation: true };
  r.post('/admin/search/synonyms', { ...form, schema: { body: SynonymBody } }, (request, reply) =>
    submit(request, reply, 'synonym', 'synonym', () =>
      addSynonymSet(ctx, request.body.terms, actorFor(request)),
    ),
  );
  r.post(
    '/admin/search/synonyms/remove',
    { ...form, schema: { body: IdBody } },
    async (request, reply) => {
      requireValid(request);
      await removeSynonymSet(ctx, request.body.id, actorFor(request));
      return reply.redirect('/admin/search?ok=synonymRemoved', 303);
    },
  );
  r.post('/admin/search/words', { ...form, schema: { body: WordBody } }, (request, reply) =>
    submit(request, reply, 'word', 'word', () =>
      addWord(ctx, request.body.word, actorFor(request)),
    ),
  );
  r.post(
    '/admin/search/words/remove',
    { ...form, schema: { body: WordRemoveBody } },
    async (request, reply) => {
      requireValid(request);
      await removeWord(ctx, request.body.word, actorFor(request));
      return reply.redirect('/admin/search?ok=wordRemoved', 303);
    },
  );
  r.post('/admin/search/bets', { ...form, schema: { body: BestBetBody } }, (request, reply) =>
    submit(request, reply, 'bet', 'bet', () =>
      addBestBet(
        ctx,
        {
          query: request.body.query,
          url: request.body.url,
          position: Number(request.body.position || 1),
        },
        actorFor(request),
      ),
    ),
  );
  r.post(
    '/admin/search/bets/remove',
    { ...form, schema: { body: IdBody } },
    async (request, reply) => {
      requireValid(request);
      await removeBestBet(ctx, request.body.id, actorFor(request));
      return reply.redirect('/admin/search?ok=betRemoved', 303);
    },
  );
}
