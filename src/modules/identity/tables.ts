import type { Timestamp } from '../../platform/database/schema.ts';

export type OrganisationKind = 'institution' | 'department' | 'unit';

export interface OrganisationRow {
  id: string;
  parent_id: string | null;
  code: string;
  name: string;
  short_name: string;
  kind: OrganisationKind;
  /** Prefix of the document numbers it issues, e.g. 遵府发. */
  doc_prefix: string | null;
  phone: string | null;
  address: string | null;
  email: string | null;
  sort_order: number;
  created_at: Timestamp;
  updated_at: Timestamp;
}

declare module '../../platform/database/schema.ts' {
  interface Database {
    organisation: OrganisationRow;
  }
}
