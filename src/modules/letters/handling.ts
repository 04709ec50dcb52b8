// The department's side: draft the reply, send it to review, and (a
// reviewer or leader of the same department, never the drafter) approve it —
// which sends it to the writer and, when the letter may be published, makes
// it public — or return it with a comment. A department may ask the general
// office for more time once.
import type { Transaction } from 'kysely';
import { formatShanghai } from '../../platform/clock.ts';
import type { Database } from '../../platform/database/index.ts';
import { badRequest, conflict, forbidden } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';
import type { AppContext } from '../../platform/module.ts';
import { requestIndexUpdate } from '../../platform/search.ts';
import { cleanText } from '../../platform/text.ts';
import { piiCodec } from '../identity/pii.ts';
import { enqueueMessage } from '../notify/outbox.ts';
import { actingOrg } from './access.ts';
import { screenText } from './submit.ts';
import type { LetterReplyRow, LetterRow } from './tables.ts';
import { getLetter, type LetterActor, moveLetter, recordEvent } from './transition.ts';

export const SEARCH_SOURCE = 'letters';

const REPLY_MAX = 5000;

/** The reply being worked on (draft, in review or returned), if any. */
export async function currentReply(
  ctx: AppContext,
  letterId: string,
  db: Transaction<Database> | AppContext['db']['kysely'] = ctx.db.kysely,
): Promise<LetterReplyRow | undefined> {
  return db
    .selectFrom('letter_reply')
    .selectAll()
    .where('letter_id', '=', letterId)
    .where('status', '!=', 'approved')
    .orderBy('created_at', 'desc')
    .executeTakeFirst();
}

/** The last reply sent to the writer. */
export async function sentReply(
  ctx: AppContext,
  letterId: string,
): Promise<LetterReplyRow | undefined> {
  return ctx.db.kysely
    .selectFrom('letter_reply')
    .selectAll()
    .where('letter_id', '=', letterId)
    .where('status', '=', 'approved')
    .orderBy('sent_at', 'desc')
    .executeTakeFirst();
}

function replyText(raw: string): string {
  const body = cleanText(raw).trim();
  if ([...body].length < 10 || [...body].length > REPLY_MAX)
    throw badRequest('答复内容不符合要求', { reply: `答复请写 10 到 ${REPLY_MAX} 个字` });
  return body;
}

export async function saveReplyDraft(
  ctx: AppContext,
  actor: LetterActor,
  letterId: string,
  raw: string,
): Promise<void> {
  const body = replyText(raw);
  await ctx.db.kysely.transaction().execute(async (trx) => {
    const letter = await getLetter(ctx, letterId, trx);
    const org = await actingOrg(ctx, letter, actor.grants, 'case.handle', trx);
    if (letter.status !== 'assigned') throw conflict('只有办理中的信件可以起草答复');
    const now = ctx.now().toISOString();
    const draft = await currentReply(ctx, letterId, trx);
    if (draft) {
      await trx
        .updateTable('letter_reply')
        .set({ body, author_id: actor.id, org_id: org, status: 'draft', updated_at: now })
        .where('id', '=', draft.id)
        .execute();
    } else {
      await trx
        .insertInto('letter_reply')
        .values({
          id: newId(),
          letter_id: letterId,
          org_id: org,
          author_id: actor.id,
          body,
          status: 'draft',
          reviewer_id: null,
          review_comment: null,
          created_at: now,
          updated_at: now,
          sent_at: null,
        })
        .execute();
    }
    await recordEvent(ctx, trx, { letter, action: 'draft_reply', actor, detail: { org } });
  });
}

export async function submitReply(
  ctx: AppContext,
  actor: LetterActor,
  letterId: string,
): Promise<void> {
  const letter = await getLetter(ctx, letterId);
  await actingOrg(ctx, letter, actor.grants, 'case.handle');
  const draft = await currentReply(ctx, letterId);
  if (!draft) throw conflict('请先起草答复');
  await screenText(ctx, { reply: draft.body }, '答复');
  await ctx.db.kysely.transaction().execute(async (trx) => {
    const fresh = await getLetter(ctx, letterId, trx);
    await moveLetter(ctx, trx, fresh, 'submit_reply', actor);
    await trx
      .updateTable('letter_reply')
      .set({ status: 'in_review', updated_at: ctx.now().toISOString() })
      .where('id', '=', draft.id)
      .execute();
  });
}

async function reviewable(
  ctx: AppContext,
  trx: Transaction<Database>,
  actor: LetterActor,
  letterId: string,
): Promise<{ letter: LetterRow; reply: LetterReplyRow }> {
  const letter = await getLetter(ctx, letterId, trx);
  const reply = await currentReply(ctx, letterId, trx);
  const org = await actingOrg(ctx, letter, actor.grants, 'letter.review', trx);
  if (reply?.status !== 'in_review') throw conflict('该信件没有待审核的答复');
  if (reply.org_id !== org) throw forbidden('只能审核本部门起草的答复');
  if (reply.author_id === actor.id) throw forbidden('不能审核自己起草的答复');
  return { letter, reply };
}

