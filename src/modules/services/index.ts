// 办事指南: the service catalog, its review before publication, 一件事 bundles,
// the public pages by life event, audience, department and theme.
import type { YimenModule } from '../../platform/module.ts';
import { registerServicesAdmin } from './admin/routes.ts';
import { seedDemoServices } from './demo/seed.ts';
import * as catalog from './migrations/202611261000_services_catalog.ts';
import { registerServicePages } from './public/routes.ts';
import { servicesSearchProvider } from './search-provider.ts';
import './tables.ts';

export const servicesModule: YimenModule = {
  name: 'services',
  // Sample and blank forms (样表, 空白表格) inside the materials JSON, live and pending.
  storedFiles: {
    texts: [
      { table: 'service_items', column: 'materials', like: '%sha256%' },
      { table: 'service_items', column: 'pending', like: '%sha256%' },
    ],
  },
  migrations: {
    '202611261000_services_catalog': catalog,
  },
  searchProviders: [servicesSearchProvider],
  async routes(app, ctx) {
    registerServicePages(app, ctx);
    await registerServicesAdmin(app, ctx);
  },
  async seed(ctx, { progress }) {
    await seedDemoServices(ctx, progress);
  },
};
