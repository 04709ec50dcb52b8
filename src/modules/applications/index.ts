// 网上办事: per-service application forms, online applications (single
// services and 一件事 bundles), the departments' handling workspace with
// working-day deadlines, progress tracking, and 好差评 with its follow-up.
import type { YimenModule } from '../../platform/module.ts';
import { seedDemoApplications, seedDemoForms } from './demo/seed.ts';
import * as core from './migrations/202611290900_applications_core.ts';
import * as fileIndex from './migrations/202612011000_applications_file_index.ts';
import './tables.ts';
import { registerApplicationRoutes } from './web/register.ts';

export const applicationsModule: YimenModule = {
  name: 'applications',
  storedFiles: {
    columns: [
      { table: 'application_file', column: 'sha256' },
      { table: 'application', column: 'decision_file' },
    ],
  },
  migrations: {
    '202611290900_applications_core': core,
    '202612011000_applications_file_index': fileIndex,
  },
  routes: registerApplicationRoutes,
  async seed(ctx, { progress }) {
    progress(`application forms: ${await seedDemoForms(ctx)} added`);
    progress(`demo applications: ${await seedDemoApplications(ctx)} added`);
  },
};
