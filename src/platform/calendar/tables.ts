import type { Timestamp } from '../database/schema.ts';

export interface CalendarDayRow {
  day: string;
  is_working_day: number;
  name: string;
  updated_at: Timestamp;
}

declare module '../database/schema.ts' {
  interface Database {
    yimen_calendar_day: CalendarDayRow;
  }
}
