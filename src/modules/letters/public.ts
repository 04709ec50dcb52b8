// What the public may see: letters that were answered, whose writer allowed
// publication, that are not 举报 (reports are never published), with their
// sent reply — and every text passed through removePersonalData, so names,
// phone and ID numbers never leave in a public page or the search index.
import type { AppContext } from '../../platform/module.ts';
import { introducedNames, removePersonalData } from './privacy.ts';
import { ANSWERED_STATUSES } from './states.ts';
import type { LetterType } from './tables.ts';

export interface PublicLetter {
  id: string;
  type: LetterType;
  subject: string;
  body: string;
  reply: string;
  department: string;
  departmentCode: string | null;
  receivedAt: string;
  repliedAt: string;
}

export interface PublicFilter {
  q?: string;
  type?: LetterType;
  /** Organisation code of the department that answered. */
  org?: string;
}

/** The base query of public letters with the writer's names (for masking) and the department. */
function publicRows(ctx: AppContext) {
  return ctx.db.kysely
    .selectFrom('letter')
    .innerJoin('letter_reply', 'letter_reply.letter_id', 'letter.id')
    .leftJoin('organisation', 'organisation.id', 'letter_reply.org_id')
    .leftJoin('account', 'account.id', 'letter.account_id')
    .select([
      'letter.id',
      'letter.type',
      'letter.subject',
      'letter.body',
      'letter.created_at',
      'letter.replied_at',
      'letter_reply.body as reply',
      'letter_reply.sent_at',
      'organisation.name as org_name',
      'organisation.code as org_code',
      'account.real_name',
      'account.display_name',
    ])
    .where('letter.status', 'in', [...ANSWERED_STATUSES])
    .where('letter.is_public', '=', 1)
    .where('letter.may_publish', '=', 1)
    .where('letter.type', '!=', 'report')
    .where('letter_reply.status', '=', 'approved');
}

type Row = Awaited<ReturnType<ReturnType<typeof publicRows>['execute']>>[number];

function toPublic(row: Row): PublicLetter {
  // The writer's names: from the account, and any the letter introduces (我叫…), which a
  // reply addressing the writer repeats.
  const names = [row.real_name ?? '', row.display_name ?? '', ...introducedNames(row.body)];
  return {
    id: row.id,
    type: row.type,
    subject: removePersonalData(row.subject, names),
    body: removePersonalData(row.body, names),
    reply: removePersonalData(row.reply, names),
    department: row.org_name ?? '',
    departmentCode: row.org_code ?? null,
    receivedAt: row.created_at,
    repliedAt: row.sent_at ?? row.replied_at ?? row.created_at,
  };
}

/** Only the newest sent reply of each letter (a re-handled letter has two). */
function newestOnly(rows: Row[]): Row[] {
  const seen = new Map<string, Row>();
  for (const r of rows) {
    const had = seen.get(r.id);
    if (!had || (r.sent_at ?? '') > (had.sent_at ?? '')) seen.set(r.id, r);
  }
  return [...seen.values()];
}

export async function publicLetter(ctx: AppContext, id: string): Promise<PublicLetter | null> {
  const rows = await publicRows(ctx).where('letter.id', '=', id).execute();
  const [row] = newestOnly(rows);
  return row ? toPublic(row) : null;
}

const CANDIDATES = 2000;

/**
 * Public letters, newest reply first. The text filter runs on the masked text,
 * so searching for a phone number or a name finds nothing it should not.
 */
export async function listPublicLetters(
  ctx: AppContext,
  filter: PublicFilter,
  page: number,
  perPage: number,
): Promise<{ items: PublicLetter[]; total: number }> {
  let q = publicRows(ctx);
  if (filter.type) q = q.where('letter.type', '=', filter.type);
  if (filter.org) q = q.where('organisation.code', '=', filter.org);
  const rows = newestOnly(await q.orderBy('letter.replied_at', 'desc').limit(CANDIDATES).execute());
  let items = rows.map(toPublic).sort((a, b) => b.repliedAt.localeCompare(a.repliedAt));
  const needle = filter.q?.trim();
  if (needle)
    items = items.filter((l) => [l.subject, l.body, l.reply].some((t) => t.includes(needle)));
  return { items: items.slice((page - 1) * perPage, page * perPage), total: items.length };
}

/** Every public letter, in batches (for the search index rebuild). */
export async function* allPublicLetters(ctx: AppContext, batch = 200) {
  let last = '';
  for (;;) {
    const rows = await publicRows(ctx)
      .where('letter.id', '>', last)
      .orderBy('letter.id')
      .limit(batch)
      .execute();
    if (rows.length === 0) return;
    last = rows[rows.length - 1]!.id;
    yield newestOnly(rows).map(toPublic);
  }
}
