import type { Timestamp } from '../database/schema.ts';

export interface JobRow {
  id: string;
  name: string;
  /** JSON text. */
  payload: string;
  status: string;
  attempts: number;
  max_attempts: number;
  run_at: Timestamp;
  locked_by: string | null;
  locked_until: Timestamp | null;
  last_error: string | null;
  idempotency_key: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  finished_at: Timestamp | null;
}

export interface ScheduleRow {
  name: string;
  cron: string;
  job: string;
  payload: string;
  next_run_at: Timestamp;
  last_run_at: Timestamp | null;
}

declare module '../database/schema.ts' {
  interface Database {
    yimen_job: JobRow;
    yimen_job_schedule: ScheduleRow;
  }
}
