// Public account pages for citizens and enterprises: registration, sign-in
// and sign-out, forgotten password, 我的账号 with its sessions, password change.
// Registered after installGuard, which checks every route's config.access.
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../../platform/module.ts';
import { registerAccountRoutes } from './account-routes.ts';
import { registerLoginRoutes } from './login-routes.ts';
import { registerRegistrationRoutes } from './register-routes.ts';

export function publicAccountRoutes(app: FastifyInstance, ctx: AppContext): void {
  registerRegistrationRoutes(app, ctx);
  registerLoginRoutes(app, ctx);
  registerAccountRoutes(app, ctx);
}
