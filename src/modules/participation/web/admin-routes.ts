// Back-office routes, all needing 'interaction.manage' in some site; each
// object is then checked against its own site (another site's record is a
// 404). Every change is a CSRF-protected POST that redirects, audited in its
// transaction by the service.
//   /admin/feedback[/:id]                         error reports
//   /admin/consultations[/:id[/publish|withdraw|summary|comments/:c/show|hide]]
//   /admin/surveys[/:id[/publish|questions[/:q/remove]|export.csv]]
import { type TSchema, Type } from '@sinclair/typebox';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { type FunctionComponent, h, type VNode } from 'preact';
import type { AppContext } from '../../../platform/module.ts';
import type { MessageKey } from '../../../web/i18n/index.ts';
import { sendPage, type ViewContext } from '../../../web/view.ts';
import { authOf, meOf } from '../../identity/admin/http.ts';
import { addAdminSection } from '../../identity/admin/layout.tsx';
import { loadStructure } from '../../portal/structure.ts';
import { beijingDate, lastDayOf, managedSites, phaseOf, type Staff } from '../common.ts';
import {
  commentsForModeration,
  consultationFor,
  createConsultation,
  listManagedConsultations,
  moderateComment,
  publishSummary,
  setConsultationStatus,
  updateConsultation,
} from '../consultations.ts';
import { listReports, reportFor, resolveReport } from '../feedback.ts';
import { surveyCsv, surveyResults } from '../survey-results.ts';
import {
  addQuestion,
  createSurvey,
  listManagedSurveys,
  publishSurvey,
  questionsOf,
  removeQuestion,
  responseCount,
  surveyFor,
} from '../surveys.ts';
import type { RecordListProps } from './admin-parts.tsx';
import { ConsultationAdminListPage, ConsultationAdminPage } from './consultation-admin-pages.tsx';
import { FeedbackDetailPage, FeedbackListPage } from './feedback-admin-pages.tsx';
import { fieldsOf } from './form-errors.ts';
import { SurveyAdminListPage, SurveyAdminPage } from './survey-admin-pages.tsx';

const access = { access: { permission: 'interaction.manage' as const, anyScope: true } };
const opt = (max: number) => Type.Optional(Type.String({ maxLength: max }));
const UUID = Type.String({ pattern: '^[0-9a-f-]{36}$' });
const IdParams = Type.Object({ id: UUID });
const CommentParams = Type.Object({
  id: UUID,
  comment: UUID,
  action: Type.Union([Type.Literal('show'), Type.Literal('hide')]),
});
const QuestionParams = Type.Object({ id: UUID, question: UUID });
const OkQuery = Type.Object({ ok: opt(20) });
const Empty = Type.Object({}, { additionalProperties: false });
const ResolveBody = Type.Object(
  { outcome: opt(20), answer: opt(5000) },
  { additionalProperties: false },
);
const ConsultationBody = Type.Object(
  {
    site: opt(32),
    title: opt(500),
    department: opt(200),
    body: opt(60000),
    opens_on: opt(10),
    closes_on: opt(10),
  },
  { additionalProperties: false },
);
const SummaryBody = Type.Object({ summary: opt(30000) }, { additionalProperties: false });
const SurveyBody = Type.Object(
  { site: opt(32), title: opt(500), intro: opt(6000), opens_on: opt(10), closes_on: opt(10) },
  { additionalProperties: false },
);
const QuestionBody = Type.Object(
  { kind: opt(16), prompt: opt(1000), required: opt(1), options: opt(5000) },
  { additionalProperties: false },
);

const FLASH: Record<string, MessageKey> = {
  saved: 'admin.flash.saved',
  created: 'admin.flash.created',
  answered: 'feedback.admin.done',
};

function staffOf(request: FastifyRequest): Staff {
  const { account, grants } = authOf(request);
  return { id: account.id, name: account.username ?? account.display_name, ip: request.ip, grants };
}

