// Identity and access: organisations now; staff and public accounts, roles,
// sessions and MFA join this module.
import type { YimenModule } from '../../platform/module.ts';
import { demoOrganisations } from './demo-organisations.ts';
import * as organisations from './migrations/202611260610_identity_organisations.ts';
import { insertMissingOrganisations } from './organisations.ts';
import './tables.ts';

export const identityModule: YimenModule = {
  name: 'identity',
  migrations: { '202611260610_identity_organisations': organisations },
  async seed(ctx, { progress }) {
    const added = await insertMissingOrganisations(ctx.db, demoOrganisations);
    progress(`organisations: ${added} added, ${demoOrganisations.length - added} already present`);
  },
};
