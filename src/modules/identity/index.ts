// Identity and access: organisations now; staff and public accounts, roles,
// sessions and MFA join this module.
import type { YimenModule } from '../../platform/module.ts';
import { registerAdmin } from './admin/index.ts';
import { identityCli } from './cli.ts';
import { demoOrganisations } from './demo-organisations.ts';
import { installGuard } from './guard.ts';
import * as organisations from './migrations/202611260610_identity_organisations.ts';
import * as accounts from './migrations/202611260620_identity_accounts.ts';
import { insertMissingOrganisations } from './organisations.ts';
import { publicAccountRoutes } from './public/index.ts';
import './tables.ts';

export const identityModule: YimenModule = {
  name: 'identity',
  migrations: {
    '202611260610_identity_organisations': organisations,
    '202611260620_identity_accounts': accounts,
  },
  cli: identityCli,
  async routes(app, ctx) {
    installGuard(app, ctx);
    publicAccountRoutes(app, ctx);
    await registerAdmin(app, ctx);
  },
  async seed(ctx, { progress }) {
    const added = await insertMissingOrganisations(ctx.db, demoOrganisations);
    progress(`organisations: ${added} added, ${demoOrganisations.length - added} already present`);
  },
};
