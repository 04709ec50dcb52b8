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

export type AccountKind = 'staff' | 'citizen' | 'enterprise';
export type AccountStatus = 'active' | 'disabled';

export interface AccountRow {
  id: string;
  kind: AccountKind;
  /** Staff sign-in name; null for public accounts, who sign in by phone. */
  username: string | null;
  display_name: string;
  status: AccountStatus;
  password_hash: string | null;
  password_changed_at: Timestamp | null;
  must_change_password: number;
  phone_enc: string | null;
  phone_hash: string | null;
  real_name: string | null;
  id_number_enc: string | null;
  id_number_hash: string | null;
  credit_code: string | null;
  legal_representative: string | null;
  email: string | null;
  totp_secret_enc: string | null;
  totp_enabled_at: Timestamp | null;
  totp_last_step: number | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  last_login_at: Timestamp | null;
}

export interface AccountOrganisationRow {
  account_id: string;
  organisation_id: string;
}

export interface RoleGrantRow {
  id: string;
  account_id: string;
  role: string;
  /** 'global', 'site:<code>' or 'org:<organisation id>'. */
  scope: string;
  /** Review level 1–3 for reviewers; null otherwise. */
  level: number | null;
  granted_by: string | null;
  created_at: Timestamp;
}

export interface SessionRow {
  /** SHA-256 of the cookie token: a leaked table does not leak live sessions. */
  id_hash: string;
  account_id: string;
  /** 1 once the second factor has been passed in this session. */
  mfa: number;
  created_at: Timestamp;
  last_seen_at: Timestamp;
  expires_at: Timestamp;
  ip: string;
  user_agent: string;
}

export interface RecoveryCodeRow {
  account_id: string;
  code_hash: string;
  used_at: Timestamp | null;
}

export interface LoginThrottleRow {
  key: string;
  failures: number;
  window_start: Timestamp;
  locked_until: Timestamp | null;
}

export interface OtpCodeRow {
  id: string;
  purpose: string;
  phone_hash: string;
  code_hash: string;
  attempts: number;
  created_at: Timestamp;
  expires_at: Timestamp;
  used_at: Timestamp | null;
  ip: string;
}

declare module '../../platform/database/schema.ts' {
  interface Database {
    account: AccountRow;
    account_organisation: AccountOrganisationRow;
    role_grant: RoleGrantRow;
    session: SessionRow;
    recovery_code: RecoveryCodeRow;
    login_throttle: LoginThrottleRow;
    otp_code: OtpCodeRow;
  }
}
