// The public portal. For now its home page lists the institutions and their
// departments; audience portals, channels and content arrive with the portal issue.
import { h } from 'preact';
import type { YimenModule } from '../../platform/module.ts';
import { sendPage } from '../../web/view.ts';
import { organisationTree } from '../identity/organisations.ts';
import { HomePage } from './home-page.tsx';

export const portalModule: YimenModule = {
  name: 'portal',
  routes(app, ctx) {
    app.get('/', async (request, reply) => {
      const tree = await organisationTree(ctx.db);
      reply.header('cache-control', 'public, max-age=60');
      return sendPage(request, reply, (view) => h(HomePage, { view, tree }));
    });
  },
};
