import type { ColumnType, Insertable, Selectable, Updateable } from 'kysely';
import type { CasesTables } from './cases.table';
import type { CrossBorderTables } from './crossborder.table';
import type { PlansTables } from './plans.table';
import type { StatisticsTables } from './statistics.table';

type Timestamp = ColumnType<Date, Date | string, Date | string>;
type GeneratedTimestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type Json = ColumnType<
  Record<string, unknown>,
  string | Record<string, unknown>,
  string | Record<string, unknown>
>;

// ---- reference data ----
export interface CountryTable {
  code: string;
  alpha3: string;
  numeric_code: string;
  name: string;
  /** Localised names keyed by interface language. */
  names: ColumnType<Record<string, string>, string, string>;
  is_commit: boolean;
}
export interface LanguageTable {
  code: string;
  name: string;
  native_name: string;
}
export interface OrganisationTypeTable {
  code: string;
  name: string;
  description: string | null;
  sort_order: number;
}
export interface MouArticleTable {
  article: number;
  section: string;
  text: string;
}
export interface ReferenceVersionTable {
  dataset: string;
  version: string;
  row_count: number;
  loaded_at: Timestamp;
}

// ---- identity ----
export interface AgencyTable {
  id: string;
  name: string;
  short_name: string | null;
  type: string;
  country_code: string;
  parent_id: string | null;
  created_at: GeneratedTimestamp;
  updated_at: GeneratedTimestamp;
  deleted_at: Timestamp | null;
}
export interface RoleTable {
  id: string;
  key: string;
  name: string;
  description: string | null;
  country_code: string | null;
  is_built_in: boolean;
  created_at: GeneratedTimestamp;
  updated_at: GeneratedTimestamp;
}
export interface RolePermissionTable {
  role_id: string;
  resource: string;
  action: string;
  scope: string;
}
export interface AppUserTable {
  id: string;
  username: string;
  display_name: string;
  email: string | null;
  password_hash: string;
  agency_id: string;
  locale: string;
  calendar: string;
  is_disabled: boolean;
  /** AES-GCM encrypted TOTP secret (`keyId:iv:tag:ciphertext`), null when no second factor. */
  totp_secret_enc: string | null;
  /** Last accepted TOTP time step, so a code cannot be replayed. */
  totp_last_counter: number | null;
  failed_login_count: number;
  locked_until: Timestamp | null;
  last_login_at: Timestamp | null;
  created_at: GeneratedTimestamp;
  updated_at: GeneratedTimestamp;
}
export interface UserRoleTable {
  user_id: string;
  role_id: string;
}
export interface SessionTable {
  /** SHA-256 of the cookie token; the token itself is never stored. */
  id: string;
  user_id: string;
  csrf_token: string;
  stage: string;
  pending_totp_secret_enc: string | null;
  created_at: Timestamp;
  last_seen_at: Timestamp;
  expires_at: Timestamp;
  revoked_at: Timestamp | null;
  ip: string | null;
  user_agent: string | null;
}
export interface SettingTable {
  key: string;
  value: Json;
}

// ---- audit ----
export interface AuditEventTable {
  seq: ColumnType<number, number, never>;
  occurred_at: Timestamp;
  action: string;
  outcome: string;
  actor_user_id: string | null;
  actor_agency_id: string | null;
  actor_country: string | null;
  target_type: string | null;
  target_id: string | null;
  request_id: string | null;
  ip: string | null;
  user_agent: string | null;
  details: Json;
  prev_hash: string;
  hash: string;
}
export interface AuditHeadTable {
  id: number;
  seq: number;
  hash: string;
}

export interface Database extends CasesTables, CrossBorderTables, StatisticsTables, PlansTables {
  country: CountryTable;
  language: LanguageTable;
  organisation_type: OrganisationTypeTable;
  mou_article: MouArticleTable;
  reference_version: ReferenceVersionTable;
  agency: AgencyTable;
  role: RoleTable;
  role_permission: RolePermissionTable;
  app_user: AppUserTable;
  user_role: UserRoleTable;
  session: SessionTable;
  setting: SettingTable;
  audit_event: AuditEventTable;
  audit_head: AuditHeadTable;
}

export type AgencyRow = Selectable<AgencyTable>;
export type NewAgencyRow = Insertable<AgencyTable>;
export type AgencyRowUpdate = Updateable<AgencyTable>;
export type RoleRow = Selectable<RoleTable>;
export type AppUserRow = Selectable<AppUserTable>;
export type NewAppUserRow = Insertable<AppUserTable>;
export type AppUserRowUpdate = Updateable<AppUserTable>;
export type SessionRow = Selectable<SessionTable>;
export type AuditEventRow = Selectable<AuditEventTable>;
export type CountryRow = Selectable<CountryTable>;
