// What the three parts of citizen participation share: comment and answer
// windows given as Beijing calendar dates, sensitive-word screening of text
// that may be shown publicly, who may manage which site's records, and the
// acting person for audit records.
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../platform/database/index.ts';
import { badRequest, DomainError } from '../../platform/errors.ts';
import type { AppContext } from '../../platform/module.ts';
import { requestIndexUpdate, requestIndexUpdateAt } from '../../platform/search.ts';
import { findTerms, loadTerms } from '../content/sensitive.ts';
import { type Actor, audit } from '../identity/audit-events.ts';
import { can, type Grant, ROLE_PERMISSIONS } from '../identity/permissions.ts';

export type Executor = Kysely<Database> | Transaction<Database>;

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const DAY_MS = 86_400_000;

/** A Beijing calendar date as the UTC instant its day starts, plus `days`. */
export function dayStart(date: string, days = 0): string {
  return new Date(Date.parse(`${date}T00:00:00+08:00`) + days * DAY_MS).toISOString();
}

/** The Beijing date of an instant, 'YYYY-MM-DD'. */
export function beijingDate(iso: string): string {
  return new Date(Date.parse(iso) + 8 * 3_600_000).toISOString().slice(0, 10);
}

export interface Window {
  opens_at: string;
  closes_at: string;
}

/**
 * A window from its first and last day (both inclusive, Beijing dates): open
 * from 00:00 of the first day until 24:00 of the last.
 */
export function windowOf(opensOn: string, closesOn: string): Window {
  const errors: Record<string, string> = {};
  if (!DATE.test(opensOn) || Number.isNaN(Date.parse(opensOn)))
    errors.opens_on = '请填写开始日期（YYYY-MM-DD）';
  if (!DATE.test(closesOn) || Number.isNaN(Date.parse(closesOn)))
    errors.closes_on = '请填写截止日期（YYYY-MM-DD）';
  else if (!errors.opens_on && closesOn < opensOn) errors.closes_on = '截止日期不能早于开始日期';
  if (Object.keys(errors).length > 0) throw badRequest('日期不正确', errors);
  return { opens_at: dayStart(opensOn), closes_at: dayStart(closesOn, 1) };
}

/** The window, with any date problem added to `errors` (for forms that report all fields at once). */
export function windowInto(
  errors: Record<string, string>,
  opensOn: string,
  closesOn: string,
): Window {
  try {
    return windowOf(opensOn, closesOn);
  } catch (err) {
    if (!(err instanceof DomainError) || !err.fields) throw err;
    Object.assign(errors, err.fields);
    return { opens_at: '', closes_at: '' };
  }
}

export type Phase = 'upcoming' | 'open' | 'closed';

export function phaseOf(w: Window, now: Date): Phase {
  const at = now.toISOString();
  if (at < w.opens_at) return 'upcoming';
  return at < w.closes_at ? 'open' : 'closed';
}

/** The last day of a window, for forms and pages. */
export function lastDayOf(w: Window): string {
  return beijingDate(new Date(Date.parse(w.closes_at) - 1).toISOString());
}

/**
 * Screen text a citizen wrote: a blocking term refuses it (the field says
 * which), a warning term is returned so a moderator sees it.
 */
export async function screen(
  ctx: AppContext,
  fields: Record<string, string>,
): Promise<{ flagged: string[] }> {
  const hits = findTerms(await loadTerms(ctx), fields);
  const blocked = hits.filter((h) => h.severity === 'block');
  if (blocked.length > 0) {
    const errors: Record<string, string> = {};
    for (const h of blocked) errors[h.field] ??= `含有不允许发布的词语“${h.term}”，请修改后再提交`;
    throw badRequest('内容含有不允许发布的词语', errors);
  }
  return { flagged: [...new Set(hits.map((h) => h.term))] };
}

/** The sites where these grants manage interaction: 'all' for a global grant. */
export function managedSites(grants: readonly Grant[]): string[] | 'all' {
  const sites = new Set<string>();
  for (const g of grants) {
    if (!ROLE_PERMISSIONS[g.role].includes('interaction.manage')) continue;
    if (g.scope === 'global') return 'all';
    if (g.scope.startsWith('site:')) sites.add(g.scope.slice(5));
  }
  return [...sites];
}

export function canManage(grants: readonly Grant[], siteCode: string): boolean {
  return can(grants, 'interaction.manage', `site:${siteCode}`);
}

/** A staff member acting in the back office. */
export interface Staff extends Actor {
  id: string;
  grants: readonly Grant[];
}

/** Record one change in the caller's transaction (fail-closed: the change fails with it). */
export function auditChange(
  ctx: AppContext,
  trx: Executor,
  actor: Actor,
  action: string,
  target: { type: string; id: string },
  detail: Record<string, unknown> = {},
): Promise<void> {
  return audit(ctx, trx, {
    actor,
    action,
    targetType: target.type,
    targetId: target.id,
    outcome: 'success',
    detail,
  });
}

/** Plain text as paragraphs: blank-line separated blocks (never HTML). */
export function paragraphs(text: string): string[] {
  return text
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter(Boolean);
}

/**
 * Refresh one solicitation or survey in the search index, with the change
 * that altered it, and again when its window opens: one published ahead of
 * its first day becomes public then, by the clock, with no change to say so.
 */
export async function reindex(
  ctx: AppContext,
  source: 'consultations' | 'surveys',
  sourceId: string,
  opensAt: string,
  trx: Executor,
): Promise<void> {
  await requestIndexUpdate(ctx, { source, sourceId }, trx);
  await requestIndexUpdateAt(ctx, { source, sourceId }, new Date(opensAt), trx);
}
