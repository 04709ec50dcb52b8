// Public letters routes:
//   GET  /letters/               answered public letters, search and filters
//   GET  /letters/:id            one letter with its reply (personal data removed)
//   GET  /letters/stats          monthly statistics per department
// (writing a letter and tracking it: write-routes.ts)
import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { h } from 'preact';
import { formatShanghai } from '../../../platform/clock.ts';
import type { AppContext } from '../../../platform/module.ts';
import { sendPage } from '../../../web/view.ts';
import { loadStructure } from '../../portal/structure.ts';
import { listPublicLetters, publicLetter } from '../public.ts';
import { monthStats } from '../stats.ts';
import { LETTER_TYPES, type LetterType } from '../tables.ts';
import { LetterDetailPage, LetterListPage, type Org, StatsPage } from './public-pages.tsx';

const PER_PAGE = 20;
const PUBLIC = 'public, max-age=60';
const UUID = '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$';

const ListQuery = Type.Object({
  q: Type.Optional(Type.String({ maxLength: 50 })),
  type: Type.Optional(Type.Union([Type.Literal(''), ...LETTER_TYPES.map((t) => Type.Literal(t))])),
  org: Type.Optional(Type.String({ maxLength: 40 })),
  page: Type.Optional(Type.Integer({ minimum: 1, maximum: 10_000 })),
});
const IdParams = Type.Object({ id: Type.String({ maxLength: 100 }) });
const ID = new RegExp(UUID);
const StatsQuery = Type.Object({
  month: Type.Optional(Type.String({ pattern: '^\\d{4}-(0[1-9]|1[0-2])$' })),
});

export async function departments(ctx: AppContext): Promise<Org[]> {
  return ctx.db.kysely
    .selectFrom('organisation')
    .select(['id', 'code', 'name'])
    .where('kind', '=', 'department')
    .orderBy('sort_order')
    .execute();
}

export function registerPublicLetterRoutes(app: FastifyInstance, ctx: AppContext): void {
  app.get('/letters', async (_request, reply) => reply.redirect('/letters/', 301));

  app.get('/letters/', { schema: { querystring: ListQuery } }, async (request, reply) => {
    const query = request.query as { q?: string; type?: string; org?: string; page?: number };
    const filter = {
      q: query.q?.trim() || undefined,
      type: (query.type || undefined) as LetterType | undefined,
      org: query.org || undefined,
    };
    if (filter.type === 'report') return reply.callNotFound();
    const page = query.page ?? 1;
    const { items, total } = await listPublicLetters(ctx, filter, page, PER_PAGE);
    const pages = Math.max(1, Math.ceil(total / PER_PAGE));
    const [structure, orgs] = await Promise.all([loadStructure(ctx), departments(ctx)]);
    reply.header('cache-control', PUBLIC);
    return sendPage(request, reply, (view) =>
      h(LetterListPage, { view, structure, items, total, page, pages, filter, orgs }),
    );
  });

  app.get('/letters/stats', { schema: { querystring: StatsQuery } }, async (request, reply) => {
    const month =
      (request.query as { month?: string }).month ?? formatShanghai(ctx.now(), 'date').slice(0, 7);
    const [structure, stats] = await Promise.all([loadStructure(ctx), monthStats(ctx, month)]);
    reply.header('cache-control', PUBLIC);
    return sendPage(request, reply, (view) => h(StatsPage, { view, structure, stats }));
  });

  app.get('/letters/:id', { schema: { params: IdParams } }, async (request, reply) => {
    const { id } = request.params as { id: string };
    const letter = ID.test(id) ? await publicLetter(ctx, id) : null;
    if (!letter) return reply.callNotFound();
    const structure = await loadStructure(ctx);
    reply.header('cache-control', PUBLIC);
    return sendPage(request, reply, (view) => h(LetterDetailPage, { view, structure, letter }));
  });
}
