// The writer's side after the reply: rate it (满意 / 基本满意 / 不满意) and,
// once, when not satisfied, ask for it to be handled again — which reopens
// the letter with the lead department and a fresh deadline.
import { badRequest, conflict, notFound } from '../../platform/errors.ts';
import type { AppContext } from '../../platform/module.ts';
import { cleanText } from '../../platform/text.ts';
import type { Actor } from '../identity/audit-events.ts';
import { deadlineFrom, loadSettings } from './settings.ts';
import { getLetter, moveLetter } from './transition.ts';

export const RATINGS = { 3: '满意', 2: '基本满意', 1: '不满意' } as const;

export async function rateReply(
  ctx: AppContext,
  writer: Actor & { id: string },
  letterId: string,
  input: { rating: number; comment?: string; rehandle?: boolean },
): Promise<'closed' | 'rehandling'> {
  if (![1, 2, 3].includes(input.rating))
    throw badRequest('请选择评价', { rating: '请选择满意、基本满意或不满意' });
  const comment = input.comment ? cleanText(input.comment).trim().slice(0, 500) : null;
  const settings = await loadSettings(ctx);
  return ctx.db.kysely.transaction().execute(async (trx) => {
    const letter = await getLetter(ctx, letterId, trx);
    if (letter.account_id !== writer.id) throw notFound('信件不存在');
    const rehandle = input.rehandle === true && input.rating === 1;
    if (rehandle && letter.rehandled === 1) throw conflict('每封信件只能申请一次重新办理');
    const now = ctx.now();
    if (rehandle) {
      await moveLetter(ctx, trx, letter, 'rehandle', writer, {
        set: {
          rating: 1,
          rating_comment: comment,
          rehandled: 1,
          deadline: deadlineFrom(ctx, settings, letter.type, now),
          supervised_at: null,
          supervision_reason: null,
        },
        note: comment,
      });
      return 'rehandling';
    }
    await moveLetter(ctx, trx, letter, 'rate', writer, {
      set: { rating: input.rating, rating_comment: comment, closed_at: now.toISOString() },
      detail: { rating: input.rating },
    });
    return 'closed';
  });
}
