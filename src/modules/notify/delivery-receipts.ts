// Delivery receipts recorded against the provider message id. Every receipt
// is stored as it arrives (the SMSC is acknowledged only afterwards); one
// that comes before the submit response has been written is matched when the
// message's provider ids are recorded, or by the dispatcher's sweep. A failed
// state (UNDELIV, REJECTD, EXPIRED, …) on any part of a long SMS stays: a
// later DELIVRD for another part does not hide it.
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../platform/database/index.ts';
import { newId } from '../../platform/ids.ts';
import type { AppContext } from '../../platform/module.ts';
import { FAILED_STATES, type ParsedReceipt } from './smpp/receipts.ts';
import type { ReceiptRow } from './tables.ts';

type Executor = Transaction<Database> | Kysely<Database>;
const INTERMEDIATE = new Set(['ENROUTE', 'ACCEPTD']);

async function apply(trx: Executor, messageId: string, r: ReceiptRow): Promise<void> {
  const msg = await trx
    .selectFrom('outbox_message')
    .select(['delivery_status'])
    .where('id', '=', messageId)
    .executeTakeFirst();
  if (!msg) return;
  const failed = FAILED_STATES.has(r.state);
  const current = msg.delivery_status;
  if (current && FAILED_STATES.has(current) && !failed) return;
  if (current && !INTERMEDIATE.has(current) && INTERMEDIATE.has(r.state)) return;
  await trx
    .updateTable('outbox_message')
    .set({
      delivery_status: r.state,
      delivered_at: r.done_at ?? r.received_at,
      ...(failed ? { bounce_code: `sms:${r.error_code ?? ''}`, bounce_reason: r.state } : {}),
    })
    .where('id', '=', messageId)
    .execute();
  await trx
    .updateTable('outbox_receipt')
    .set({ message_id: messageId })
    .where('id', '=', r.id)
    .execute();
}

/** Store a receipt from the gateway and apply it if its message is known. */
export async function recordReceipt(ctx: AppContext, receipt: ParsedReceipt): Promise<void> {
  await ctx.db.kysely.transaction().execute(async (trx) => {
    const row: ReceiptRow = {
      id: newId(),
      provider_id: receipt.providerId.slice(0, 200),
      state: receipt.state,
      error_code: receipt.errorCode ?? null,
      done_at: receipt.doneAt?.toISOString() ?? null,
      received_at: ctx.now().toISOString(),
      message_id: null,
    };
    await trx.insertInto('outbox_receipt').values(row).execute();
    const ref = await trx
      .selectFrom('outbox_provider_ref')
      .select('message_id')
      .where('provider_id', '=', row.provider_id)
      .executeTakeFirst();
    if (ref) await apply(trx, ref.message_id, row);
  });
}

/**
 * Apply receipts that arrived before their message's provider ids were
 * written: for the given ids, or (no ids) any unmatched one of the last day.
 */
export async function matchReceipts(
  trx: Executor,
  now: Date,
  providerIds?: readonly string[],
): Promise<number> {
  if (providerIds?.length === 0) return 0;
  let q = trx
    .selectFrom('outbox_receipt')
    .innerJoin(
      'outbox_provider_ref',
      'outbox_provider_ref.provider_id',
      'outbox_receipt.provider_id',
    )
    .selectAll('outbox_receipt')
    .select('outbox_provider_ref.message_id as ref_message_id')
    .where('outbox_receipt.message_id', 'is', null)
    .orderBy('outbox_receipt.received_at')
    .limit(500);
  q = providerIds
    ? q.where('outbox_receipt.provider_id', 'in', [...providerIds])
    : q.where(
        'outbox_receipt.received_at',
        '>',
        new Date(now.getTime() - 86_400_000).toISOString(),
      );
  const rows = await q.execute();
  for (const r of rows) await apply(trx, r.ref_message_id, r);
  return rows.length;
}
