// Reading the audit log: the viewer's filtered, newest-first pages and the
// CSV export auditors open in Excel.
import type { Kysely, SelectQueryBuilder } from 'kysely';
import type { Database } from '../../platform/database/index.ts';
import { badRequest } from '../../platform/errors.ts';
import { type AuditExecutor, kyselyOf } from './executor.ts';
import type { AuditLogRow, AuditOutcome } from './tables.ts';

export interface AuditFilters {
  /** Earliest time, inclusive: an ISO-8601 UTC string (a bare date works) or a Date. */
  from?: string | Date;
  /** Latest time, exclusive. */
  to?: string | Date;
  /** Exact match on the actor's name. */
  actorName?: string;
  action?: string;
  outcome?: AuditOutcome;
  targetType?: string;
  limit: number;
  offset?: number;
}

export type AuditExportFilters = Omit<AuditFilters, 'limit' | 'offset'>;

export interface AuditPage {
  entries: AuditLogRow[];
  /** How many entries match the filters in all. */
  total: number;
}

const MAX_PAGE = 1000;
const ISO_PREFIX = /^\d{4}-\d{2}-\d{2}/;

function timeBound(value: string | Date, name: string): string {
  if (value instanceof Date) return value.toISOString();
  // `at` is stored as toISOString() output, so string order is time order.
  if (!ISO_PREFIX.test(value)) throw badRequest(`${name} must be an ISO-8601 date or time`);
  return value;
}

type AuditQuery = SelectQueryBuilder<Database, 'audit_log', object>;

function filtered(k: Kysely<Database>, f: AuditExportFilters): AuditQuery {
  let q: AuditQuery = k.selectFrom('audit_log');
  if (f.from !== undefined) q = q.where('at', '>=', timeBound(f.from, 'from'));
  if (f.to !== undefined) q = q.where('at', '<', timeBound(f.to, 'to'));
  if (f.actorName) q = q.where('actor_name', '=', f.actorName);
  if (f.action) q = q.where('action', '=', f.action);
  if (f.outcome) q = q.where('outcome', '=', f.outcome);
  if (f.targetType) q = q.where('target_type', '=', f.targetType);
  return q;
}

/** One page of matching entries, newest first (by seq, the chain's own order). */
export async function queryAudit(
  executor: AuditExecutor,
  filters: AuditFilters,
): Promise<AuditPage> {
  const { limit, offset = 0 } = filters;
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_PAGE) {
    throw badRequest(`limit must be a whole number from 1 to ${MAX_PAGE}`);
  }
  if (!Number.isInteger(offset) || offset < 0) throw badRequest('offset must be 0 or more');
  const k = kyselyOf(executor);
  const entries = await filtered(k, filters)
    .selectAll()
    .orderBy('seq', 'desc')
    .limit(limit)
    .offset(offset)
    .execute();
  const { n } = await filtered(k, filters)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return { entries, total: Number(n) };
}

const COLUMNS = [
  'seq',
  'at',
  'actor_id',
  'actor_name',
  'actor_ip',
  'action',
  'target_type',
  'target_id',
  'outcome',
  'detail',
  'prev_hash',
  'hash',
] as const satisfies readonly (keyof AuditLogRow)[];

// Cells Excel or LibreOffice would read as a formula (OWASP "CSV injection").
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * One CSV cell: a value that could start a formula gets a leading
 * apostrophe, and every cell is quoted with inner quotes doubled (RFC 4180),
 * so commas and line breaks inside a value stay inside its cell.
 */
export function csvCell(value: string | number | null): string {
  let text = value === null ? '' : String(value);
  if (FORMULA_START.test(text)) text = `'${text}`;
  return `"${text.replaceAll('"', '""')}"`;
}

const BOM = '\uFEFF';
const BATCH = 1000;

/**
 * Matching entries, oldest first, as CSV: UTF-8 byte-order mark (so Excel
 * reads Chinese correctly), a header row, CRLF line ends. Every column,
 * including the hashes, is exported so the chain can be checked offline
 * (by whoever holds the chain key: see chain.ts).
 */
export async function exportAuditCsv(
  executor: AuditExecutor,
  filters: AuditExportFilters = {},
): Promise<string> {
  const k = kyselyOf(executor);
  const lines = [COLUMNS.map(csvCell).join(',')];
  let after = 0;
  for (;;) {
    const rows = await filtered(k, filters)
      .selectAll()
      .where('seq', '>', after)
      .orderBy('seq')
      .limit(BATCH)
      .execute();
    for (const row of rows) lines.push(COLUMNS.map((c) => csvCell(row[c])).join(','));
    if (rows.length < BATCH) break;
    after = Number(rows.at(-1)!.seq);
  }
  return `${BOM}${lines.join('\r\n')}\r\n`;
}
