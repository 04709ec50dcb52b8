// Reading applications: a department's queue with filters, the overdue list
// for supervisors, an applicant's own list, one case with its parts, files
// and history, and the public progress lookup.
import type { Calendar } from '../../platform/calendar/calendar.ts';
import { toLocalDate } from '../../platform/calendar/calendar.ts';
import type { AppContext } from '../../platform/module.ts';
import { piiCodec } from '../identity/pii.ts';
import { type Urgency, urgencyOf } from './deadline.ts';
import type { ApplicationRow, ApplicationStatus } from './tables.ts';

export interface QueueFilter {
  /** The departments whose cases the reader may see (never empty for a result). */
  orgIds: readonly string[];
  status?: ApplicationStatus;
  service?: string;
  /** Only cases past their due date. */
  overdue?: boolean;
  trackingNo?: string;
  limit?: number;
}

export interface QueueEntry {
  app: ApplicationRow;
  urgency: Urgency;
}

const QUEUE_LIMIT = 200;

export async function listQueue(ctx: AppContext, filter: QueueFilter): Promise<QueueEntry[]> {
  if (filter.orgIds.length === 0) return [];
  let q = ctx.db.kysely
    .selectFrom('application')
    .selectAll()
    .where('org_id', 'in', filter.orgIds)
    .where('kind', '!=', 'bundle')
    .where('status', '!=', 'draft');
  if (filter.status) q = q.where('status', '=', filter.status);
  if (filter.service) q = q.where('service_code', '=', filter.service);
  if (filter.trackingNo) q = q.where('tracking_no', '=', filter.trackingNo);
  if (filter.overdue)
    q = q.where('status', '=', 'accepted').where('due_date', '<', toLocalDate(ctx.now()));
  const rows = await q
    .orderBy('due_date')
    .orderBy('submitted_at')
    .limit(filter.limit ?? QUEUE_LIMIT)
    .execute();
  return rows.map((app) => ({ app, urgency: urgencyOf(ctx.calendar, app, ctx.now()) }));
}

/** An applicant's own applications (bundles with their parts nested), newest first. */
export async function listOwn(ctx: AppContext, applicantId: string) {
  const rows = await ctx.db.kysely
    .selectFrom('application')
    .selectAll()
    .where('applicant_id', '=', applicantId)
    .orderBy('created_at', 'desc')
    .limit(200)
    .execute();
  const parts = new Map<string, ApplicationRow[]>();
  for (const r of rows)
    if (r.parent_id) parts.set(r.parent_id, [...(parts.get(r.parent_id) ?? []), r]);
  return rows
    .filter((r) => r.kind !== 'part')
    .map((r) => ({ app: r, parts: parts.get(r.id) ?? [] }));
}

export async function getApplication(ctx: AppContext, id: string) {
  return ctx.db.kysely
    .selectFrom('application')
    .selectAll()
    .where('id', '=', id)
    .executeTakeFirst();
}

export async function partsOf(ctx: AppContext, parentId: string): Promise<ApplicationRow[]> {
  return ctx.db.kysely
    .selectFrom('application')
    .selectAll()
    .where('parent_id', '=', parentId)
    .orderBy('tracking_no')
    .execute();
}

export async function filesOf(ctx: AppContext, applicationId: string) {
  return ctx.db.kysely
    .selectFrom('application_file')
    .selectAll()
    .where('application_id', '=', applicationId)
    .orderBy('round')
    .orderBy('uploaded_at')
    .execute();
}

export async function evaluationOf(ctx: AppContext, applicationId: string) {
  return ctx.db.kysely
    .selectFrom('application_evaluation')
    .selectAll()
    .where('application_id', '=', applicationId)
    .executeTakeFirst();
}

export async function followupOf(ctx: AppContext, applicationId: string) {
  return ctx.db.kysely
    .selectFrom('application_followup')
    .selectAll()
    .where('application_id', '=', applicationId)
    .executeTakeFirst();
}

export async function listFollowups(ctx: AppContext, orgIds: readonly string[]) {
  if (orgIds.length === 0) return [];
  return ctx.db.kysely
    .selectFrom('application_followup')
    .innerJoin('application', 'application.id', 'application_followup.application_id')
    .select([
      'application_followup.id',
      'application_followup.status',
      'application_followup.due_date',
      'application_followup.grade',
      'application_followup.org_id',
      'application.id as application_id',
      'application.tracking_no',
      'application.service_name',
    ])
    .where('application_followup.org_id', 'in', orgIds)
    .orderBy('application_followup.status')
    .orderBy('application_followup.due_date')
    .limit(200)
    .execute();
}

/** A case and its bundle parts by 受理编号 when the phone's last four digits match; else undefined. */
export async function lookupProgress(ctx: AppContext, trackingNo: string, phoneTail: string) {
  const app = await ctx.db.kysely
    .selectFrom('application')
    .selectAll()
    .where('tracking_no', '=', trackingNo)
    .executeTakeFirst();
  const hash = piiCodec(ctx.config.secret).hash(`tail:${phoneTail}`);
  if (!app || app.phone_tail_hash === null || app.phone_tail_hash !== hash) return undefined;
  const parts = app.kind === 'bundle' ? await partsOf(ctx, app.id) : [];
  return { app, parts };
}

/** Urgency for a list of rows (the page colours). */
export function urgencies(calendar: Calendar, rows: readonly ApplicationRow[], now: Date) {
  return new Map(rows.map((r) => [r.id, urgencyOf(calendar, r, now)]));
}

/** The applicant's latest draft of a service or bundle, with its form token. */
export async function findDraft(ctx: AppContext, applicantId: string, code: string) {
  const row = await ctx.db.kysely
    .selectFrom('application')
    .selectAll()
    .where('applicant_id', '=', applicantId)
    .where('service_code', '=', code)
    .where('status', '=', 'draft')
    .orderBy('updated_at', 'desc')
    .executeTakeFirst();
  if (!row) return undefined;
  return { row, token: row.submit_key.slice(row.submit_key.indexOf(':') + 1) };
}
