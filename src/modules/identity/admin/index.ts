// The back office under /admin: sign-in with a second factor, the dashboard,
// and the administration sections. Each route declares its access; the
// identity guard checks it before the handler runs. Registered in its own
// plugin so its pages are never cached.
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../../platform/module.ts';
import { accountRoutes } from './account-routes.ts';
import { auditRoutes } from './audit-routes.ts';
import { dashboardRoutes } from './dashboard.tsx';
import { loginRoutes } from './login-routes.ts';
import { mfaRoutes } from './mfa-routes.ts';
import { opsRoutes } from './ops-routes.ts';
import { orgRoutes } from './org-routes.ts';
import { roleRoutes } from './role-routes.ts';
import { sessionRoutes } from './session-routes.ts';
import { userRoutes } from './user-routes.ts';

export async function registerAdmin(app: FastifyInstance, ctx: AppContext): Promise<void> {
  await app.register(async (admin) => {
    // Back-office pages carry personal data and one-time secrets: no cache may keep them.
    admin.addHook('onSend', async (_request, reply) => {
      reply.header('cache-control', 'no-store');
    });
    for (const routes of [
      loginRoutes,
      mfaRoutes,
      accountRoutes,
      dashboardRoutes,
      orgRoutes,
      userRoutes,
      roleRoutes,
      sessionRoutes,
      auditRoutes,
      opsRoutes,
    ]) {
      routes(admin, ctx);
    }
  });
}
