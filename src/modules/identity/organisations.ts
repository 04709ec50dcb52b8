// Organisations: the four institutions (市委、人大、市政府、政协), their
// departments and units, as a tree. Other modules read them through these
// functions only.
import type { Db } from '../../platform/database/index.ts';
import { nowIso } from '../../platform/database/index.ts';
import { newId } from '../../platform/ids.ts';
import type { OrganisationKind, OrganisationRow } from './tables.ts';

export interface OrganisationInput {
  code: string;
  name: string;
  shortName: string;
  kind: OrganisationKind;
  parentCode?: string;
  docPrefix?: string;
  phone?: string;
  address?: string;
  email?: string;
  sortOrder?: number;
}

export interface OrganisationNode extends OrganisationRow {
  children: OrganisationNode[];
}

export async function listOrganisations(db: Db): Promise<OrganisationRow[]> {
  return db.kysely
    .selectFrom('organisation')
    .selectAll()
    .orderBy('sort_order')
    .orderBy('code')
    .execute();
}

export function buildTree(rows: readonly OrganisationRow[]): OrganisationNode[] {
  const nodes = new Map(rows.map((r) => [r.id, { ...r, children: [] as OrganisationNode[] }]));
  const roots: OrganisationNode[] = [];
  for (const node of nodes.values()) {
    const parent = node.parent_id ? nodes.get(node.parent_id) : undefined;
    (parent ? parent.children : roots).push(node);
  }
  return roots;
}

export async function organisationTree(db: Db): Promise<OrganisationNode[]> {
  return buildTree(await listOrganisations(db));
}

/**
 * Insert organisations that do not exist yet (matched by code); existing rows
 * are left exactly as they are, so seeding never overwrites an administrator's edits.
 */
export async function insertMissingOrganisations(
  db: Db,
  inputs: readonly OrganisationInput[],
): Promise<number> {
  let inserted = 0;
  await db.kysely.transaction().execute(async (trx) => {
    const existing = await trx.selectFrom('organisation').select(['id', 'code']).execute();
    const idByCode = new Map(existing.map((r) => [r.code, r.id]));
    const now = nowIso();
    for (const o of inputs) {
      if (idByCode.has(o.code)) continue;
      const id = newId();
      await trx
        .insertInto('organisation')
        .values({
          id,
          parent_id: o.parentCode ? (idByCode.get(o.parentCode) ?? null) : null,
          code: o.code,
          name: o.name,
          short_name: o.shortName,
          kind: o.kind,
          doc_prefix: o.docPrefix ?? null,
          phone: o.phone ?? null,
          address: o.address ?? null,
          email: o.email ?? null,
          sort_order: o.sortOrder ?? 0,
          created_at: now,
          updated_at: now,
        })
        .execute();
      idByCode.set(o.code, id);
      inserted++;
    }
  });
  return inserted;
}
