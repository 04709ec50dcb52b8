// GET /admin: who I am, my roles, the sections I may open; job counts for
// whoever manages jobs.
import type { FastifyInstance } from 'fastify';
import type { JobStatus } from '../../../platform/jobs/queue.ts';
import type { AppContext } from '../../../platform/module.ts';
import type { MessageKey } from '../../../web/i18n/index.ts';
import { sendPage, type ViewContext } from '../../../web/view.ts';
import { listOrganisations } from '../organisations.ts';
import { can } from '../permissions.ts';
import type { AccountRow } from '../tables.ts';
import { authOf, flashOf, meOf } from './http.ts';
import { grantLabel } from './labels.ts';
import { AdminLayout, type Me, sectionsFor } from './layout.tsx';

export const JOB_STATUS: Record<JobStatus, MessageKey> = {
  pending: 'admin.jobs.pending',
  running: 'admin.jobs.running',
  succeeded: 'admin.jobs.succeeded',
  dead: 'admin.jobs.dead',
};

interface DashboardProps {
  view: ViewContext;
  me: Me;
  account: AccountRow;
  orgNames: ReadonlyMap<string, string>;
  jobCounts?: Record<JobStatus, number>;
  flash?: MessageKey;
}

function DashboardPage({ view, me, account, orgNames, jobCounts, flash }: DashboardProps) {
  const { t } = view;
  const sections = sectionsFor(me.grants).filter((s) => s.href !== '/admin');
  return (
    <AdminLayout view={view} title={t('admin.nav.dashboard')} me={me} flash={flash}>
      <h1>{t('admin.dashboard.title', { name: account.display_name })}</h1>
      <h2>{t('admin.dashboard.me')}</h2>
      <dl class="facts">
        <div>
          <dt>{t('admin.users.username')}</dt>
          <dd>{account.username}</dd>
        </div>
        <div>
          <dt>{t('admin.users.displayName')}</dt>
          <dd>{account.display_name}</dd>
        </div>
        <div>
          <dt>{t('admin.dashboard.roles')}</dt>
          <dd>
            {me.grants.length === 0 ? (
              t('admin.dashboard.noRoles')
            ) : (
              <ul>
                {me.grants.map((g) => (
                  <li key={`${g.role}|${g.scope}`}>{grantLabel(t, g, orgNames)}</li>
                ))}
              </ul>
            )}
          </dd>
        </div>
      </dl>
      <h2>{t('admin.dashboard.sections')}</h2>
      <ul class="cards">
        {sections.map((s) => (
          <li key={s.href}>
            <a href={s.href}>{t(s.label)}</a>
            <p class="hint">{t(s.hint)}</p>
          </li>
        ))}
      </ul>
      {jobCounts && (
        <>
          <h2>{t('admin.nav.jobs')}</h2>
          <dl class="facts">
            {(Object.keys(JOB_STATUS) as JobStatus[]).map((status) => (
              <div key={status}>
                <dt>{t(JOB_STATUS[status])}</dt>
                <dd>{jobCounts[status]}</dd>
              </div>
            ))}
          </dl>
          {jobCounts.dead > 0 && (
            <p class="notice" role="status">
              <a href="/admin/jobs">{t('admin.dashboard.deadJobs', { n: jobCounts.dead })}</a>
            </p>
          )}
        </>
      )}
    </AdminLayout>
  );
}

export function dashboardRoutes(app: FastifyInstance, ctx: AppContext): void {
  app.get('/admin', { config: { access: 'staff' } }, async (request, reply) => {
    const { account, grants } = authOf(request);
    const orgs = await listOrganisations(ctx.db);
    const orgNames = new Map(orgs.map((o) => [o.id, o.name]));
    const jobCounts = can(grants, 'jobs.manage') ? await ctx.jobs.countsByStatus() : undefined;
    return sendPage(request, reply, (view) => (
      <DashboardPage
        view={view}
        me={meOf(request)}
        account={account}
        orgNames={orgNames}
        jobCounts={jobCounts}
        flash={flashOf(request)}
      />
    ));
  });
}
