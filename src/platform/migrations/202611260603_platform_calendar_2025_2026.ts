import type { Kysely } from 'kysely';

// The State Council's holiday arrangements (国务院办公厅关于节假日安排的通知)
// for 2025 and 2026: holidays as [first, last] ranges, and the weekend days
// that become working days (调休). Data lives here, not in application code,
// so the migration stays valid as the code changes.
const ARRANGEMENTS: { name: string; off: [string, string]; work?: string[] }[] = [
  { name: '元旦', off: ['2025-01-01', '2025-01-01'] },
  { name: '春节', off: ['2025-01-28', '2025-02-04'], work: ['2025-01-26', '2025-02-08'] },
  { name: '清明节', off: ['2025-04-04', '2025-04-06'] },
  { name: '劳动节', off: ['2025-05-01', '2025-05-05'], work: ['2025-04-27'] },
  { name: '端午节', off: ['2025-05-31', '2025-06-02'] },
  { name: '国庆节、中秋节', off: ['2025-10-01', '2025-10-08'], work: ['2025-09-28', '2025-10-11'] },
  { name: '元旦', off: ['2026-01-01', '2026-01-03'], work: ['2026-01-04'] },
  { name: '春节', off: ['2026-02-15', '2026-02-23'], work: ['2026-02-14', '2026-02-28'] },
  { name: '清明节', off: ['2026-04-04', '2026-04-06'] },
  { name: '劳动节', off: ['2026-05-01', '2026-05-05'], work: ['2026-05-09'] },
  { name: '端午节', off: ['2026-06-19', '2026-06-21'] },
  { name: '中秋节', off: ['2026-09-25', '2026-09-27'] },
  { name: '国庆节', off: ['2026-10-01', '2026-10-07'], work: ['2026-09-20', '2026-10-10'] },
];

function* daysIn(first: string, last: string): Generator<string> {
  const end = Date.parse(`${last}T00:00:00Z`);
  for (let t = Date.parse(`${first}T00:00:00Z`); t <= end; t += 86_400_000) {
    yield new Date(t).toISOString().slice(0, 10);
  }
}

function rows() {
  const updated_at = '2026-11-26T06:00:00.000Z';
  const out: { day: string; is_working_day: number; name: string; updated_at: string }[] = [];
  for (const a of ARRANGEMENTS) {
    for (const day of daysIn(a.off[0], a.off[1]))
      out.push({ day, is_working_day: 0, name: a.name, updated_at });
    for (const day of a.work ?? [])
      out.push({ day, is_working_day: 1, name: `${a.name}调休上班`, updated_at });
  }
  return out;
}

export async function up(db: Kysely<any>): Promise<void> {
  await db
    .insertInto('yimen_calendar_day')
    .values(rows())
    .onConflict((oc: any) => oc.column('day').doNothing())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db
    .deleteFrom('yimen_calendar_day')
    .where(
      'day',
      'in',
      rows().map((r) => r.day),
    )
    .execute();
}
