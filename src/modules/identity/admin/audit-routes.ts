// The audit log ('audit.read' to read, 'audit.export' to download): GET
// /admin/audit and GET /admin/audit/export.csv with the same filters. Dates
// in the filters are Beijing calendar days; the stored times are UTC.
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { h } from 'preact';
import type { AppContext } from '../../../platform/module.ts';
import { translator } from '../../../web/i18n/index.ts';
import { sendPage } from '../../../web/view.ts';
import {
  type AuditExportFilters,
  auditKey,
  exportAuditCsv,
  queryAudit,
  verifyAuditChain,
} from '../../audit/index.ts';
import { audit } from '../audit-events.ts';
import { can } from '../permissions.ts';
import { AuditPage } from './audit-page.tsx';
import { actorFor, authOf, beijingDayStart, beijingTime, formErrors, meOf } from './http.ts';
import { AuditQuery } from './schemas.ts';

const zh = translator('zh-CN');
const PAGE_SIZE = 50;
const FILTERS = ['from', 'to', 'actor', 'action', 'outcome'] as const;

/** The filter values as typed (valid ones only), for the form and the links. */
function filterValues(request: FastifyRequest, errors: Record<string, string> = {}) {
  const q = (request.query ?? {}) as Record<string, unknown>;
  const values: Record<string, string> = {};
  for (const name of FILTERS) {
    const v = q[name];
    values[name] = typeof v === 'string' && !errors[name] ? v.slice(0, 64) : '';
  }
  return values;
}

function toFilters(values: Record<string, string>): AuditExportFilters {
  return {
    from: values.from ? beijingDayStart(values.from) : undefined,
    // The "to" day is included: the bound is the start of the next day.
    to: values.to ? beijingDayStart(values.to, 1) : undefined,
    actorName: values.actor || undefined,
    action: values.action || undefined,
    outcome: (values.outcome || undefined) as AuditExportFilters['outcome'],
  };
}

export function auditRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();

  r.get(
    '/admin/audit',
    {
      config: { access: { permission: 'audit.read' } },
      schema: { querystring: AuditQuery },
      attachValidation: true,
    },
    async (request, reply) => {
      const errors = formErrors(request);
      const filters = filterValues(request, errors);
      const page = errors ? 1 : (request.query.page ?? 1);
      const [result, verification] = await Promise.all([
        queryAudit(ctx.db, {
          ...toFilters(filters),
          limit: PAGE_SIZE,
          offset: (page - 1) * PAGE_SIZE,
        }),
        verifyAuditChain(ctx.db, auditKey(ctx.config.secret)),
      ]);
      return sendPage(
        request,
        reply,
        (view) =>
          h(AuditPage, {
            view,
            me: meOf(request),
            filters,
            entries: result.entries,
            total: result.total,
            page,
            pageSize: PAGE_SIZE,
            verification,
            canExport: can(authOf(request).grants, 'audit.export'),
            errors,
          }),
        errors ? 400 : 200,
      );
    },
  );

  r.get(
    '/admin/audit/export.csv',
    {
      config: { access: { permission: 'audit.export' } },
      schema: { querystring: AuditQuery },
      attachValidation: true,
    },
    async (request, reply) => {
      const errors = formErrors(request);
      if (errors)
        return reply.code(400).type('text/plain; charset=utf-8').send(zh('admin.audit.badFilter'));
      const filters = filterValues(request);
      // Recorded before the file is built, so the export cannot happen unrecorded.
      await audit(ctx, ctx.db.kysely, {
        actor: actorFor(request),
        action: 'audit.export',
        targetType: 'audit_log',
        outcome: 'success',
        detail: { filters },
      });
      const csv = await exportAuditCsv(ctx.db, toFilters(filters));
      const day = beijingTime(ctx.now().toISOString()).slice(0, 10).replaceAll('-', '');
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="audit-${day}.csv"`)
        .header('cache-control', 'no-store')
        .send(csv);
    },
  );
}
