// A writer's own letters: only ever looked up together with the account, so
// someone else's letter id is simply not found (404), never forbidden.
import { notFound } from '../../platform/errors.ts';
import type { AppContext } from '../../platform/module.ts';
import { sentReply } from './handling.ts';
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
  const events = await ctx.db.kysely
    .selectFrom('letter_event')
    .selectAll()
    .where('letter_id', '=', id)
    .where('action', 'not in', ['draft_reply', 'submit_reply', 'return_reply'])
    .orderBy('created_at')
    .execute();
  const reply = await sentReply(ctx, letter.merged_into ?? letter.id);
  const org = reply
    ? await ctx.db.kysely
        .selectFrom('organisation')
        .select('name')
        .where('id', '=', reply.org_id)
        .executeTakeFirst()
    : undefined;
  return { letter, events, reply, department: org?.name ?? null };
}
