// What arrives from the SMS gateway: delivery receipts, recorded against
// their message; and replies. A reply of TD (退订, "unsubscribe" — the
// convention every Chinese carrier's subscribers know) ends every SMS
// subscription of the sending phone. Other replies are logged without their
// text (it is personal data) and otherwise ignored.
import type { AppContext } from '../../platform/module.ts';
import { recordReceipt } from './delivery-receipts.ts';
import type { Inbound } from './smpp/client.ts';
import { unsubscribeAddress } from './unsubscribe.ts';

const UNSUBSCRIBE_REPLIES = new Set(['TD', '退订', '0000', 'STOP']);

/** TD, td, ＴＤ (full-width), "TD " and 退订 all mean unsubscribe. */
export function isUnsubscribeReply(text: string): boolean {
  return UNSUBSCRIBE_REPLIES.has(text.normalize('NFKC').trim().toUpperCase());
}

export async function handleInbound(ctx: AppContext, msg: Inbound): Promise<void> {
  if (msg.kind === 'receipt') {
    await recordReceipt(ctx, msg.receipt);
    return;
  }
  if (isUnsubscribeReply(msg.text)) {
    const ended = await unsubscribeAddress(ctx, 'sms', msg.from, 'sms-reply');
    ctx.logger.info({ subscriptionsEnded: ended }, 'TD reply: SMS subscriptions ended');
    return;
  }
  ctx.logger.info({ length: msg.text.length }, 'inbound SMS that is not TD: ignored');
}
