// GET /admin/outbox ('outbox.view'): the development sink, recipients masked.
// GET /admin/jobs and POST /admin/jobs/:id/retry ('jobs.manage'): the queue's
// counts and its dead letters.
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { h } from 'preact';
import { notFound } from '../../../platform/errors.ts';
import type { AppContext } from '../../../platform/module.ts';
import { translator } from '../../../web/i18n/index.ts';
import { sendPage } from '../../../web/view.ts';
import { listOutbox } from '../../notify/outbox.ts';
import { audit } from '../audit-events.ts';
import { maskPhone } from '../validators.ts';
import { JOB_STATUS } from './dashboard.tsx';
import { actorFor, flashOf, meOf, requireValid } from './http.ts';
import { JobsPage, OutboxPage } from './ops-pages.tsx';
import { EmptyBody, FlashQuery, IdParams } from './schemas.ts';

const zh = translator('zh-CN');

/** 'zhang.san@example.cn' → 'z***@example.cn'. */
function maskEmail(address: string): string {
  const at = address.lastIndexOf('@');
  return at > 0 ? `${address[0]}***${address.slice(at)}` : '***';
}

export function opsRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const jobs = { access: { permission: 'jobs.manage' as const } };

  r.get(
    '/admin/outbox',
    { config: { access: { permission: 'outbox.view' } } },
    async (request, reply) => {
      const messages = (await listOutbox(ctx, { limit: 100 })).map((m) => ({
        ...m,
        to: m.channel === 'sms' ? maskPhone(m.to) : maskEmail(m.to),
      }));
      return sendPage(request, reply, (view) =>
        h(OutboxPage, { view, me: meOf(request), messages }),
      );
    },
  );

  r.get(
    '/admin/jobs',
    { config: jobs, schema: { querystring: FlashQuery }, attachValidation: true },
    async (request, reply) => {
      const [counts, dead] = await Promise.all([
        ctx.jobs.countsByStatus(),
        ctx.jobs.list({ status: 'dead', limit: 100 }),
      ]);
      return sendPage(request, reply, (view) =>
        h(JobsPage, {
          view,
          me: meOf(request),
          counts,
          labels: JOB_STATUS,
          dead,
          flash: flashOf(request),
        }),
      );
    },
  );

  r.post(
    '/admin/jobs/:id/retry',
    { config: jobs, schema: { params: IdParams, body: EmptyBody }, attachValidation: true },
    async (request, reply) => {
      requireValid(request);
      const id = request.params.id;
      if (!(await ctx.jobs.retry(id))) throw notFound(zh('admin.jobs.notDead'));
      await audit(ctx, ctx.db.kysely, {
        actor: actorFor(request),
        action: 'job.retry',
        targetType: 'job',
        targetId: id,
        outcome: 'success',
      });
      return reply.redirect('/admin/jobs?ok=retried', 303);
    },
  );
}
