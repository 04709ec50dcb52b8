// Deadlines in working days (工作日) from the platform calendar: the clock
// starts at 受理, stands still while the applicant is asked for 补正 (the
// working days of the pause are added back), and an application turns yellow
// near its due date and red past it.
import type { Calendar } from '../../platform/calendar/calendar.ts';
import { toLocalDate } from '../../platform/calendar/calendar.ts';
import type { ApplicationRow } from './tables.ts';

/** Working days left at which an application turns yellow. */
export const NEAR_DAYS = 2;

/** The last day of the promised time limit, counting from the day of acceptance. */
export function dueDate(
  calendar: Calendar,
  acceptedAt: Date | string,
  promisedDays: number,
  pausedDays: number,
): string {
  return calendar.addWorkingDays(acceptedAt, promisedDays + pausedDays);
}

/** Working days the clock stood still: those after the request, up to the day supplied. */
export function pauseLength(calendar: Calendar, pausedAt: Date | string, resumedAt: Date): number {
  return Math.max(0, calendar.workingDaysBetween(pausedAt, resumedAt));
}

export type Urgency = 'none' | 'normal' | 'near' | 'overdue' | 'paused' | 'on_time' | 'late';

type Timing = Pick<ApplicationRow, 'status' | 'due_date' | 'decided_at'>;

/** Was the decision made by the due date (Beijing calendar day)? */
export function decidedOnTime(app: Timing): boolean | undefined {
  if (!app.decided_at || !app.due_date) return undefined;
  return toLocalDate(new Date(app.decided_at)) <= app.due_date;
}

/** Where an application stands against its deadline now. */
export function urgencyOf(calendar: Calendar, app: Timing, now: Date): Urgency {
  const onTime = decidedOnTime(app);
  if (onTime !== undefined) return onTime ? 'on_time' : 'late';
  if (app.status === 'supplement') return 'paused';
  if (!app.due_date || app.status !== 'accepted') return 'none';
  const today = toLocalDate(now);
  if (today > app.due_date) return 'overdue';
  return calendar.workingDaysBetween(today, app.due_date) <= NEAR_DAYS ? 'near' : 'normal';
}

/** Working days left until the due date (negative when past), for the queue. */
export function daysLeft(calendar: Calendar, app: Timing, now: Date): number | undefined {
  if (!app.due_date) return undefined;
  return calendar.workingDaysBetween(toLocalDate(now), app.due_date);
}

export const URGENCY_LABELS: Record<Urgency, string> = {
  none: '—',
  normal: '正常',
  near: '临近期限',
  overdue: '已超期',
  paused: '补正中（计时暂停）',
  on_time: '按期办结',
  late: '超期办结',
};
