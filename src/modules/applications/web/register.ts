// Registers the module's pages: public lookup and statistics, the members'
// application form and their own applications, and the back office. Pages
// that take files get multipart parsing in their own encapsulated scope.
import multipart from '@fastify/multipart';
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../../platform/module.ts';
import { addAdminSection } from '../../identity/admin/layout.tsx';
import { accountRoutes } from './account-routes.ts';
import { adminRoutes } from './admin-routes.ts';
import { applyRoutes } from './apply-routes.ts';
import { followupRoutes } from './followup-routes.ts';
import { formAdminRoutes } from './form-admin.tsx';
import { APPLICATION_MULTIPART_LIMITS } from './multipart.ts';
import { publicRoutes } from './public-routes.ts';

export async function registerApplicationRoutes(
  app: FastifyInstance,
  ctx: AppContext,
): Promise<void> {
  addAdminSection({
    href: '/admin/applications',
    label: 'applications.nav.queue',
    hint: 'applications.hint.queue',
    need: 'case.handle',
    anyScope: true,
  });
  addAdminSection({
    href: '/admin/applications/followups',
    label: 'applications.nav.followups',
    hint: 'applications.hint.followups',
    need: 'case.handle',
    anyScope: true,
  });
  addAdminSection({
    href: '/admin/applications/overdue',
    label: 'applications.nav.overdue',
    hint: 'applications.hint.overdue',
    need: 'case.supervise',
    anyScope: true,
  });
  addAdminSection({
    href: '/admin/application-forms',
    label: 'applications.nav.forms',
    hint: 'applications.hint.forms',
    need: 'service.manage',
    anyScope: true,
  });
  publicRoutes(app, ctx);
  await app.register(async (scope) => {
    await scope.register(multipart, {
      limits: APPLICATION_MULTIPART_LIMITS,
      throwFileSizeLimit: true,
    });
    applyRoutes(scope, ctx);
    accountRoutes(scope, ctx);
    await scope.register(async (admin) => {
      admin.addHook('onSend', async (_request, reply) => {
        reply.header('cache-control', 'no-store');
      });
      adminRoutes(admin, ctx);
      followupRoutes(admin, ctx);
      formAdminRoutes(admin, ctx);
    });
  });
}
