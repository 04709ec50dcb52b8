import type { Timestamp } from '../../platform/database/schema.ts';

export type SiteKind = 'portal' | 'audience' | 'institution';

export interface SiteRow {
  code: string;
  kind: SiteKind;
  name: string;
  short_name: string;
  /** URL prefix with both slashes: '/', '/citizens/', '/sites/party/', '/en/invest/'. */
  path: string;
  lang: 'zh-CN' | 'en';
  /** Audience tag an audience portal selects content by (citizen, business, …). */
  audience: string | null;
  organisation_id: string | null;
  colour: string;
  logo_text: string | null;
  /** 1–3: 初审 only, 初审+复审, or 初审+复审+终审. */
  review_levels: number;
  sort_order: number;
  /** 主办单位 shown in the footer; null: the site's own name. */
  sponsor: string | null;
  /** 联系方式 (telephone, address) for the footer. */
  contact: string | null;
  /** 网站标识码 issued by the national government-website register. */
  site_identifier: string | null;
  /** ICP备案编号, e.g. 黔ICP备12345678号. */
  icp_record: string | null;
  /** 公安机关备案号, e.g. 黔公网安备 52030202000123号. */
  police_record: string | null;
  /** Link of the 党政机关网站标识 (开办标识) at conac. */
  conac_url: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export type ChannelKind = 'list' | 'topic' | 'link';

export interface ChannelRow {
  id: string;
  site_code: string;
  parent_id: string | null;
  slug: string;
  name: string;
  description: string | null;
  kind: ChannelKind;
  link_url: string | null;
  in_nav: number;
  sort_order: number;
  created_at: Timestamp;
  updated_at: Timestamp;
}

declare module '../../platform/database/schema.ts' {
  interface Database {
    site: SiteRow;
    channel: ChannelRow;
  }
}
