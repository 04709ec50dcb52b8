// Every module of this deployable, in dependency order. Adding a module is one
// line here; its migrations, routes, jobs and seed data come with it.

import type { YimenModule } from '../platform/module.ts';
import { platformModule } from '../platform/platform-module.ts';
import { applicationsModule } from './applications/index.ts';
import { auditModule } from './audit/index.ts';
import { contentModule } from './content/index.ts';
import { identityModule } from './identity/index.ts';
import { lettersModule } from './letters/index.ts';
import { notifyModule } from './notify/index.ts';
import { participationModule } from './participation/index.ts';
import { portalModule } from './portal/index.ts';
import { searchModule } from './search/index.ts';
import { servicesModule } from './services/index.ts';
import { sitesModule } from './sites/index.ts';

export const modules: readonly YimenModule[] = [
  platformModule,
  notifyModule,
  identityModule,
  auditModule,
  sitesModule,
  contentModule,
  servicesModule,
  applicationsModule,
  portalModule,
  participationModule,
  lettersModule,
  searchModule,
];