/** Public state changed: refresh the search index (public pages are not kept server-side). */
async function publicChanged(
  ctx: AppContext,
  trx: Transaction<Database>,
  letterId: string,
): Promise<void> {
  await requestIndexUpdate(ctx, { source: SEARCH_SOURCE, sourceId: letterId }, trx);
}

async function tellWriter(ctx: AppContext, trx: Transaction<Database>, letter: LetterRow) {
  let phone: string | null = null;
  if (letter.phone_enc)
    phone = piiCodec(ctx.config.secret).decrypt('letter.phone', letter.phone_enc);
  else if (letter.account_id) {
    const account = await trx
      .selectFrom('account')
      .select('phone_enc')
      .where('id', '=', letter.account_id)
      .executeTakeFirst();
    if (account?.phone_enc)
      phone = piiCodec(ctx.config.secret).decrypt('account.phone', account.phone_enc);
  }
  if (!phone) return;
  await enqueueMessage(ctx, trx, {
    to: phone,
    template: 'letter.replied',
    params: { code: letter.code },
    idempotencyKey: `letter-replied:${letter.id}:${letter.rehandled}`,
  });
}

export async function approveReply(
  ctx: AppContext,
  actor: LetterActor,
  letterId: string,
  comment?: string,
): Promise<void> {
  await ctx.db.kysely.transaction().execute(async (trx) => {
    const { letter, reply } = await reviewable(ctx, trx, actor, letterId);
    const now = ctx.now();
    const onTime = formatShanghai(now, 'date') <= letter.deadline;
    const isPublic = letter.may_publish === 1 && letter.type !== 'report' ? 1 : 0;
    await moveLetter(ctx, trx, letter, 'approve_reply', actor, {
      set: {
        replied_at: now.toISOString(),
        replied_on_time: onTime ? 1 : 0,
        is_public: isPublic,
      },
      detail: { reply: reply.id, public: isPublic === 1 },
    });
    await trx
      .updateTable('letter_reply')
      .set({
        status: 'approved',
        reviewer_id: actor.id,
        review_comment: comment ? cleanText(comment).slice(0, 1000) : null,
        sent_at: now.toISOString(),
        updated_at: now.toISOString(),
      })
      .where('id', '=', reply.id)
      .execute();
    await tellWriter(ctx, trx, letter);
    await publicChanged(ctx, trx, letterId);
  });
}

export async function returnReply(
  ctx: AppContext,
  actor: LetterActor,
  letterId: string,
  comment: string,
): Promise<void> {
  const text = cleanText(comment).trim();
  if ([...text].length < 2 || [...text].length > 1000)
    throw badRequest('请填写退回意见', { comment: '请填写退回意见（2 到 1000 个字）' });
  await ctx.db.kysely.transaction().execute(async (trx) => {
    const { letter, reply } = await reviewable(ctx, trx, actor, letterId);
    await moveLetter(ctx, trx, letter, 'return_reply', actor, { note: text });
    await trx
      .updateTable('letter_reply')
      .set({
        status: 'returned',
        reviewer_id: actor.id,
        review_comment: text,
        updated_at: ctx.now().toISOString(),
      })
      .where('id', '=', reply.id)
      .execute();
  });
}

export async function requestExtension(
  ctx: AppContext,
  actor: LetterActor,
  letterId: string,
  input: { days: number; reason: string },
): Promise<void> {
  if (!Number.isInteger(input.days) || input.days < 1 || input.days > 30)
    throw badRequest('延期天数不正确', { days: '请填写 1 到 30 个工作日' });
  const reason = cleanText(input.reason).trim();
  if ([...reason].length < 4 || [...reason].length > 500)
    throw badRequest('请填写延期理由', { extension_reason: '请填写延期理由（4 到 500 个字）' });
  await ctx.db.kysely.transaction().execute(async (trx) => {
    const letter = await getLetter(ctx, letterId, trx);
    await actingOrg(ctx, letter, actor.grants, 'case.handle', trx);
    if (letter.status !== 'assigned' && letter.status !== 'reviewing')
      throw conflict('只有办理中的信件可以申请延期');
    const res = await trx
      .updateTable('letter')
      .set({
        extension_status: 'requested',
        extension_days: input.days,
        extension_reason: reason,
        updated_at: ctx.now().toISOString(),
      })
      .where('id', '=', letterId)
      .where('extension_status', '=', 'none')
      .executeTakeFirst();
    if (Number(res.numUpdatedRows) !== 1) throw conflict('每封信件只能申请一次延期');
    await recordEvent(ctx, trx, {
      letter,
      action: 'extension_requested',
      actor,
      note: reason,
      detail: { days: input.days },
    });
  });
}
