// Public statistics (好差评 and timeliness) per department and per service:
// volumes, on-time rate and satisfaction. Counted from the applications that
// reached a department (bundle containers are not cases; drafts are not
// applications). On time means decided by the due date, Beijing calendar.
import type { AppContext } from '../../platform/module.ts';
import { decidedOnTime } from './deadline.ts';
import { BAD_GRADE } from './evaluation.ts';

export interface StatsRow {
  key: string;
  /** Applications received (submitted). */
  received: number;
  /** With a decision (approved, rejected, closed). */
  decided: number;
  onTime: number;
  /** onTime / decided, or null when nothing was decided. */
  onTimeRate: number | null;
  ratings: number;
  /** Ratings of 基本满意 or better / ratings. */
  satisfiedRate: number | null;
  /** Mean grade, 1–5. */
  averageGrade: number | null;
  badReviews: number;
}

function empty(key: string): StatsRow {
  return {
    key,
    received: 0,
    decided: 0,
    onTime: 0,
    onTimeRate: null,
    ratings: 0,
    satisfiedRate: null,
    averageGrade: null,
    badReviews: 0,
  };
}

const ratio = (a: number, b: number) => (b === 0 ? null : a / b);

/** Statistics grouped by department ('org') or by service ('service'), largest first. */
export async function applicationStats(
  ctx: AppContext,
  by: 'org' | 'service',
): Promise<StatsRow[]> {
  const cases = await ctx.db.kysely
    .selectFrom('application')
    .select(['org_id', 'service_code', 'status', 'due_date', 'decided_at'])
    .where('kind', '!=', 'bundle')
    .where('status', '!=', 'draft')
    .execute();
  const ratings = await ctx.db.kysely
    .selectFrom('application_evaluation')
    .select(['org_id', 'service_code', 'grade'])
    .execute();
  const rows = new Map<string, StatsRow & { gradeSum: number; satisfied: number }>();
  const rowFor = (key: string) => {
    let row = rows.get(key);
    if (!row) {
      row = { ...empty(key), gradeSum: 0, satisfied: 0 };
      rows.set(key, row);
    }
    return row;
  };
  for (const c of cases) {
    const row = rowFor(by === 'org' ? (c.org_id ?? '') : c.service_code);
    row.received += 1;
    const onTime = decidedOnTime(c);
    if (onTime !== undefined) {
      row.decided += 1;
      if (onTime) row.onTime += 1;
    }
  }
  for (const r of ratings) {
    const row = rowFor(by === 'org' ? r.org_id : r.service_code);
    row.ratings += 1;
    row.gradeSum += r.grade;
    if (r.grade > BAD_GRADE) row.satisfied += 1;
    else row.badReviews += 1;
  }
  return [...rows.values()]
    .map(({ gradeSum, satisfied, ...row }) => ({
      ...row,
      onTimeRate: ratio(row.onTime, row.decided),
      satisfiedRate: ratio(satisfied, row.ratings),
      averageGrade: ratio(gradeSum, row.ratings),
    }))
    .sort((a, b) => b.received - a.received || a.key.localeCompare(b.key));
}
