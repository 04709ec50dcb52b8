// What the general office configures: the reply deadline of each letter type
// in working days, and the "nothing forgotten" limit in calendar days after
// which any open letter goes to supervision. Defaults come with the migration.
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../platform/database/index.ts';
import { badRequest } from '../../platform/errors.ts';
import type { AppContext } from '../../platform/module.ts';
import { LETTER_TYPES, type LetterType } from './tables.ts';

export interface LetterSettings {
  deadlineDays: Record<LetterType, number>;
  staleDays: number;
}

const FALLBACK: LetterSettings = {
  deadlineDays: { consult: 5, suggest: 15, complain: 15, help: 5, report: 15 },
  staleDays: 90,
};

type Executor = Kysely<Database> | Transaction<Database>;

export async function loadSettings(ctx: AppContext, db: Executor = ctx.db.kysely) {
  const rows = await db.selectFrom('letter_setting').selectAll().execute();
  const value = (key: string, fallback: number) =>
    Number(rows.find((r) => r.key === key)?.value ?? fallback);
  const deadlineDays = { ...FALLBACK.deadlineDays };
  for (const type of LETTER_TYPES)
    deadlineDays[type] = value(`deadline.${type}`, FALLBACK.deadlineDays[type]);
  return { deadlineDays, staleDays: value('stale_days', FALLBACK.staleDays) };
}

export async function saveSettings(
  trx: Transaction<Database>,
  settings: LetterSettings,
  now: string,
): Promise<void> {
  const pairs: [string, number][] = [
    ...LETTER_TYPES.map((t): [string, number] => [`deadline.${t}`, settings.deadlineDays[t]]),
    ['stale_days', settings.staleDays],
  ];
  for (const [key, value] of pairs) {
    const limit = key === 'stale_days' ? 365 : 60;
    if (!Number.isInteger(value) || value < 1 || value > limit)
      throw badRequest('设置不正确', { [key]: `请填写 1 到 ${limit} 之间的整数` });
    await trx
      .insertInto('letter_setting')
      .values({ key, value, updated_at: now })
      .onConflict((oc) => oc.column('key').doUpdateSet({ value, updated_at: now }))
      .execute();
  }
}

/** The reply deadline (Beijing date) of a letter of `type` received or reopened at `from`. */
export function deadlineFrom(
  ctx: AppContext,
  settings: LetterSettings,
  type: LetterType,
  from: Date,
): string {
  return ctx.calendar.addWorkingDays(from, settings.deadlineDays[type]);
}
