import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../platform/module.ts';

export function registerSearchRoutes(_app: FastifyInstance, _ctx: AppContext): void {}
