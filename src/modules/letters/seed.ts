// Demo data: the letters of demo-letters.ts with their assignments, replies,
// ratings and timelines, dated back from the seed run. Each has a fixed
// 查询码 (90000000NN), so seeding again adds only what is missing.
import type { Transaction } from 'kysely';
import { formatShanghai } from '../../platform/clock.ts';
import type { Database } from '../../platform/database/index.ts';
import { newId } from '../../platform/ids.ts';
import type { AppContext } from '../../platform/module.ts';
import { requestIndexUpdate } from '../../platform/search.ts';
import { DEMO_LETTERS, type DemoLetter } from './demo-letters.ts';
import { SEARCH_SOURCE } from './handling.ts';
import { deadlineFrom, type LetterSettings, loadSettings } from './settings.ts';
import type { LetterRow, LetterStatus } from './tables.ts';

const DEMO_ACTOR = 'demo-seed';
const demoCode = (i: number) => `90000000${String(i).padStart(2, '0')}`;

function statusOf(d: DemoLetter): LetterStatus {
  if (d.rejected) return 'rejected';
  if (d.duplicateOf !== undefined) return 'merged';
  if (!d.lead) return 'submitted';
  if (!d.reply) return 'assigned';
  return d.rating ? 'closed' : 'replied';
}

interface Dates {
  created: string;
  deadline: string;
  replied: string | null;
}

function datesOf(ctx: AppContext, settings: LetterSettings, d: DemoLetter): Dates {
  const day = formatShanghai(new Date(ctx.now().getTime() - d.daysAgo * 86_400_000), 'date');
  const created = new Date(`${day}T09:30:00+08:00`);
  const repliedDay = d.reply && d.took ? ctx.calendar.addWorkingDays(day, d.took) : null;
  return {
    created: created.toISOString(),
    deadline: deadlineFrom(ctx, settings, d.type, created),
    replied: repliedDay ? new Date(`${repliedDay}T16:00:00+08:00`).toISOString() : null,
  };
}

async function event(
  trx: Transaction<Database>,
  letterId: string,
  action: string,
  at: string,
  note: string | null = null,
) {
  await trx
    .insertInto('letter_event')
    .values({ id: newId(), letter_id: letterId, action, actor_id: null, note, created_at: at })
    .execute();
}

async function insertDemo(
  ctx: AppContext,
  trx: Transaction<Database>,
  d: DemoLetter,
  i: number,
  orgs: Map<string, { id: string; name: string }>,
  ids: Map<number, string>,
  settings: LetterSettings,
): Promise<string> {
  const id = newId();
  const { created, deadline, replied } = datesOf(ctx, settings, d);
  const lead = d.lead ? orgs.get(d.lead) : undefined;
  const status = statusOf(d);
  const closedAt = status === 'closed' || status === 'rejected' || status === 'merged';
  const row: LetterRow = {
    id,
    code: demoCode(i),
    account_id: null,
    phone_hash: null,
    phone_enc: null,
    ip_hash: 'demo',
    mailbox_org_id: d.mailbox ? (orgs.get(d.mailbox)?.id ?? null) : null,
    type: d.type,
    subject: d.subject,
    body: d.body,
    may_publish: d.publish && d.type !== 'report' ? 1 : 0,
    status,
    lead_org_id: lead?.id ?? null,
    merged_into: d.duplicateOf !== undefined ? (ids.get(d.duplicateOf) ?? null) : null,
    reject_reason: d.rejected ?? null,
    deadline,
    extension_status: 'none',
    extension_days: null,
    extension_reason: null,
    supervised_at: null,
    supervision_reason: null,
    is_public: replied && d.publish && d.type !== 'report' ? 1 : 0,
    replied_at: replied,
    replied_on_time: replied ? (formatShanghai(replied, 'date') <= deadline ? 1 : 0) : null,
    closed_at: closedAt ? (replied ?? created) : null,
    rating: d.rating ?? null,
    rating_comment: null,
    rehandled: 0,
    created_at: created,
    updated_at: replied ?? created,
  };
  await trx.insertInto('letter').values(row).execute();
  await event(trx, id, 'submit', created);
  if (d.rejected) await event(trx, id, 'reject', created, d.rejected);
  if (row.merged_into) await event(trx, id, 'merge', created);
  if (!lead) return id;
  await trx
    .insertInto('letter_assignment')
    .values({
      letter_id: id,
      org_id: lead.id,
      lead: 1,
      assigned_by: DEMO_ACTOR,
      created_at: created,
    })
    .execute();
  await event(trx, id, 'assign', created, lead.name);
  if (!d.reply || !replied) return id;
  await trx
    .insertInto('letter_reply')
    .values({
      id: newId(),
      letter_id: id,
      org_id: lead.id,
      author_id: DEMO_ACTOR,
      body: d.reply,
      status: 'approved',
      reviewer_id: DEMO_ACTOR,
      review_comment: null,
      created_at: replied,
      updated_at: replied,
      sent_at: replied,
    })
    .execute();
  await event(trx, id, 'approve_reply', replied);
  if (d.rating) await event(trx, id, 'rate', replied);
  return id;
}

/** Insert the demo letters that are not there yet; returns how many were added. */
export async function seedDemoLetters(ctx: AppContext): Promise<number> {
  const orgRows = await ctx.db.kysely
    .selectFrom('organisation')
    .select(['id', 'code', 'name'])
    .execute();
  const orgs = new Map(orgRows.map((o) => [o.code, o]));
  if (orgs.size === 0) return 0;
  const settings = await loadSettings(ctx);
  const existing = await ctx.db.kysely
    .selectFrom('letter')
    .select(['id', 'code'])
    .where(
      'code',
      'in',
      DEMO_LETTERS.map((_, i) => demoCode(i)),
    )
    .execute();
  const ids = new Map<number, string>();
  for (const e of existing) ids.set(Number(e.code.slice(8)), e.id);
  let added = 0;
  await ctx.db.kysely.transaction().execute(async (trx) => {
    for (const [i, d] of DEMO_LETTERS.entries()) {
      if (ids.has(i)) continue;
      const id = await insertDemo(ctx, trx, d, i, orgs, ids, settings);
      ids.set(i, id);
      added += 1;
      await requestIndexUpdate(ctx, { source: SEARCH_SOURCE, sourceId: id }, trx);
    }
  });
  return added;
}
