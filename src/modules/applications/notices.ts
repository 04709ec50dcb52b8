// Telling the applicant: every status change queues one SMS through the
// notify outbox, in the transaction of the change (no change, no message; a
// retried change, one message: the event id is the idempotency key).
import type { Transaction } from 'kysely';
import type { Database } from '../../platform/database/index.ts';
import type { AppContext } from '../../platform/module.ts';
import { piiCodec } from '../identity/pii.ts';
import { enqueueMessage } from '../notify/outbox.ts';
import { STATUS_LABELS } from './lifecycle.ts';
import type { ApplicationRow, ApplicationStatus } from './tables.ts';

const NOTE_LIMIT = 60;

export async function notifyApplicant(
  ctx: AppContext,
  trx: Transaction<Database>,
  app: Pick<ApplicationRow, 'phone_enc' | 'tracking_no' | 'service_name'>,
  status: ApplicationStatus,
  eventId: string,
  note?: string | null,
): Promise<void> {
  if (!app.phone_enc || !app.tracking_no) return;
  const phone = piiCodec(ctx.config.secret).decrypt('application.phone', app.phone_enc);
  // A short note only: the full text waits behind the sign-in, not in an SMS.
  const shortNote = note
    ? `${[...note].slice(0, NOTE_LIMIT).join('')}${[...note].length > NOTE_LIMIT ? '…' : ''}。`
    : '';
  await enqueueMessage(ctx, trx, {
    to: phone,
    template: 'application.status',
    params: {
      tracking_no: app.tracking_no,
      service: app.service_name,
      status: STATUS_LABELS[status],
      note: shortNote,
      url: `${ctx.config.publicUrl.replace(/\/$/, '')}/services/progress`,
    },
    idempotencyKey: `application:${eventId}`,
  });
}