const flashOf = (request: FastifyRequest) => FLASH[(request.query as { ok?: string }).ok ?? ''];

function send(
  request: FastifyRequest,
  reply: FastifyReply,
  // biome-ignore lint/suspicious/noExplicitAny: any page component's props
  render: (view: ViewContext) => VNode<any>,
  status = 200,
) {
  return sendPage(request, reply.header('cache-control', 'no-store'), render, status);
}

export function participationAdminRoutes(app: FastifyInstance, ctx: AppContext): void {
  for (const [href, label, hint] of [
    ['/admin/feedback', 'feedback.admin.title', 'feedback.admin.hint'],
    ['/admin/consultations', 'consultation.title', 'consultation.admin.hint'],
    ['/admin/surveys', 'survey.title', 'survey.admin.hint'],
  ] as const)
    addAdminSection({ href, label, hint, need: 'interaction.manage', anyScope: true });

  const sitesFor = async (request: FastifyRequest) => {
    const managed = managedSites(authOf(request).grants);
    const { sites } = await loadStructure(ctx);
    return sites.filter((s) => managed === 'all' || managed.includes(s.code));
  };

  feedbackRoutes(app, ctx);
  consultationRoutes(app, ctx, sitesFor);
  surveyRoutes(app, ctx, sitesFor);
}

function feedbackRoutes(app: FastifyInstance, ctx: AppContext) {
  app.get('/admin/feedback', { config: access }, async (request, reply) => {
    const reports = await listReports(ctx, authOf(request).grants);
    const today = beijingDate(ctx.now().toISOString());
    return send(request, reply, (view) =>
      h(FeedbackListPage, { view, me: meOf(request), reports, today }),
    );
  });

  const detail = async (
    request: FastifyRequest,
    reply: FastifyReply,
    values: Record<string, string | undefined>,
    errors?: Record<string, string>,
  ) => {
    const report = await reportFor(
      ctx,
      authOf(request).grants,
      (request.params as { id: string }).id,
    );
    const flash = flashOf(request) === 'feedback.admin.done';
    return send(
      request,
      reply,
      (view) => h(FeedbackDetailPage, { view, me: meOf(request), report, values, errors, flash }),
      errors ? 400 : 200,
    );
  };

  app.get(
    '/admin/feedback/:id',
    { config: access, schema: { params: IdParams, querystring: OkQuery } },
    (request, reply) => detail(request, reply, { outcome: 'fixed' }),
  );

  app.post(
    '/admin/feedback/:id',
    { config: access, schema: { params: IdParams, body: ResolveBody } },
    async (request, reply) => {
      const { id } = request.params as { id: string };
      const b = request.body as { outcome?: string; answer?: string };
      try {
        await resolveReport(ctx, staffOf(request), id, {
          outcome: b.outcome ?? '',
          answer: b.answer ?? '',
        });
      } catch (err) {
        return detail(request, reply, b, fieldsOf(err));
      }
      return reply.redirect(`/admin/feedback/${id}?ok=answered`, 303);
    },
  );
}

type SitesFor = (
  request: FastifyRequest,
) => Promise<Awaited<ReturnType<typeof loadStructure>>['sites']>;

/** A list page: the records with the form for a new one (GET), and its creation (POST). */
function listRoutes<R>(
  app: FastifyInstance,
  sitesFor: SitesFor,
  spec: {
    href: '/admin/consultations' | '/admin/surveys';
    body: TSchema;
    rows: (staff: Staff) => Promise<R[]>;
    page: FunctionComponent<RecordListProps<R>>;
    create: (staff: Staff, b: Record<string, string | undefined>) => Promise<string>;
  },
) {
  const list = async (
    request: FastifyRequest,
    reply: FastifyReply,
    values: Record<string, string | undefined>,
    errors?: Record<string, string>,
  ) => {
    const rows = await spec.rows(staffOf(request));
    const sites = await sitesFor(request);
    return send(
      request,
      reply,
      (view) => h(spec.page, { view, me: meOf(request), rows, sites, values, errors }),
      errors ? 400 : 200,
    );
  };
  app.get(spec.href, { config: access }, (request, reply) => list(request, reply, {}));
  app.post(spec.href, { config: access, schema: { body: spec.body } }, async (request, reply) => {
    const b = request.body as Record<string, string | undefined>;
    try {
      const id = await spec.create(staffOf(request), b);
      return reply.redirect(`${spec.href}/${id}?ok=created`, 303);
    } catch (err) {
      return list(request, reply, b, fieldsOf(err));
    }
  });
}

