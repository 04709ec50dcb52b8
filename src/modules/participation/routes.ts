// Every HTTP route of the participation module.
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../platform/module.ts';
import { participationAdminRoutes } from './web/admin-routes.ts';
import { participationPublicRoutes } from './web/public-routes.ts';

export function participationRoutes(app: FastifyInstance, ctx: AppContext): void {
  participationAdminRoutes(app, ctx);
  participationPublicRoutes(app, ctx);
}
