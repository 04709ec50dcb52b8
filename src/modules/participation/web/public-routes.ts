// Public routes: /feedback/error (the form every page's footer links to) and
// /feedback/status (the result by lookup code); /consultations/ and
// /surveys/ with their pages; commenting and answering need a signed-in
// citizen ('member': a GET without a session goes to the sign-in page and
// comes back). Every form posts and redirects (POST-redirect-GET).
import { Type } from '@sinclair/typebox';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { h } from 'preact';
import { DomainError, notFound } from '../../../platform/errors.ts';
import { PUBLIC_CACHE_CONTROL } from '../../../platform/http/fast-lane.ts';
import type { AppContext } from '../../../platform/module.ts';
import { sendPage } from '../../../web/view.ts';
import { loadStructure } from '../../portal/structure.ts';
import { phaseOf } from '../common.ts';
import {
  addComment,
  listPublicConsultations,
  publicConsultation,
  shownComments,
} from '../consultations.ts';
import { lookupReport, onSitePath, submitReport } from '../feedback.ts';
import { surveyResults } from '../survey-results.ts';
import { hasResponded, listPublicSurveys, publicSurvey, questionsOf, respond } from '../surveys.ts';
import { CommentFormPage, ConsultationListPage, ConsultationPage } from './consultation-pages.tsx';
import { ReportFormPage, ReportStatusPage } from './feedback-pages.tsx';
import { fieldsOf } from './form-errors.ts';
import { SurveyFormPage, SurveyListPage, SurveyPage } from './survey-pages.tsx';

const opt = (max: number) => Type.Optional(Type.String({ maxLength: max }));
const IdParams = Type.Object({ id: Type.String({ pattern: '^[0-9a-f-]{36}$' }) });
const member = { access: 'member' as const };
const ReportBody = Type.Object(
  { page_url: opt(2000), kind: opt(30), description: opt(5000), contact: opt(300) },
  { additionalProperties: false },
);
const CommentBody = Type.Object({ body: opt(10000) }, { additionalProperties: false });
// Answers are checked against the survey's own compiled schema (survey-form.ts).
const AnswerBody = Type.Record(
  Type.String({ pattern: '^q_[0-9a-zA-Z_-]{1,40}$' }),
  Type.Union([
    Type.String({ maxLength: 5000 }),
    Type.Array(Type.String({ maxLength: 10 }), { maxItems: 30 }),
  ]),
  { maxProperties: 200 },
);

const noStore = (reply: FastifyReply) => reply.header('cache-control', 'no-store');

function accountOf(request: FastifyRequest) {
  const account = request.auth?.account;
  if (!account) throw new DomainError('unauthenticated', '请先登录');
  return account;
}

