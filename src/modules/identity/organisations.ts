// Organisations: the four institutions (市委、人大、市政府、政协), their
// departments and units, as a tree. Other modules read them through these
// functions only.
import type { Kysely, Transaction } from 'kysely';
import type { Database, Db } from '../../platform/database/index.ts';
import { nowIso } from '../../platform/database/index.ts';
import { badRequest, DomainError, notFound } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';
import type { AppContext } from '../../platform/module.ts';
import { type Actor, audit } from './audit-events.ts';
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

/** The fields an administrator edits; empty optional text means "none". */
export interface OrganisationChange {
  code: string;
  name: string;
  shortName: string;
  kind: OrganisationKind;
  parentId: string | null;
  docPrefix: string | null;
  phone: string | null;
  address: string | null;
  email: string | null;
  sortOrder: number;
}

type OrgExecutor = Kysely<Database> | Transaction<Database>;

export async function getOrganisation(
  ctx: AppContext,
  id: string,
  executor: OrgExecutor = ctx.db.kysely,
): Promise<OrganisationRow> {
  const row = await executor
    .selectFrom('organisation')
    .selectAll()
    .where('id', '=', id)
    .executeTakeFirst();
  if (!row) throw notFound('机构不存在');
  return row;
}

/** Refuse a duplicate code and a parent that is missing, the organisation itself or below it. */
async function checkChange(
  trx: OrgExecutor,
  change: OrganisationChange,
  selfId: string | null,
): Promise<void> {
  const clash = await trx
    .selectFrom('organisation')
    .select('id')
    .where('code', '=', change.code)
    .executeTakeFirst();
  if (clash && clash.id !== selfId) {
    throw new DomainError('conflict', '机构代码已被使用', { code: '机构代码已被使用' });
  }
  if (!change.parentId) return;
  if (change.parentId === selfId) {
    throw badRequest('上级机构不能是本机构', { parentId: '上级机构不能是本机构' });
  }
  const rows = await trx.selectFrom('organisation').select(['id', 'parent_id']).execute();
  const parentOf = new Map(rows.map((r) => [r.id, r.parent_id]));
  if (!parentOf.has(change.parentId)) {
    throw badRequest('上级机构不存在', { parentId: '上级机构不存在' });
  }
  // Walk up from the proposed parent: meeting selfId means it is a descendant (a cycle).
  const seen = new Set<string>();
  for (let at: string | null | undefined = change.parentId; at; at = parentOf.get(at)) {
    if (at === selfId || seen.has(at)) {
      throw badRequest('上级机构不能是本机构的下级机构', {
        parentId: '上级机构不能是本机构的下级机构',
      });
    }
    seen.add(at);
  }
}

function columnsOf(change: OrganisationChange) {
  return {
    parent_id: change.parentId,
    code: change.code,
    name: change.name,
    short_name: change.shortName,
    kind: change.kind,
    doc_prefix: change.docPrefix,
    phone: change.phone,
    address: change.address,
    email: change.email,
    sort_order: change.sortOrder,
  };
}

/** Create an organisation (audited as 'org.create'). */
export async function createOrganisation(
  ctx: AppContext,
  change: OrganisationChange,
  actor: Actor,
): Promise<OrganisationRow> {
  return ctx.db.kysely.transaction().execute(async (trx) => {
    await checkChange(trx, change, null);
    const now = ctx.now().toISOString();
    const row: OrganisationRow = {
      id: newId(),
      ...columnsOf(change),
      created_at: now,
      updated_at: now,
    };
    await trx.insertInto('organisation').values(row).execute();
    await audit(ctx, trx, {
      actor,
      action: 'org.create',
      targetType: 'organisation',
      targetId: row.id,
      outcome: 'success',
      detail: { code: change.code },
    });
    return row;
  });
}

/** Update an organisation's fields (audited as 'org.update' with the changed field names). */
export async function updateOrganisation(
  ctx: AppContext,
  id: string,
  change: OrganisationChange,
  actor: Actor,
): Promise<OrganisationRow> {
  return ctx.db.kysely.transaction().execute(async (trx) => {
    const before = await getOrganisation(ctx, id, trx);
    await checkChange(trx, change, id);
    const columns = columnsOf(change);
    const changed = (Object.keys(columns) as (keyof typeof columns)[]).filter(
      (k) => before[k] !== columns[k],
    );
    const updated_at = ctx.now().toISOString();
    await trx
      .updateTable('organisation')
      .set({ ...columns, updated_at })
      .where('id', '=', id)
      .execute();
    await audit(ctx, trx, {
      actor,
      action: 'org.update',
      targetType: 'organisation',
      targetId: id,
      outcome: 'success',
      detail: { changed },
    });
    return { ...before, ...columns, updated_at };
  });
}
