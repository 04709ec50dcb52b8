import type { Timestamp } from '../../platform/database/schema.ts';

export const SERVICE_TYPES = [
  '行政许可',
  '行政确认',
  '行政给付',
  '行政征收',
  '行政奖励',
  '行政裁决',
  '其他行政权力',
  '公共服务',
] as const;
export type ServiceType = (typeof SERVICE_TYPES)[number];

export type ServiceStatus = 'draft' | 'in_review' | 'published' | 'withdrawn';
export type OnlineDepth = 'info' | 'apply' | 'full';

/** One required material of a guide (stored in service_items.materials). */
export interface ServiceMaterial {
  /**
   * What the material is, independent of the guide: two guides asking for the
   * same key ask for the same document, so a bundle asks for it once
   * (e.g. 'id-card', 'household-register', 'birth-certificate').
   */
  key: string;
  name: string;
  /** 原件, 复印件, or both. */
  form: 'original' | 'copy' | 'original_and_copy';
  copies: number;
  /** Mandatory, or only in the stated condition. */
  requirement: 'mandatory' | 'conditional';
  condition?: string;
  note?: string;
  /** Sample (样表) and blank form (空白表格): stored files by SHA-256. */
  sample?: { sha256: string; name: string };
  blank?: { sha256: string; name: string };
}

export interface ProcessStep {
  name: string;
  description: string;
}

export interface FaqEntry {
  question: string;
  answer: string;
}

export interface ServiceItemRow {
  id: string;
  code: string;
  name: string;
  summary: string;
  type: ServiceType;
  org_id: string;
  status: ServiceStatus;
  review_level: number;
  /** 设定依据. */
  legal_basis: string;
  /** 申请条件. */
  conditions: string;
  /** JSON ServiceMaterial[]. */
  materials: string;
  /** JSON ProcessStep[]. */
  process_steps: string;
  /** 法定办结时限 and 承诺办结时限, in working days. */
  statutory_days: number | null;
  promised_days: number | null;
  /** 收费标准 ("不收费" is a standard too) and its basis. */
  fee_standard: string;
  fee_basis: string;
  /** 办理地点 and 办理时间. */
  place: string;
  hours: string;
  /** 咨询电话 and 监督投诉电话. */
  consult_phone: string;
  complaint_phone: string;
  online_depth: OnlineDepth;
  /** JSON arrays of codes. */
  audiences: string;
  life_events: string;
  enterprise_stages: string;
  themes: string;
  /** JSON FaqEntry[]. */
  faq: string;
  /** JSON of the edited guide awaiting review while the published one stays live. */
  pending: string | null;
  author_id: string;
  created_at: Timestamp;
  updated_at: Timestamp;
  published_at: Timestamp | null;
}

export type ServiceReviewAction = 'submit' | 'approve' | 'return' | 'publish' | 'withdraw';

export interface ServiceReviewRow {
  id: string;
  service_id: string;
  round: number;
  level: number;
  actor_id: string;
  action: ServiceReviewAction;
  comment: string | null;
  created_at: Timestamp;
}

export interface ServiceBundleRow {
  id: string;
  code: string;
  name: string;
  summary: string;
  life_event: string;
  org_id: string;
  status: 'draft' | 'published' | 'withdrawn';
  created_at: Timestamp;
  updated_at: Timestamp;
  published_at: Timestamp | null;
}

export interface ServiceBundleItemRow {
  bundle_id: string;
  service_id: string;
  position: number;
}

declare module '../../platform/database/schema.ts' {
  interface Database {
    service_items: ServiceItemRow;
    service_reviews: ServiceReviewRow;
    service_bundles: ServiceBundleRow;
    service_bundle_items: ServiceBundleItemRow;
  }
}
