// The status history of an application (what the applicant and the handler
// see, with times) written together with its audit record.
import type { Transaction } from 'kysely';
import type { Database } from '../../platform/database/index.ts';
import { newId } from '../../platform/ids.ts';
import type { AppContext } from '../../platform/module.ts';
import { type Actor, audit } from '../identity/audit-events.ts';
import type { ApplicationEventRow, ApplicationRow, ApplicationStatus } from './tables.ts';

export interface StatusChange {
  app: Pick<ApplicationRow, 'id' | 'tracking_no' | 'org_id'>;
  action: string;
  from: ApplicationStatus | null;
  to: ApplicationStatus;
  actor: Actor;
  note?: string | null;
}

/** Record one change: a history row and, last in the transaction, its audit entry. */
export async function recordChange(
  ctx: AppContext,
  trx: Transaction<Database>,
  change: StatusChange,
): Promise<string> {
  const id = newId();
  await trx
    .insertInto('application_event')
    .values({
      id,
      application_id: change.app.id,
      action: change.action,
      from_status: change.from,
      to_status: change.to,
      actor_id: change.actor.id,
      actor_name: change.actor.name,
      note: change.note ?? null,
      at: ctx.now().toISOString(),
    })
    .execute();
  await audit(ctx, trx, {
    actor: change.actor,
    action: `application.${change.action}`,
    targetType: 'application',
    targetId: change.app.id,
    outcome: 'success',
    detail: {
      trackingNo: change.app.tracking_no,
      orgId: change.app.org_id,
      from: change.from,
      to: change.to,
    },
  });
  return id;
}

export async function historyOf(
  ctx: AppContext,
  applicationIds: readonly string[],
): Promise<ApplicationEventRow[]> {
  if (applicationIds.length === 0) return [];
  return ctx.db.kysely
    .selectFrom('application_event')
    .selectAll()
    .where('application_id', 'in', applicationIds)
    .orderBy('at')
    .orderBy('id')
    .execute();
}
