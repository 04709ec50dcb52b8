// The application form for a signed-in citizen or enterprise:
//   GET/POST /services/:code/apply           one service
//   GET/POST /services/bundles/:code/apply   an 一件事 bundle (fans out on submit)
// GET shows the form (with the latest draft, if any); POST saves a draft or
// submits. A refused post shows the form again with every problem and its
// status (400 for the form, 413/415 for files) and stores no application.
import { Type } from '@sinclair/typebox';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { h } from 'preact';
import { DomainError } from '../../../platform/errors.ts';
import { randomToken } from '../../../platform/ids.ts';
import type { AppContext } from '../../../platform/module.ts';
import { sendPage } from '../../../web/view.ts';
import { ownPhone } from '../../identity/accounts.ts';
import { onlineBundle, onlineService } from '../catalog.ts';
import type { FieldErrors, FormValues } from '../form-compile.ts';
import { bundleForm, formOf } from '../forms.ts';
import { filesOf, findDraft } from '../queries.ts';
import { type Applicant, decryptValues, saveApplication, type Target } from '../submission.ts';
import { ApplyPage } from './apply-page.tsx';
import { portalFrame } from './chrome.tsx';
import { receiveForm } from './multipart.ts';

const CodeParams = Type.Object(
  { code: Type.String({ maxLength: 32 }) },
  { additionalProperties: false },
);
const ApplyQuery = Type.Object({ ok: Type.Optional(Type.String({ maxLength: 10 })) });

interface Loaded {
  target: Target;
  name: string;
  members: { name: string }[];
  action: string;
}

async function loadService(ctx: AppContext, code: string): Promise<Loaded> {
  const service = await onlineService(ctx, code);
  return {
    target: { kind: 'service', service, definition: await formOf(ctx, code) },
    name: service.name,
    members: [],
    action: `/services/${service.code}/apply`,
  };
}

async function loadBundle(ctx: AppContext, code: string): Promise<Loaded> {
  const bundle = await onlineBundle(ctx, code);
  const codes = bundle.members.map((m) => m.code);
  const memberDefinitions = new Map();
  for (const c of codes) memberDefinitions.set(c, await formOf(ctx, c));
  return {
    target: { kind: 'bundle', bundle, definition: await bundleForm(ctx, codes), memberDefinitions },
    name: bundle.name,
    members: bundle.members,
    action: `/services/bundles/${bundle.code}/apply`,
  };
}

export function applicantOf(ctx: AppContext, request: FastifyRequest): Applicant {
  const account = request.auth?.account;
  if (!account) throw new DomainError('unauthenticated', '请先登录');
  return {
    id: account.id,
    name: account.real_name ?? account.display_name,
    phone: ownPhone(ctx, account),
    ip: request.ip,
  };
}

export function applyRoutes(app: FastifyInstance, ctx: AppContext): void {
  const member = { access: 'member' as const };

  async function show(
    request: FastifyRequest,
    reply: FastifyReply,
    loaded: Loaded,
    state: {
      values?: FormValues;
      errors?: FieldErrors;
      token?: string;
      message?: string;
      status?: number;
    },
  ) {
    const applicant = applicantOf(ctx, request);
    const code = loaded.action.split('/').at(-2)!;
    const draft = await findDraft(ctx, applicant.id, code);
    const attached = draft ? await filesOf(ctx, draft.row.id) : [];
    const frame = await portalFrame(ctx);
    reply.header('cache-control', 'no-store');
    return sendPage(
      request,
      reply,
      (view) =>
        h(ApplyPage, {
          view,
          frame,
          name: loaded.name,
          action: loaded.action,
          members: loaded.members,
          definition: loaded.target.definition,
          token: state.token ?? draft?.token ?? randomToken(18),
          values: state.values ?? (draft ? decryptValues(ctx, draft.row) : {}),
          errors: state.errors ?? {},
          attached,
          message: state.message,
          saved: (request.query as { ok?: string }).ok === 'draft',
        }),
      state.status ?? 200,
    );
  }

  async function post(request: FastifyRequest, reply: FastifyReply, loaded: Loaded) {
    const applicant = applicantOf(ctx, request);
    const form = await receiveForm(app, ctx, request, reply);
    const { _token: token = '', _action: action = 'submit', ...values } = form.fields;
    if (form.fileStatus)
      return show(request, reply, loaded, {
        values,
        token,
        errors: form.fileErrors,
        message: '有文件未通过检查，申请未保存。',
        status: form.fileStatus,
      });
    try {
      const saved = await saveApplication(ctx, {
        target: loaded.target,
        applicant,
        token,
        values,
        files: form.files,
        submit: action !== 'draft',
      });
      if (saved.status === 'draft') return reply.redirect(`${loaded.action}?ok=draft`, 303);
      return reply.redirect(`/account/applications/${saved.id}?ok=submitted`, 303);
    } catch (err) {
      if (!(err instanceof DomainError) || err.status !== 400) throw err;
      return show(request, reply, loaded, {
        values,
        token,
        errors: err.fields ?? {},
        message: err.message,
        status: 400,
      });
    }
  }

  const opts = { config: member, schema: { params: CodeParams, querystring: ApplyQuery } };
  const postOpts = { config: { ...member, csrf: false }, schema: { params: CodeParams } };
  type WithCode = FastifyRequest<{ Params: { code: string } }>;
  app.get('/services/:code/apply', opts, async (request: WithCode, reply) =>
    show(request, reply, await loadService(ctx, request.params.code), {}),
  );
  app.post('/services/:code/apply', postOpts, async (request: WithCode, reply) =>
    post(request, reply, await loadService(ctx, request.params.code)),
  );
  app.get('/services/bundles/:code/apply', opts, async (request: WithCode, reply) =>
    show(request, reply, await loadBundle(ctx, request.params.code), {}),
  );
  app.post('/services/bundles/:code/apply', postOpts, async (request: WithCode, reply) =>
    post(request, reply, await loadBundle(ctx, request.params.code)),
  );
}
