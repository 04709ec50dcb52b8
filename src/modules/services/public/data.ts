// Organisation names for the public pages, read through identity's service.
import type { AppContext } from '../../../platform/module.ts';
import { listOrganisations } from '../../identity/organisations.ts';
import type { OrgName } from './parts.tsx';

export async function organisationNames(ctx: AppContext): Promise<OrgName[]> {
  return (await listOrganisations(ctx.db)).map((o) => ({ id: o.id, code: o.code, name: o.name }));
}

export function byId(orgs: OrgName[]): Map<string, OrgName> {
  return new Map(orgs.map((o) => [o.id, o]));
}
