// Back-office routes under /admin/notify, all needing 'outbox.view': the
// outbox with search, cancel and resend; one message (reading its text is
// audited, it is personal data); the templates and their editing. Every
// change is a POST with the CSRF token and an audit record.
import { Type } from '@sinclair/typebox';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { h } from 'preact';
import { DomainError } from '../../../platform/errors.ts';
import type { AppContext } from '../../../platform/module.ts';
import { sendPage } from '../../../web/view.ts';
import { type Actor, audit } from '../../identity/audit-events.ts';
import { listOutbox } from '../outbox.ts';
import { cancelMessage, getMessage, resendMessage } from '../outbox-admin.ts';
import type { Channel } from '../tables.ts';
import { listTemplates, resetTemplate, saveTemplate, templateNameOf } from '../template-store.ts';
import { MessagePage, OutboxListPage } from './outbox-pages.tsx';
import { TemplateEditPage, TemplatesPage } from './template-pages.tsx';

const access = { access: { permission: 'outbox.view' as const } };
const opt = (max: number) => Type.Optional(Type.String({ maxLength: max }));
const IdParams = Type.Object({ id: Type.String({ pattern: '^[0-9a-f-]{36}$' }) });
const NameParams = Type.Object({ name: Type.String({ maxLength: 100 }) });
const ListQuery = Type.Object({ to: opt(254), status: opt(16), channel: opt(8), done: opt(16) });
const DoneQuery = Type.Object({ done: opt(16) });
const EmptyBody = Type.Object({}, { additionalProperties: false });
const TemplateBody = Type.Object(
  { subject: opt(500), text: Type.String({ maxLength: 6000 }) },
  { additionalProperties: false },
);

const FLASH: Record<string, string> = {
  cancelled: '已取消发送。',
  resent: '已加入发送队列（新的一条）。',
  saved: '模板已保存。新消息将使用修改后的内容。',
  reset: '模板已恢复为默认内容。',
};

function actorOf(request: FastifyRequest): Actor {
  const account = request.auth?.account;
  if (!account) throw new DomainError('unauthenticated', '请先登录');
  return { id: account.id, name: account.username ?? account.display_name, ip: request.ip };
}

export function notifyAdminRoutes(app: FastifyInstance, ctx: AppContext): void {
  app.get(
    '/admin/notify',
    { config: access, schema: { querystring: ListQuery } },
    async (request, reply) => {
      const q = request.query as { to?: string; status?: string; channel?: string; done?: string };
      const channel =
        q.channel === 'sms' || q.channel === 'email' ? (q.channel as Channel) : undefined;
      const messages = await listOutbox(ctx, {
        to: q.to?.trim() || undefined,
        status: q.status || undefined,
        channel,
        limit: 100,
      });
      reply.header('cache-control', 'no-store');
      const gateways = {
        sms: Boolean(ctx.config.notify.smppUrl),
        email: Boolean(ctx.config.notify.smtpUrl),
      };
      return sendPage(request, reply, (view) =>
        h(OutboxListPage, { view, messages, query: q, flash: FLASH[q.done ?? ''], gateways }),
      );
    },
  );

  app.get(
    '/admin/notify/messages/:id',
    { config: access, schema: { params: IdParams, querystring: DoneQuery } },
    async (request, reply) => {
      const { id } = request.params as { id: string };
      const m = await getMessage(ctx, id);
      await audit(ctx, ctx.db.kysely, {
        actor: actorOf(request),
        action: 'notify.message.view',
        targetType: 'outbox_message',
        targetId: id,
        outcome: 'success',
      });
      reply.header('cache-control', 'no-store');
      const done = (request.query as { done?: string }).done;
      return sendPage(request, reply, (view) =>
        h(MessagePage, { view, m, flash: FLASH[done ?? ''] }),
      );
    },
  );

  app.post(
    '/admin/notify/messages/:id/cancel',
    { config: access, schema: { params: IdParams, body: EmptyBody } },
    async (request, reply) => {
      const { id } = request.params as { id: string };
      await cancelMessage(ctx, id, actorOf(request));
      return reply.redirect(`/admin/notify/messages/${id}?done=cancelled`, 303);
    },
  );

  app.post(
    '/admin/notify/messages/:id/resend',
    { config: access, schema: { params: IdParams, body: EmptyBody } },
    async (request, reply) => {
      const { id } = request.params as { id: string };
      const copy = await resendMessage(ctx, id, actorOf(request));
      return reply.redirect(`/admin/notify/messages/${copy}?done=resent`, 303);
    },
  );

  app.get(
    '/admin/notify/templates',
    { config: access, schema: { querystring: DoneQuery } },
    async (request, reply) => {
      const templates = await listTemplates(ctx);
      const done = (request.query as { done?: string }).done;
      return sendPage(request, reply, (view) =>
        h(TemplatesPage, { view, templates, flash: FLASH[done ?? ''] }),
      );
    },
  );

  const findTemplate = async (raw: string) => {
    const name = templateNameOf(raw);
    return (await listTemplates(ctx)).find((t) => t.name === name)!;
  };

  app.get(
    '/admin/notify/templates/:name',
    { config: access, schema: { params: NameParams } },
    async (request, reply) => {
      const template = await findTemplate((request.params as { name: string }).name);
      return sendPage(request, reply, (view) =>
        h(TemplateEditPage, { view, template, values: template.content }),
      );
    },
  );

  app.post(
    '/admin/notify/templates/:name',
    { config: access, schema: { params: NameParams, body: TemplateBody } },
    async (request, reply) => {
      const template = await findTemplate((request.params as { name: string }).name);
      const body = request.body as { subject?: string; text: string };
      const values = { subject: body.subject, text: body.text.replace(/\r\n/g, '\n') };
      try {
        await saveTemplate(ctx, template.name, values, actorOf(request));
      } catch (err) {
        if (!(err instanceof DomainError) || !err.fields) throw err;
        const errors = err.fields;
        return sendPage(
          request,
          reply,
          (view) => h(TemplateEditPage, { view, template, values, errors }),
          400,
        );
      }
      return reply.redirect('/admin/notify/templates?done=saved', 303);
    },
  );

  app.post(
    '/admin/notify/templates/:name/reset',
    { config: access, schema: { params: NameParams, body: EmptyBody } },
    async (request, reply) => {
      const template = await findTemplate((request.params as { name: string }).name);
      await resetTemplate(ctx, template.name, actorOf(request));
      return reply.redirect('/admin/notify/templates?done=reset', 303);
    },
  );
}
