// 我的信件 (signed-in citizens only; a letter is looked up with its owner, so
// another citizen's letter id is 404):
//   GET  /account/letters            my letters
//   GET  /account/letters/:id        one letter, its progress and reply
//   POST /account/letters/:id/rate   rating, optionally asking for re-handling
import { Type } from '@sinclair/typebox';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { h } from 'preact';
import { DomainError, notFound } from '../../../platform/errors.ts';
import type { AppContext } from '../../../platform/module.ts';
import { translator } from '../../../web/i18n/index.ts';
import { sendPage } from '../../../web/view.ts';
import { actorOf } from '../../identity/guard.ts';
import { rateReply } from '../citizen.ts';
import { myLetter, myLetters } from '../mine.ts';
import { MyLetterPage, MyLettersPage } from './account-pages.tsx';

// Bounded, not patterned: the guard answers first; an id of no letter of yours is 404.
const IdParams = Type.Object({ id: Type.String({ maxLength: 36 }) });
const DetailQuery = Type.Object({
  ok: Type.Optional(
    Type.Union([Type.Literal('written'), Type.Literal('rated'), Type.Literal('rehandle')]),
  ),
});
const RateBody = Type.Object(
  {
    rating: Type.Optional(Type.Union([Type.Literal('1'), Type.Literal('2'), Type.Literal('3')])),
    rehandle: Type.Optional(Type.Literal('1')),
    comment: Type.Optional(Type.String({ maxLength: 500 })),
  },
  { additionalProperties: false },
);

const t = translator('zh-CN');
const member = { access: 'member' as const };

function ownerOf(request: FastifyRequest) {
  if (!request.auth) throw new DomainError('unauthenticated', '请先登录');
  return request.auth.account;
}

function flashFor(ok: string | undefined, code: string): string | undefined {
  if (ok === 'written')
    return `${t('letters.written.title')}。${t('letters.written.code')}：${code}。${t('letters.written.lead')}`;
  if (ok === 'rated') return t('letters.flash.rated');
  if (ok === 'rehandle') return t('letters.flash.rehandle');
  return undefined;
}

export function registerAccountLetterRoutes(app: FastifyInstance, ctx: AppContext): void {
  app.get('/account/letters', { config: member }, async (request, reply) => {
    const letters = await myLetters(ctx, ownerOf(request).id);
    reply.header('cache-control', 'no-store');
    return sendPage(request, reply, (view) => h(MyLettersPage, { view, letters }));
  });

  app.get(
    '/account/letters/:id',
    { config: member, schema: { params: IdParams, querystring: DetailQuery } },
    async (request, reply) => {
      const { id } = request.params as { id: string };
      const mine = await myLetter(ctx, ownerOf(request).id, id);
      const flash = flashFor((request.query as { ok?: string }).ok, mine.letter.code);
      reply.header('cache-control', 'no-store');
      return sendPage(request, reply, (view) => h(MyLetterPage, { view, mine, flash }));
    },
  );

  app.post(
    '/account/letters/:id/rate',
    { config: member, schema: { params: IdParams, body: RateBody }, attachValidation: true },
    async (request, reply) => {
      const { id } = request.params as { id: string };
      if (request.validationError?.validationContext === 'params') throw notFound();
      const owner = ownerOf(request);
      const body = (request.body ?? {}) as { rating?: string; rehandle?: string; comment?: string };
      try {
        if (request.validationError)
          throw new DomainError('bad_request', t('error.validation'), {
            rating: '请选择满意、基本满意或不满意',
          });
        const outcome = await rateReply(ctx, { ...actorOf(request), id: owner.id }, id, {
          rating: Number(body.rating ?? 0),
          comment: body.comment,
          rehandle: body.rehandle === '1',
        });
        return reply.redirect(
          `/account/letters/${id}?ok=${outcome === 'closed' ? 'rated' : 'rehandle'}`,
          303,
        );
      } catch (err) {
        if (!(err instanceof DomainError) || err.code !== 'bad_request') throw err;
        const mine = await myLetter(ctx, owner.id, id);
        reply.header('cache-control', 'no-store');
        return sendPage(
          request,
          reply,
          (view) => h(MyLetterPage, { view, mine, errors: err.fields ?? { rating: err.message } }),
          400,
        );
      }
    },
  );
}
