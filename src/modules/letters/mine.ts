// A writer's own letters: only ever looked up together with the account, so
// someone else's letter id is simply not found (404), never forbidden.
import { notFound } from '../../platform/errors.ts';
import type { AppContext } from '../../platform/module.ts';
import { piiCodec } from '../identity/pii.ts';
import { sentReply } from './handling.ts';
import { introducedNames, removePersonalData } from './privacy.ts';
import type { LetterEventRow, LetterReplyRow, LetterRow } from './tables.ts';

export async function myLetters(ctx: AppContext, accountId: string): Promise<LetterRow[]> {
  return ctx.db.kysely
    .selectFrom('letter')
    .selectAll()
    .where('account_id', '=', accountId)
    .orderBy('created_at', 'desc')
    .limit(200)
    .execute();
}

/** The names a letter's writer goes by: the account's and any the letter introduces. */
async function writerNames(ctx: AppContext, letterId: string): Promise<string[]> {
  const row = await ctx.db.kysely
    .selectFrom('letter')
    .leftJoin('account', 'account.id', 'letter.account_id')
    .select(['letter.body', 'account.real_name', 'account.display_name'])
    .where('letter.id', '=', letterId)
    .executeTakeFirst();
  if (!row) return [];
  return [row.real_name ?? '', row.display_name ?? '', ...introducedNames(row.body)];
}

export interface MyLetter {
  letter: LetterRow;
  events: LetterEventRow[];
  /** The reply sent (for a merged letter: the reply to the letter it joined). */
  reply: LetterReplyRow | undefined;
  department: string | null;
}

export async function myLetter(ctx: AppContext, accountId: string, id: string): Promise<MyLetter> {
  const letter = await ctx.db.kysely
    .selectFrom('letter')
    .selectAll()
    .where('id', '=', id)
    .where('account_id', '=', accountId)
    .executeTakeFirst();
  if (!letter) throw notFound('信件不存在');
  return withProgress(ctx, letter);
}

/**
 * A letter found by its 查询码 and the writer's phone: the phone verified when it
 * was written, or the phone of the account that wrote it. Undefined when they do not match.
 */
export async function trackedLetter(
  ctx: AppContext,
  code: string,
  phone: string,
): Promise<MyLetter | undefined> {
  const phoneHash = piiCodec(ctx.config.secret).hash(phone);
  const letter = await ctx.db.kysely
    .selectFrom('letter')
    .leftJoin('account', 'account.id', 'letter.account_id')
    .selectAll('letter')
    .where('letter.code', '=', code)
    .where((eb) =>
      eb.or([eb('letter.phone_hash', '=', phoneHash), eb('account.phone_hash', '=', phoneHash)]),
    )
    .executeTakeFirst();
  return letter ? withProgress(ctx, letter) : undefined;
}

async function withProgress(ctx: AppContext, letter: LetterRow): Promise<MyLetter> {
  const id = letter.id;
  const events = await ctx.db.kysely
    .selectFrom('letter_event')
    .selectAll()
    .where('letter_id', '=', id)
    .where('action', 'not in', ['draft_reply', 'submit_reply', 'return_reply'])
    .orderBy('created_at')
    .execute();
  let reply = await sentReply(ctx, letter.merged_into ?? letter.id);
  // A merged letter shows the reply to another writer's letter: without that writer's data.
  if (reply && letter.merged_into)
    reply = {
      ...reply,
      body: removePersonalData(reply.body, await writerNames(ctx, letter.merged_into)),
    };
  const org = reply
    ? await ctx.db.kysely
        .selectFrom('organisation')
        .select('name')
        .where('id', '=', reply.org_id)
        .executeTakeFirst()
    : undefined;
  return { letter, events, reply, department: org?.name ?? null };
}
