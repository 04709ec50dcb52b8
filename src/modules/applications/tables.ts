// Table types of online applications (网上办事): form definitions per service,
// applications and their status history, uploaded materials, the 受理编号
// counters, 好差评 evaluations and the follow-up of bad reviews.
import type { Timestamp } from '../../platform/database/schema.ts';

export const APPLICATION_STATUSES = [
  'draft',
  'submitted',
  'accepted',
  'supplement',
  'not_accepted',
  'approved',
  'rejected',
  'closed',
] as const;
export type ApplicationStatus = (typeof APPLICATION_STATUSES)[number];

/** single: one service; bundle: an 一件事 application; part: one service of a bundle. */
export type ApplicationKind = 'single' | 'bundle' | 'part';

export interface ApplicationFormRow {
  /** The service item's code (GA-001); one form per service. */
  service_code: string;
  /** JSON FormDefinition, validated before it is stored. */
  definition: string;
  version: number;
  updated_by: string;
  updated_at: Timestamp;
}

export interface ApplicationRow {
  id: string;
  kind: ApplicationKind;
  /** 受理编号, issued at submission; null while a draft. */
  tracking_no: string | null;
  /** The bundle application a part belongs to. */
  parent_id: string | null;
  /** Service code (single, part) or bundle code (bundle). */
  service_code: string;
  service_name: string;
  /** The department whose queue holds it; null for a bundle (its parts are queued). */
  org_id: string | null;
  applicant_id: string;
  applicant_name: string;
  /** The applicant's phone, encrypted; a keyed hash of its last four digits for the public lookup. */
  phone_enc: string | null;
  phone_tail_hash: string | null;
  status: ApplicationStatus;
  /** The form values as JSON, encrypted (they hold personal data). */
  data_enc: string;
  /** The token of the form it came from: a second submit of it returns this row. */
  submit_key: string;
  /** 承诺时限 in working days, copied at submission. */
  promised_days: number | null;
  submitted_at: Timestamp | null;
  accepted_at: Timestamp | null;
  /** Last day (YYYY-MM-DD, Beijing) by which a decision is due; moves on with 补正 pauses. */
  due_date: string | null;
  /** Working days the clock stood still during 补正. */
  paused_days: number;
  paused_at: Timestamp | null;
  decided_at: Timestamp | null;
  closed_at: Timestamp | null;
  /** 不予受理 reason, 补正 request or decision text: the latest note shown to the applicant. */
  note: string | null;
  decision_text: string | null;
  decision_file: string | null;
  decision_file_name: string | null;
  handler_id: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface ApplicationEventRow {
  id: string;
  application_id: string;
  action: string;
  from_status: ApplicationStatus | null;
  to_status: ApplicationStatus;
  actor_id: string | null;
  actor_name: string;
  note: string | null;
  at: Timestamp;
}

export interface ApplicationFileRow {
  id: string;
  application_id: string;
  /** The material key from the form definition (id-card, birth-medical-certificate…). */
  material: string;
  sha256: string;
  name: string;
  size: number;
  mime: string;
  /** 0 at submission, 1… for each 补正 round. */
  round: number;
  uploaded_at: Timestamp;
}

export interface ApplicationCounterRow {
  scope: string;
  last: number;
}

export interface ApplicationEvaluationRow {
  application_id: string;
  applicant_id: string;
  /** 5 非常满意 … 1 非常不满意. */
  grade: number;
  /** JSON array of reason codes. */
  reasons: string;
  comment: string | null;
  org_id: string;
  service_code: string;
  created_at: Timestamp;
}

export type FollowupStatus = 'open' | 'answered' | 'closed';

export interface ApplicationFollowupRow {
  id: string;
  application_id: string;
  org_id: string;
  grade: number;
  due_date: string;
  status: FollowupStatus;
  /** 整改反馈. */
  response: string | null;
  responded_at: Timestamp | null;
  responder_id: string | null;
  /** 回访: when, and what the applicant said. */
  callback_at: Timestamp | null;
  callback_note: string | null;
  callback_by: string | null;
  created_at: Timestamp;
}

declare module '../../platform/database/schema.ts' {
  interface Database {
    application_form: ApplicationFormRow;
    application: ApplicationRow;
    application_event: ApplicationEventRow;
    application_file: ApplicationFileRow;
    application_counter: ApplicationCounterRow;
    application_evaluation: ApplicationEvaluationRow;
    application_followup: ApplicationFollowupRow;
  }
}
