// The back-office editor of application forms: each online service's form
// definition as JSON, checked against the definition schema when saved (a
// refused definition is shown again with every problem, nothing stored).

import { Type } from '@sinclair/typebox';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { h } from 'preact';
import { DomainError, notFound } from '../../../platform/errors.ts';
import type { AppContext } from '../../../platform/module.ts';
import { Button, ErrorSummary, TextArea } from '../../../web/components/form.tsx';
import { translator } from '../../../web/i18n/index.ts';
import type { ViewContext } from '../../../web/view.ts';
import { sendPage } from '../../../web/view.ts';
import { actorFor, authOf, formErrors, meOf } from '../../identity/admin/http.ts';
import type { Me } from '../../identity/admin/layout.tsx';
import { onlineServicesOf } from '../catalog.ts';
import { findForm, listForms, saveForm } from '../forms.ts';
import { Workspace } from './admin-pages.tsx';
import { orgsFor } from './scope.ts';

const tr = translator('zh-CN');

const manage = { access: { permission: 'service.manage' as const, anyScope: true } };
const CodeParams = Type.Object(
  { code: Type.String({ maxLength: 32 }) },
  { additionalProperties: false },
);
const FormBody = Type.Object(
  { definition: Type.String({ maxLength: 100_000 }) },
  { additionalProperties: false },
);
const OkQuery = Type.Object(
  { ok: Type.Optional(Type.String({ maxLength: 8 })) },
  { additionalProperties: false },
);

type Service = { code: string; name: string; status: string };

function FormsListPage({
  view,
  me,
  services,
  versions,
}: {
  view: ViewContext;
  me: Me;
  services: Service[];
  versions: Map<string, number>;
}) {
  const title = view.t('applications.forms.title');
  return (
    <Workspace view={view} me={me} title={title}>
      <h1>{title}</h1>
      {services.length === 0 ? (
        <p>{tr('applications.forms.none')}</p>
      ) : (
        <table class="table">
          <caption>{tr('applications.forms.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{tr('applications.forms.col.code')}</th>
              <th scope="col">{tr('applications.forms.col.name')}</th>
              <th scope="col">{tr('applications.forms.col.form')}</th>
            </tr>
          </thead>
          <tbody>
            {services.map((s) => (
              <tr key={s.code}>
                <td>{s.code}</td>
                <td>{s.name}</td>
                <td>
                  <a href={`/admin/application-forms/${s.code}`}>
                    {versions.has(s.code)
                      ? tr('applications.forms.version', { version: versions.get(s.code) ?? 0 })
                      : tr('applications.forms.new')}
                  </a>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Workspace>
  );
}

function FormEditPage(props: {
  view: ViewContext;
  me: Me;
  service: Service;
  text: string;
  errors: Record<string, string>;
  saved: boolean;
}) {
  const { view, me, service } = props;
  const title = view.t('applications.forms.edit', { code: `${service.code} ${service.name}` });
  return (
    <Workspace
      view={view}
      me={me}
      title={title}
      flash={props.saved ? tr('applications.forms.saved') : undefined}
    >
      <h1>{title}</h1>
      <ErrorSummary errors={props.errors} />
      <p>{tr('applications.forms.help')}</p>
      <form
        class="form form-wide definition-editor"
        action={`/admin/application-forms/${service.code}`}
        method="post"
        novalidate
      >
        <input type="hidden" name="_csrf" value={view.csrfToken()} />
        <TextArea
          name="definition"
          label={tr('applications.forms.definition')}
          value={props.text}
          rows={24}
          error={props.errors.definition}
          required
          wide
        />
        <Button>{tr('applications.forms.save')}</Button>
      </form>
      <p>
        <a href="/admin/application-forms">{tr('applications.forms.back')}</a>
      </p>
    </Workspace>
  );
}

export function formAdminRoutes(app: FastifyInstance, ctx: AppContext): void {
  async function serviceFor(request: FastifyRequest, code: string): Promise<Service> {
    const orgIds = await orgsFor(ctx, authOf(request).grants, 'service.manage');
    const service = (await onlineServicesOf(ctx, orgIds)).find((s) => s.code === code);
    if (!service) throw notFound(tr('applications.forms.notFound'));
    return service;
  }

  function edit(
    request: FastifyRequest,
    reply: FastifyReply,
    service: Service,
    text: string,
    errors: Record<string, string> = {},
    status = 200,
  ) {
    const saved = (request.query as { ok?: string } | undefined)?.ok === 'saved';
    reply.header('cache-control', 'no-store');
    return sendPage(
      request,
      reply,
      (view) => h(FormEditPage, { view, me: meOf(request), service, text, errors, saved }),
      status,
    );
  }

  app.get('/admin/application-forms', { config: manage }, async (request, reply) => {
    const services = await onlineServicesOf(
      ctx,
      await orgsFor(ctx, authOf(request).grants, 'service.manage'),
    );
    const versions = new Map((await listForms(ctx)).map((f) => [f.service_code, f.version]));
    reply.header('cache-control', 'no-store');
    return sendPage(request, reply, (view) =>
      h(FormsListPage, { view, me: meOf(request), services, versions }),
    );
  });

  app.get(
    '/admin/application-forms/:code',
    {
      config: manage,
      schema: { params: CodeParams, querystring: OkQuery },
      attachValidation: true,
    },
    async (request: FastifyRequest<{ Params: { code: string } }>, reply) => {
      formErrors(request);
      const service = await serviceFor(request, request.params.code);
      const form = await findForm(ctx, service.code);
      const text = JSON.stringify(form?.definition ?? { fields: [], materials: [] }, null, 2);
      return edit(request, reply, service, text);
    },
  );

  app.post(
    '/admin/application-forms/:code',
    { config: manage, schema: { params: CodeParams, body: FormBody }, attachValidation: true },
    async (
      request: FastifyRequest<{ Params: { code: string }; Body: { definition?: string } }>,
      reply,
    ) => {
      const invalid = formErrors(request);
      const service = await serviceFor(request, request.params.code);
      const text = typeof request.body?.definition === 'string' ? request.body.definition : '';
      if (invalid)
        return edit(
          request,
          reply,
          service,
          text,
          { definition: tr('applications.forms.tooLong') },
          400,
        );
      try {
        await saveForm(ctx, service.code, text, actorFor(request));
      } catch (err) {
        if (err instanceof DomainError && err.status === 400)
          return edit(
            request,
            reply,
            service,
            text,
            err.fields ?? { definition: err.message },
            400,
          );
        throw err;
      }
      return reply.redirect(`/admin/application-forms/${service.code}?ok=saved`, 303);
    },
  );
}
