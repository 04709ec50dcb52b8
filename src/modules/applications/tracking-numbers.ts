// 受理编号: YM + the Beijing date + a six-digit sequence of that day, e.g.
// YM20261201000042. The sequence comes from a counter row bumped inside the
// submitting transaction: PostgreSQL holds the row lock until commit, SQLite
// runs one writer at a time, so two submissions never get the same number and
// a rolled-back submission gives its number back.
import type { Transaction } from 'kysely';
import { formatShanghai } from '../../platform/clock.ts';
import type { Database } from '../../platform/database/index.ts';

export const TRACKING_PATTERN = /^YM\d{14}(-\d{1,2})?$/;

export async function nextTrackingNumber(trx: Transaction<Database>, now: Date): Promise<string> {
  const day = formatShanghai(now, 'date').replaceAll('-', '');
  await trx
    .insertInto('application_counter')
    .values({ scope: day, last: 0 })
    .onConflict((oc) => oc.column('scope').doNothing())
    .execute();
  const row = await trx
    .updateTable('application_counter')
    .set((eb) => ({ last: eb('last', '+', 1) }))
    .where('scope', '=', day)
    .returning('last')
    .executeTakeFirstOrThrow();
  return `YM${day}${String(row.last).padStart(6, '0')}`;
}

/** The number of one service's part of a bundle application. */
export function partTrackingNumber(parent: string, position: number): string {
  return `${parent}-${position}`;
}
