// Tables of the participation module (找错, 意见征集, 在线调查), merged into
// the one Database interface.
import type { Timestamp } from '../../platform/database/schema.ts';

export type ReportStatus = 'open' | 'fixed' | 'rejected';
export type CommentStatus = 'pending' | 'shown' | 'hidden';
export type PublishStatus = 'draft' | 'published';
export type QuestionKind = 'single' | 'multiple' | 'rating' | 'text';

export interface FeedbackReportRow {
  id: string;
  /** The lookup code the reporter is given (and the one thing that lets them read the answer). */
  code: string;
  site_code: string;
  page_url: string;
  kind: string;
  description: string;
  contact_channel: 'sms' | 'email' | null;
  contact_enc: string | null;
  contact_masked: string | null;
  ip_hash: string;
  status: ReportStatus;
  /** Calendar date (Asia/Shanghai) by which the site's editors answer. */
  due_on: string;
  answer: string | null;
  handled_by: string | null;
  handled_at: Timestamp | null;
  created_at: Timestamp;
}

export interface ConsultationRow {
  id: string;
  site_code: string;
  department: string;
  title: string;
  body: string;
  opens_at: Timestamp;
  closes_at: Timestamp;
  status: PublishStatus;
  /** 采纳情况: published only after the window closed. */
  summary: string | null;
  summary_published_at: Timestamp | null;
  created_by: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface ConsultationCommentRow {
  id: string;
  consultation_id: string;
  account_id: string;
  author_name: string;
  body: string;
  status: CommentStatus;
  /** JSON array of the sensitive terms found, for the moderator. */
  flagged: string;
  created_at: Timestamp;
  moderated_by: string | null;
  moderated_at: Timestamp | null;
}

export interface SurveyRow {
  id: string;
  site_code: string;
  title: string;
  intro: string;
  opens_at: Timestamp;
  closes_at: Timestamp;
  status: PublishStatus;
  created_by: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface SurveyQuestionRow {
  id: string;
  survey_id: string;
  position: number;
  kind: QuestionKind;
  prompt: string;
  required: number;
  /** JSON array of option labels (choices); for a rating, ["1".."5"] labels are implied. */
  options: string;
}

export interface SurveyResponseRow {
  id: string;
  survey_id: string;
  account_id: string;
  created_at: Timestamp;
}

export interface SurveyAnswerRow {
  response_id: string;
  question_id: string;
  /** JSON: an option index, an array of indexes, a rating 1–5, or text. */
  value: string;
}

declare module '../../platform/database/schema.ts' {
  interface Database {
    feedback_report: FeedbackReportRow;
    consultation: ConsultationRow;
    consultation_comment: ConsultationCommentRow;
    survey: SurveyRow;
    survey_question: SurveyQuestionRow;
    survey_response: SurveyResponseRow;
    survey_answer: SurveyAnswerRow;
  }
}