function consultationRoutes(app: FastifyInstance, ctx: AppContext, sitesFor: SitesFor) {
  listRoutes(app, sitesFor, {
    href: '/admin/consultations',
    body: ConsultationBody,
    rows: (staff) => listManagedConsultations(ctx, staff),
    page: ConsultationAdminListPage,
    create: (staff, b) => createConsultation(ctx, staff, inputOf(b)),
  });

  const detail = async (
    request: FastifyRequest,
    reply: FastifyReply,
    values?: Record<string, string | undefined>,
    errors?: Record<string, string>,
  ) => {
    const row = await consultationFor(ctx, staffOf(request), (request.params as { id: string }).id);
    const comments = await commentsForModeration(ctx, row.id);
    const shown = values ?? {
      title: row.title,
      department: row.department,
      body: row.body,
      opens_on: beijingDate(row.opens_at),
      closes_on: lastDayOf(row),
    };
    const props = {
      me: meOf(request),
      row,
      phase: phaseOf(row, ctx.now()),
      comments,
      values: shown,
      errors,
      flash: flashOf(request),
    };
    return send(
      request,
      reply,
      (view) => h(ConsultationAdminPage, { view, ...props }),
      errors ? 400 : 200,
    );
  };
  app.get(
    '/admin/consultations/:id',
    { config: access, schema: { params: IdParams, querystring: OkQuery } },
    (request, reply) => detail(request, reply),
  );
  app.post(
    '/admin/consultations/:id',
    { config: access, schema: { params: IdParams, body: ConsultationBody } },
    async (request, reply) => {
      const { id } = request.params as { id: string };
      const b = request.body as Record<string, string | undefined>;
      try {
        await updateConsultation(ctx, staffOf(request), id, inputOf(b));
      } catch (err) {
        return detail(request, reply, b, fieldsOf(err));
      }
      return reply.redirect(`/admin/consultations/${id}?ok=saved`, 303);
    },
  );
  for (const action of ['publish', 'withdraw'] as const)
    app.post(
      `/admin/consultations/:id/${action}`,
      { config: access, schema: { params: IdParams, body: Empty } },
      async (request, reply) => {
        const { id } = request.params as { id: string };
        await setConsultationStatus(
          ctx,
          staffOf(request),
          id,
          action === 'publish' ? 'published' : 'draft',
        );
        return reply.redirect(`/admin/consultations/${id}?ok=saved`, 303);
      },
    );
  app.post(
    '/admin/consultations/:id/summary',
    { config: access, schema: { params: IdParams, body: SummaryBody } },
    async (request, reply) => {
      const { id } = request.params as { id: string };
      const summary = (request.body as { summary?: string }).summary ?? '';
      try {
        await publishSummary(ctx, staffOf(request), id, summary);
      } catch (err) {
        return detail(request, reply, { summary }, fieldsOf(err));
      }
      return reply.redirect(`/admin/consultations/${id}?ok=saved`, 303);
    },
  );
  app.post(
    '/admin/consultations/:id/comments/:comment/:action',
    { config: access, schema: { params: CommentParams, body: Empty } },
    async (request, reply) => {
      const p = request.params as { id: string; comment: string; action: 'show' | 'hide' };
      await moderateComment(
        ctx,
        staffOf(request),
        p.id,
        p.comment,
        p.action === 'show' ? 'shown' : 'hidden',
      );
      return reply.redirect(`/admin/consultations/${p.id}?ok=saved`, 303);
    },
  );
}