export function participationPublicRoutes(app: FastifyInstance, ctx: AppContext): void {
  const page = async (
    request: FastifyRequest,
    reply: FastifyReply,
    // biome-ignore lint/suspicious/noExplicitAny: any page component
    render: (structure: Awaited<ReturnType<typeof loadStructure>>) => (view: any) => any,
    status = 200,
  ) => {
    const structure = await loadStructure(ctx);
    return sendPage(request, reply, render(structure), status);
  };

  app.get(
    '/feedback/error',
    { schema: { querystring: Type.Object({ url: opt(2000) }) } },
    async (request, reply) => {
      const url = (request.query as { url?: string }).url ?? '';
      const values = { page_url: onSitePath(url, ctx.config.publicUrl) ?? '' };
      return page(
        request,
        noStore(reply),
        (structure) => (view) => h(ReportFormPage, { view, structure, values }),
      );
    },
  );

  app.post('/feedback/error', { schema: { body: ReportBody } }, async (request, reply) => {
    const b = request.body as Record<string, string | undefined>;
    try {
      const { code } = await submitReport(
        ctx,
        {
          pageUrl: b.page_url ?? '',
          kind: b.kind ?? '',
          description: b.description ?? '',
          contact: b.contact ?? '',
        },
        { ip: request.ip },
      );
      return reply.redirect(`/feedback/status?code=${code}&new=1`, 303);
    } catch (err) {
      const errors = fieldsOf(err);
      return page(
        request,
        noStore(reply),
        (structure) => (view) => h(ReportFormPage, { view, structure, values: b, errors }),
        400,
      );
    }
  });

  app.get(
    '/feedback/status',
    { schema: { querystring: Type.Object({ code: opt(40), new: opt(2) }) } },
    async (request, reply) => {
      const q = request.query as { code?: string; new?: string };
      const code = (q.code ?? '').trim();
      const report = code ? await lookupReport(ctx, code) : undefined;
      return page(
        request,
        noStore(reply),
        (structure) => (view) =>
          h(ReportStatusPage, { view, structure, report, code, fresh: q.new === '1' }),
        report || !code ? 200 : 404,
      );
    },
  );

  // The lists live at their folder address; the bare name leads there.
  for (const list of ['consultations', 'surveys'])
    app.get(`/${list}`, async (_request, reply) => reply.redirect(`/${list}/`, 301));

  app.get('/consultations/', async (request, reply) => {
    const rows = await listPublicConsultations(ctx);
    const items = rows.map((row) => ({ row, phase: phaseOf(row, ctx.now()) }));
    reply.header('cache-control', PUBLIC_CACHE_CONTROL);
    return page(
      request,
      reply,
      (structure) => (view) => h(ConsultationListPage, { view, structure, items }),
    );
  });

  const consultationOr404 = async (id: string) => {
    const row = await publicConsultation(ctx, id);
    if (!row) throw notFound('没有这项意见征集');
    return row;
  };

  app.get(
    '/consultations/:id',
    { schema: { params: IdParams, querystring: Type.Object({ sent: opt(2) }) } },
    async (request, reply) => {
      const row = await consultationOr404((request.params as { id: string }).id);
      const comments = await shownComments(ctx, row.id);
      const thanks = (request.query as { sent?: string }).sent === '1';
      reply.header('cache-control', thanks ? 'no-store' : PUBLIC_CACHE_CONTROL);
      return page(
        request,
        reply,
        (structure) => (view) =>
          h(ConsultationPage, {
            view,
            structure,
            row,
            phase: phaseOf(row, ctx.now()),
            comments,
            thanks,
          }),
      );
    },
  );

  app.get(
    '/consultations/:id/comment',
    { config: member, schema: { params: IdParams } },
    async (request, reply) => {
      const row = await consultationOr404((request.params as { id: string }).id);
      if (phaseOf(row, ctx.now()) !== 'open')
        return reply.redirect(`/consultations/${row.id}`, 303);
      return page(
        request,
        noStore(reply),
        (structure) => (view) => h(CommentFormPage, { view, structure, row }),
      );
    },
  );

  app.post(
    '/consultations/:id/comment',
    { config: member, schema: { params: IdParams, body: CommentBody } },
    async (request, reply) => {
      const row = await consultationOr404((request.params as { id: string }).id);
      const body = (request.body as { body?: string }).body ?? '';
      try {
        await addComment(ctx, accountOf(request), row.id, body, { ip: request.ip });
      } catch (err) {
        const errors = fieldsOf(err);
        return page(
          request,
          noStore(reply),
          (structure) => (view) => h(CommentFormPage, { view, structure, row, body, errors }),
          400,
        );
      }
      return reply.redirect(`/consultations/${row.id}?sent=1`, 303);
    },
  );

  app.get('/surveys/', async (request, reply) => {
    const rows = await listPublicSurveys(ctx);
    const items = rows.map((row) => ({ row, phase: phaseOf(row, ctx.now()) }));
    reply.header('cache-control', PUBLIC_CACHE_CONTROL);
    return page(
      request,
      reply,
      (structure) => (view) => h(SurveyListPage, { view, structure, items }),
    );
  });

  const surveyOr404 = async (id: string) => {
    const row = await publicSurvey(ctx, id);
    if (!row) throw notFound('没有这项调查');
    return row;
  };

  app.get(
    '/surveys/:id',
    { schema: { params: IdParams, querystring: Type.Object({ done: opt(10) }) } },
    async (request, reply) => {
      const row = await surveyOr404((request.params as { id: string }).id);
      const phase = phaseOf(row, ctx.now());
      const questionCount = (await questionsOf(ctx, row.id)).length;
      // Results are published once the survey has closed, so answers cannot follow the crowd.
      const results = phase === 'closed' ? await surveyResults(ctx, row.id) : undefined;
      const done = (request.query as { done?: string }).done;
      const thanks = done === 'sent' || done === 'already' ? done : undefined;
      reply.header('cache-control', thanks ? 'no-store' : PUBLIC_CACHE_CONTROL);
      return page(
        request,
        reply,
        (structure) => (view) =>
          h(SurveyPage, { view, structure, row, phase, questionCount, results, thanks }),
      );
    },
  );

  app.get(
    '/surveys/:id/respond',
    { config: member, schema: { params: IdParams } },
    async (request, reply) => {
      const row = await surveyOr404((request.params as { id: string }).id);
      if (phaseOf(row, ctx.now()) !== 'open') return reply.redirect(`/surveys/${row.id}`, 303);
      if (await hasResponded(ctx, row.id, accountOf(request).id))
        return reply.redirect(`/surveys/${row.id}?done=already`, 303);
      const questions = await questionsOf(ctx, row.id);
      return page(
        request,
        noStore(reply),
        (structure) => (view) => h(SurveyFormPage, { view, structure, row, questions, values: {} }),
      );
    },
  );

  app.post(
    '/surveys/:id/respond',
    { config: member, schema: { params: IdParams, body: AnswerBody } },
    async (request, reply) => {
      const row = await surveyOr404((request.params as { id: string }).id);
      const values = (request.body ?? {}) as Record<string, string | string[]>;
      try {
        await respond(ctx, accountOf(request), row.id, values, { ip: request.ip });
      } catch (err) {
        if (err instanceof DomainError && err.status === 409 && phaseOf(row, ctx.now()) === 'open')
          return reply.redirect(`/surveys/${row.id}?done=already`, 303);
        const errors = fieldsOf(err);
        const questions = await questionsOf(ctx, row.id);
        return page(
          request,
          noStore(reply),
          (structure) => (view) =>
            h(SurveyFormPage, { view, structure, row, questions, values, errors }),
          400,
        );
      }
      return reply.redirect(`/surveys/${row.id}?done=sent`, 303);
    },
  );
}
