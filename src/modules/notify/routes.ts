// Every HTTP route of the notify module: back office, unsubscribe, and a
// member's subscriptions.
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../platform/module.ts';
import { notifyAdminRoutes } from './web/admin-routes.ts';
import { notifyPublicRoutes } from './web/public-routes.ts';

export function notifyRoutes(app: FastifyInstance, ctx: AppContext): void {
  notifyAdminRoutes(app, ctx);
  notifyPublicRoutes(app, ctx);
}