function inputOf(b: Record<string, string | undefined>) {
  return {
    siteCode: b.site ?? '',
    title: b.title ?? '',
    department: b.department ?? '',
    body: b.body ?? '',
    opensOn: b.opens_on ?? '',
    closesOn: b.closes_on ?? '',
  };
}

function surveyRoutes(app: FastifyInstance, ctx: AppContext, sitesFor: SitesFor) {
  listRoutes(app, sitesFor, {
    href: '/admin/surveys',
    body: SurveyBody,
    rows: (staff) => listManagedSurveys(ctx, staff),
    page: SurveyAdminListPage,
    create: (staff, b) =>
      createSurvey(ctx, staff, {
        siteCode: b.site ?? '',
        title: b.title ?? '',
        intro: b.intro ?? '',
        opensOn: b.opens_on ?? '',
        closesOn: b.closes_on ?? '',
      }),
  });

  const detail = async (
    request: FastifyRequest,
    reply: FastifyReply,
    values: Record<string, string | undefined>,
    errors?: Record<string, string>,
  ) => {
    const row = await surveyFor(ctx, staffOf(request), (request.params as { id: string }).id);
    const questions = await questionsOf(ctx, row.id);
    const editable = row.status === 'draft' && (await responseCount(ctx, row.id)) === 0;
    const results = await surveyResults(ctx, row.id);
    const props = {
      me: meOf(request),
      row,
      phase: phaseOf(row, ctx.now()),
      questions,
      editable,
      results,
      values,
      errors,
      flash: flashOf(request),
    };
    return send(
      request,
      reply,
      (view) => h(SurveyAdminPage, { view, ...props }),
      errors ? 400 : 200,
    );
  };
  app.get(
    '/admin/surveys/:id',
    { config: access, schema: { params: IdParams, querystring: OkQuery } },
    (request, reply) => detail(request, reply, { kind: 'single', required: '1' }),
  );
  app.post(
    '/admin/surveys/:id/questions',
    { config: access, schema: { params: IdParams, body: QuestionBody } },
    async (request, reply) => {
      const { id } = request.params as { id: string };
      const b = request.body as Record<string, string | undefined>;
      try {
        await addQuestion(ctx, staffOf(request), id, {
          kind: b.kind ?? '',
          prompt: b.prompt ?? '',
          required: b.required === '1',
          options: b.options ?? '',
        });
      } catch (err) {
        return detail(request, reply, b, fieldsOf(err));
      }
      return reply.redirect(`/admin/surveys/${id}?ok=saved`, 303);
    },
  );
  app.post(
    '/admin/surveys/:id/questions/:question/remove',
    { config: access, schema: { params: QuestionParams, body: Empty } },
    async (request, reply) => {
      const p = request.params as { id: string; question: string };
      await removeQuestion(ctx, staffOf(request), p.id, p.question);
      return reply.redirect(`/admin/surveys/${p.id}?ok=saved`, 303);
    },
  );
  app.post(
    '/admin/surveys/:id/publish',
    { config: access, schema: { params: IdParams, body: Empty } },
    async (request, reply) => {
      const { id } = request.params as { id: string };
      await publishSurvey(ctx, staffOf(request), id);
      return reply.redirect(`/admin/surveys/${id}?ok=saved`, 303);
    },
  );
  app.get(
    '/admin/surveys/:id/export.csv',
    { config: access, schema: { params: IdParams } },
    async (request, reply) => {
      const staff = staffOf(request);
      const row = await surveyFor(ctx, staff, (request.params as { id: string }).id);
      const csv = await surveyCsv(ctx, row.id);
      return reply
        .header('cache-control', 'no-store')
        .header('content-disposition', `attachment; filename="survey-${row.id}.csv"`)
        .type('text/csv; charset=utf-8')
        .send(csv);
    },
  );
}
