// What solicitations (意见征集) and surveys (在线调查) share: a record of one
// site, managed by that site's interaction managers (another site's record
// is not found), written as a draft, published with a window, public from
// 00:00 of its first day; every change audited and the search index told in
// the same transaction.
import type { Insertable, Updateable } from 'kysely';
import type { Database } from '../../platform/database/index.ts';
import { nowIso } from '../../platform/database/index.ts';
import { badRequest, notFound } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';
import type { AppContext } from '../../platform/module.ts';
import { auditChange, canManage, managedSites, reindex, type Staff } from './common.ts';

export type WindowedTable = 'consultation' | 'survey';

export interface WindowedKind<K extends WindowedTable> {
  /** The table, also the audit target type and action prefix ('survey.create'). */
  table: K;
  /** The search provider's name. */
  source: 'consultations' | 'surveys';
  /** Said when the record does not exist or belongs to a site not managed. */
  missing: string;
  /** Said at the site field when the staff member does not manage that site. */
  wrongSite: string;
}

export const CONSULTATIONS: WindowedKind<'consultation'> = {
  table: 'consultation',
  source: 'consultations',
  missing: '没有这项意见征集',
  wrongSite: '您不能在这个站点发布意见征集',
};

export const SURVEYS: WindowedKind<'survey'> = {
  table: 'survey',
  source: 'surveys',
  missing: '没有这项调查',
  wrongSite: '您不能在这个站点发布调查',
};

type Row<K extends WindowedTable> = Database[K];
/** The columns a kind fills itself when it creates a draft. */
type OwnColumns<K extends WindowedTable> = Omit<
  Insertable<Database[K]>,
  'id' | 'site_code' | 'status' | 'created_by' | 'created_at' | 'updated_at'
>;

/** Create a draft in a site the staff member manages; `values` checks the input after the site. */
export async function createDraft<K extends WindowedTable>(
  ctx: AppContext,
  kind: WindowedKind<K>,
  staff: Staff,
  siteCode: string,
  values: () => OwnColumns<K>,
): Promise<string> {
  if (!canManage(staff.grants, siteCode))
    throw badRequest('请选择您管理的站点', { site: kind.wrongSite });
  const own = values();
  const id = newId();
  const now = nowIso(ctx.now());
  const row = {
    ...own,
    id,
    site_code: siteCode,
    status: 'draft' as const,
    created_by: staff.id,
    created_at: now,
    updated_at: now,
  };
  await ctx.db.kysely.transaction().execute(async (trx) => {
    // The kind's own columns are typed by OwnColumns<K>; the table name is K.
    await trx
      .insertInto(kind.table as WindowedTable)
      .values(row as Insertable<Database[WindowedTable]>)
      .execute();
    await auditChange(ctx, trx, staff, `${kind.table}.create`, { type: kind.table, id });
  });
  return id;
}

/** One record, if these grants manage its site; otherwise not found. */
export async function managedRecord<K extends WindowedTable>(
  ctx: AppContext,
  kind: WindowedKind<K>,
  staff: Pick<Staff, 'grants'>,
  id: string,
): Promise<Row<K>> {
  const row = await ctx.db.kysely
    .selectFrom(kind.table as WindowedTable)
    .selectAll()
    .where('id', '=', id)
    .executeTakeFirst();
  if (!row || !canManage(staff.grants, row.site_code)) throw notFound(kind.missing);
  return row as Row<K>;
}

/**
 * Change a record, audited as `action`, and refresh it in the search index
 * (now, and when its window opens: the change may move the first day).
 */
export async function saveChange<K extends WindowedTable>(
  ctx: AppContext,
  kind: WindowedKind<K>,
  staff: Staff,
  row: Pick<Row<K>, 'id' | 'opens_at'>,
  changes: Updateable<Database[K]>,
  action: string,
): Promise<void> {
  const opensAt = (changes as { opens_at?: string }).opens_at ?? row.opens_at;
  await ctx.db.kysely.transaction().execute(async (trx) => {
    await trx
      .updateTable(kind.table as WindowedTable)
      .set({
        ...(changes as Updateable<Database[WindowedTable]>),
        updated_at: nowIso(ctx.now()),
      })
      .where('id', '=', row.id)
      .execute();
    await auditChange(ctx, trx, staff, action, { type: kind.table, id: row.id });
    await reindex(ctx, kind.source, row.id, opensAt, trx);
  });
}

/** The records of the sites these grants manage, newest window first. */
export async function listManaged<K extends WindowedTable>(
  ctx: AppContext,
  kind: WindowedKind<K>,
  staff: Pick<Staff, 'grants'>,
): Promise<Row<K>[]> {
  const sites = managedSites(staff.grants);
  if (sites !== 'all' && sites.length === 0) return [];
  let q = ctx.db.kysely.selectFrom(kind.table as WindowedTable).selectAll();
  if (sites !== 'all') q = q.where('site_code', 'in', sites);
  return (await q.orderBy('opens_at', 'desc').limit(500).execute()) as Row<K>[];
}

function publicRecords<K extends WindowedTable>(ctx: AppContext, kind: WindowedKind<K>) {
  return ctx.db.kysely
    .selectFrom(kind.table as WindowedTable)
    .selectAll()
    .where('status', '=', 'published')
    .where('opens_at', '<=', nowIso(ctx.now()));
}

/** Published records whose window has begun, newest first. */
export async function listPublic<K extends WindowedTable>(
  ctx: AppContext,
  kind: WindowedKind<K>,
): Promise<Row<K>[]> {
  return (await publicRecords(ctx, kind)
    .orderBy('opens_at', 'desc')
    .limit(200)
    .execute()) as Row<K>[];
}

/** One published record whose window has begun. */
export async function publicRecord<K extends WindowedTable>(
  ctx: AppContext,
  kind: WindowedKind<K>,
  id: string,
): Promise<Row<K> | undefined> {
  return (await publicRecords(ctx, kind).where('id', '=', id).executeTakeFirst()) as
    | Row<K>
    | undefined;
}
