import type { Timestamp } from '../../platform/database/schema.ts';

export const LETTER_TYPES = ['consult', 'suggest', 'complain', 'help', 'report'] as const;
export type LetterType = (typeof LETTER_TYPES)[number];

/**
 * submitted 待分办 → assigned 办理中 → reviewing 答复审核中 → replied 已答复 → closed 已办结;
 * from submitted also rejected 不予受理 and merged 已并单; replied → assigned once (重新办理).
 */
export const LETTER_STATUSES = [
  'submitted',
  'assigned',
  'reviewing',
  'replied',
  'closed',
  'rejected',
  'merged',
] as const;
export type LetterStatus = (typeof LETTER_STATUSES)[number];

export type ExtensionStatus = 'none' | 'requested' | 'approved' | 'refused';
export type ReplyStatus = 'draft' | 'in_review' | 'returned' | 'approved';

export interface LetterRow {
  id: string;
  code: string;
  account_id: string | null;
  phone_hash: string | null;
  phone_enc: string | null;
  ip_hash: string;
  mailbox_org_id: string | null;
  type: LetterType;
  subject: string;
  body: string;
  may_publish: number;
  status: LetterStatus;
  lead_org_id: string | null;
  merged_into: string | null;
  reject_reason: string | null;
  /** Beijing date YYYY-MM-DD, the last working day to reply. */
  deadline: string;
  extension_status: ExtensionStatus;
  extension_days: number | null;
  extension_reason: string | null;
  supervised_at: Timestamp | null;
  /** overdue: past its deadline; stale: open longer than the configured limit. */
  supervision_reason: 'overdue' | 'stale' | null;
  is_public: number;
  replied_at: Timestamp | null;
  replied_on_time: number | null;
  closed_at: Timestamp | null;
  /** 1 不满意, 2 基本满意, 3 满意. */
  rating: number | null;
  rating_comment: string | null;
  rehandled: number;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface LetterAssignmentRow {
  letter_id: string;
  org_id: string;
  lead: number;
  assigned_by: string;
  created_at: Timestamp;
}

export interface LetterReplyRow {
  id: string;
  letter_id: string;
  org_id: string;
  author_id: string;
  body: string;
  status: ReplyStatus;
  reviewer_id: string | null;
  review_comment: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  sent_at: Timestamp | null;
}

export interface LetterEventRow {
  id: string;
  letter_id: string;
  action: string;
  actor_id: string | null;
  note: string | null;
  created_at: Timestamp;
}

export interface LetterAttachmentRow {
  letter_id: string;
  sha256: string;
  name: string;
  sort_order: number;
}

export interface LetterSettingRow {
  key: string;
  value: number;
  updated_at: Timestamp;
}

declare module '../../platform/database/schema.ts' {
  interface Database {
    letter: LetterRow;
    letter_assignment: LetterAssignmentRow;
    letter_reply: LetterReplyRow;
    letter_event: LetterEventRow;
    letter_attachment: LetterAttachmentRow;
    letter_setting: LetterSettingRow;
  }
}
