import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../platform/module.ts';
import { registerSearchAdmin } from './admin-routes.ts';
import { registerPublicSearch } from './public-routes.tsx';

export function registerSearchRoutes(app: FastifyInstance, ctx: AppContext): void {
  registerPublicSearch(app, ctx);
  registerSearchAdmin(app, ctx);
}
