import type { Timestamp } from '../../platform/database/schema.ts';

export const CONTENT_TYPES = [
  'article',
  'notice',
  'policy',
  'interpretation',
  'topic',
  'link',
  'gallery',
] as const;
export type ContentType = (typeof CONTENT_TYPES)[number];

export type Workflow = 'draft' | 'in_review' | 'returned' | 'approved';
export type Publication = 'unpublished' | 'scheduled' | 'published' | 'withdrawn';

/** Type-specific fields, stored as JSON text. */
export interface ContentFields {
  /** 文号, e.g. 遵府发〔2026〕3号 (policies). */
  docNumber?: string;
  /** 发布机构. */
  issuer?: string;
  /** 成文日期 YYYY-MM-DD. */
  writtenOn?: string;
  /** 有效性. */
  validity?: 'valid' | 'amended' | 'repealed' | 'expired';
  /** 废止日期 YYYY-MM-DD. */
  repealedOn?: string;
  /** External link items. */
  linkUrl?: string;
  coverSha256?: string;
  coverAlt?: string;
  lifeEvents?: string[];
  /** 来源 shown under the title. */
  source?: string;
}

export interface ContentItemRow {
  id: string;
  site_code: string;
  channel_id: string;
  type: ContentType;
  slug: string;
  title: string;
  summary: string | null;
  body_html: string;
  fields: string;
  /** JSON array of audience tags. */
  audiences: string;
  /** JSON array of topic tags. */
  topics: string;
  source_org_id: string | null;
  author_id: string;
  workflow: Workflow;
  /** The level the working revision waits for (1–3), 0 when not in review. */
  review_level: number;
  working_revision: number;
  live_revision: number | null;
  publication: Publication;
  publish_at: Timestamp | null;
  unpublish_at: Timestamp | null;
  published_at: Timestamp | null;
  pinned: number;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface ContentRevisionRow {
  item_id: string;
  number: number;
  title: string;
  summary: string | null;
  body_html: string;
  fields: string;
  audiences: string;
  topics: string;
  author_id: string;
  created_at: Timestamp;
}

export type ReviewAction = 'submit' | 'approve' | 'return' | 'publish' | 'unpublish' | 'restore';

export interface ContentReviewRow {
  id: string;
  item_id: string;
  revision: number;
  level: number;
  actor_id: string;
  action: ReviewAction;
  comment: string | null;
  created_at: Timestamp;
}

export interface ContentPushRow {
  item_id: string;
  site_code: string;
  channel_id: string | null;
  pushed_by: string;
  created_at: Timestamp;
}

export interface ContentRedirectRow {
  site_code: string;
  old_slug: string;
  item_id: string;
  created_at: Timestamp;
}

export interface ContentLinkRow {
  policy_id: string;
  interpretation_id: string;
}

export interface StoredFileRow {
  sha256: string;
  size: number;
  mime: string;
  created_at: Timestamp;
  /** When the sweep first found nothing referring to the file; null while something does. */
  orphaned_at: Timestamp | null;
}

export interface ContentAttachmentRow {
  item_id: string;
  sha256: string;
  name: string;
  sort_order: number;
}

export interface SensitiveTermRow {
  term: string;
  /** block: submission refused; warn: shown to the editor. */
  severity: 'block' | 'warn';
  suggestion: string | null;
  note: string | null;
  updated_at: Timestamp;
}

export type TagKind = 'audience' | 'topic';

/** One tag of a live item (kept by live-tags.ts): what audience portals look items up by. */
export interface ContentLiveTagRow {
  item_id: string;
  kind: TagKind;
  tag: string;
  site_code: string;
  published_at: Timestamp;
}

declare module '../../platform/database/schema.ts' {
  interface Database {
    content_item: ContentItemRow;
    content_revision: ContentRevisionRow;
    content_review: ContentReviewRow;
    content_push: ContentPushRow;
    content_redirect: ContentRedirectRow;
    content_link: ContentLinkRow;
    stored_file: StoredFileRow;
    content_attachment: ContentAttachmentRow;
    sensitive_term: SensitiveTermRow;
    content_live_tag: ContentLiveTagRow;
  }
}
