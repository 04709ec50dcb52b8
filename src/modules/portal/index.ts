// The public portal: every site's pages (homes, channel lists, items, feeds),
// the sitemap and robots.txt, attachment downloads, the elder-friendly mode
// switch and the site colours. See routes.ts for the URL scheme and
// page-cache.ts for how pages are cached.
import type { YimenModule } from '../../platform/module.ts';
import { registerElderRoutes } from './elder.ts';
import { registerFileRoutes } from './files.ts';
import { registerPublicRoutes } from './routes.ts';
import { registerThemeRoute } from './theme.ts';

export const portalModule: YimenModule = {
  name: 'portal',
  routes(app, ctx) {
    registerElderRoutes(app);
    registerFileRoutes(app, ctx);
    registerThemeRoute(app, ctx);
    registerPublicRoutes(app, ctx);
  },
};
