// The working-day calendar (工作日历). Every deadline in Yimen counts working
// days: Monday to Friday, minus public holidays, plus the weekend days that
// the State Council's arrangement turns into working days (调休). Exceptions
// live in yimen_calendar_day; arithmetic runs on an in-memory copy.
import { formatShanghai } from '../clock.ts';
import type { Db } from '../database/index.ts';
import { badRequest } from '../errors.ts';

export interface CalendarDay {
  day: string;
  isWorkingDay: boolean;
  name: string;
}

export interface Calendar {
  isWorkingDay(date: string | Date): boolean;
  /** The n-th working day after `date` (the start day itself does not count). */
  addWorkingDays(date: string | Date, n: number): string;
  /** Working days in (a, b]: so workingDaysBetween(a, addWorkingDays(a, n)) === n. */
  workingDaysBetween(a: string | Date, b: string | Date): number;
  /** Exceptions in a year, for the admin page. */
  exceptions(year: number): CalendarDay[];
  setDay(day: string, isWorkingDay: boolean, name: string): Promise<void>;
  removeDay(day: string): Promise<void>;
  reload(): Promise<void>;
}

const DAY_MS = 86_400_000;
const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;

/** The calendar date in Asia/Shanghai (UTC+8, no daylight saving) of a moment or a YYYY-MM-DD string. */
export function toLocalDate(date: string | Date): string {
  if (typeof date === 'string') {
    if (!DATE_RE.test(date) || Number.isNaN(Date.parse(`${date}T00:00:00Z`))) {
      throw badRequest(`日期格式应为 YYYY-MM-DD：${date.slice(0, 40)}`);
    }
    return date;
  }
  return formatShanghai(date, 'date');
}

function shift(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

function weekday(day: string): number {
  return new Date(`${day}T00:00:00Z`).getUTCDay();
}

export async function loadCalendar(db: Db): Promise<Calendar> {
  let exceptions = new Map<string, CalendarDay>();

  async function reload(): Promise<void> {
    const rows = await db.kysely.selectFrom('yimen_calendar_day').selectAll().execute();
    exceptions = new Map(
      rows.map((r) => [
        r.day,
        { day: r.day, isWorkingDay: Number(r.is_working_day) === 1, name: r.name },
      ]),
    );
  }

  function isWorking(day: string): boolean {
    const ex = exceptions.get(day);
    if (ex) return ex.isWorkingDay;
    const wd = weekday(day);
    return wd !== 0 && wd !== 6;
  }

  function addWorkingDays(date: string | Date, n: number): string {
    if (!Number.isInteger(n)) throw badRequest('工作日数必须是整数');
    let day = toLocalDate(date);
    const step = n >= 0 ? 1 : -1;
    for (let left = Math.abs(n); left > 0; ) {
      day = shift(day, step);
      if (isWorking(day)) left--;
    }
    return day;
  }

  function workingDaysBetween(a: string | Date, b: string | Date): number {
    const from = toLocalDate(a);
    const to = toLocalDate(b);
    if (to < from) return -workingDaysBetween(to, from);
    let count = 0;
    for (let day = shift(from, 1); day <= to; day = shift(day, 1)) if (isWorking(day)) count++;
    return count;
  }

  async function setDay(day: string, isWorkingDay: boolean, name: string): Promise<void> {
    toLocalDate(day);
    const row = {
      day,
      is_working_day: isWorkingDay ? 1 : 0,
      name,
      updated_at: new Date().toISOString(),
    };
    await db.kysely
      .insertInto('yimen_calendar_day')
      .values(row)
      .onConflict((oc) =>
        oc
          .column('day')
          .doUpdateSet({ is_working_day: row.is_working_day, name, updated_at: row.updated_at }),
      )
      .execute();
    await reload();
  }

  async function removeDay(day: string): Promise<void> {
    await db.kysely.deleteFrom('yimen_calendar_day').where('day', '=', toLocalDate(day)).execute();
    await reload();
  }

  await reload();
  return {
    isWorkingDay: (date) => isWorking(toLocalDate(date)),
    addWorkingDays,
    workingDaysBetween,
    exceptions: (year) =>
      [...exceptions.values()]
        .filter((d) => d.day.startsWith(`${year}-`))
        .sort((x, y) => x.day.localeCompare(y.day)),
    setDay,
    removeDay,
    reload,
  };
}
