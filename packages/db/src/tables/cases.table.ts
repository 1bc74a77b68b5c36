import type { ColumnType } from 'kysely';

// Row types of the cases (NRM) tables: generated from migration 2026_12_01_0900_create_cases and
// kept by hand since. Columns named `*_enc` hold sealed (encrypted) values; `*_hash` keyed hashes.

type Timestamp = ColumnType<Date, Date | string, Date | string>;
/** A column with a database default: optional on insert. */
type Defaulted<T> = ColumnType<T, T | undefined, T>;
type Json = ColumnType<
  Record<string, unknown>,
  string | Record<string, unknown>,
  string | Record<string, unknown>
>;
/** `date` columns are read as ISO `YYYY-MM-DD` strings on both engines (see connect.ts). */
type DateString = string;

export interface PersonTable {
  id: string;
  country_code: string;
  given_name_enc: string | null;
  family_name_enc: string | null;
  other_names_enc: string | null;
  birth_date_enc: string | null;
  id_document_enc: string | null;
  contact_enc: string | null;
  gender: Defaulted<string>;
  birth_year: number | null;
  nationality: string | null;
  ethnicity: string | null;
  created_at: ColumnType<Date, Date | string | undefined, Date | string>;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
}
export interface PersonKeyTable {
  person_id: string;
  kind: string;
  hash: string;
}
export interface CaseRecordTable {
  id: string;
  code: string;
  person_id: string;
  country_code: string;
  agency_id: string;
  owner_user_id: string;
  status: Defaulted<string>;
  identification_status: Defaulted<string>;
  identified_by_agency_id: string | null;
  identification_date: DateString | null;
  gender: Defaulted<string>;
  age_at_identification: number | null;
  is_child: boolean | null;
  nationality: string | null;
  forms_of_exploitation: Defaulted<string[]>;
  recruitment_methods: Defaulted<string[]>;
  recruitment_apps: Defaulted<string[]>;
  methods_of_control: Defaulted<string[]>;
  labour_exploitation_types: Defaulted<string[]>;
  labour_industries: Defaulted<string[]>;
  sex_exploitation_types: Defaulted<string[]>;
  exploitation_apps: Defaulted<string[]>;
  vulnerabilities: Defaulted<string[]>;
  vulnerability_details_enc: string | null;
  country_of_exploitation: string | null;
  is_cross_border: Defaulted<boolean>;
  agreement_to_manage_data: Defaulted<boolean>;
  is_restricted: Defaulted<boolean>;
  reintegrated_on: DateString | null;
  is_retrafficked: Defaulted<boolean>;
  became_broker: Defaulted<boolean>;
  reason_for_closure_enc: string | null;
  closed_at: Timestamp | null;
  version: Defaulted<number>;
  extra: ColumnType<
    Record<string, unknown>,
    string | Record<string, unknown> | undefined,
    string | Record<string, unknown>
  >;
  created_at: ColumnType<Date, Date | string | undefined, Date | string>;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
}
export interface CaseEventTable {
  id: string;
  case_id: string;
  type: string;
  country: string | null;
  state: string | null;
  city: string | null;
  occurred_on: DateString | null;
  description_enc: string | null;
  created_at: ColumnType<Date, Date | string | undefined, Date | string>;
}
export interface PerpetratorTable {
  id: string;
  case_id: string;
  roles: Defaulted<string[]>;
  role_details_enc: string | null;
  name_enc: string | null;
  nationality: string | null;
  gender: string | null;
  is_former_victim: Defaulted<boolean>;
  created_at: ColumnType<Date, Date | string | undefined, Date | string>;
}
export interface CaseNoteTable {
  id: string;
  case_id: string;
  author_user_id: string;
  body_enc: string;
  created_at: ColumnType<Date, Date | string | undefined, Date | string>;
}
export interface CaseAttachmentTable {
  id: string;
  case_id: string;
  uploaded_by: string;
  file_name_enc: string;
  media_type: string;
  size_bytes: number;
  content_enc: string;
  created_at: ColumnType<Date, Date | string | undefined, Date | string>;
}
export interface CaseHistoryTable {
  id: ColumnType<number, never, never>;
  case_id: string;
  at: Timestamp;
  user_id: string | null;
  action: string;
  changes: ColumnType<
    Record<string, unknown>,
    string | Record<string, unknown> | undefined,
    string | Record<string, unknown>
  >;
}
export interface ScreeningTable {
  id: string;
  country_code: string;
  agency_id: string;
  screener_user_id: string;
  case_id: string | null;
  hotline_call_id: string | null;
  screened_at: Timestamp;
  location: string | null;
  is_child: boolean;
  gender: Defaulted<string>;
  age_estimate: number | null;
  nationality: string | null;
  act_indicators: Defaulted<string[]>;
  means_indicators: Defaulted<string[]>;
  purpose_indicators: Defaulted<string[]>;
  red_flags: Defaulted<string[]>;
  interpreter_used: Defaulted<boolean>;
  interview_language: string | null;
  outcome: string;
  deciding_agency_id: string | null;
  decision_date: DateString | null;
  person_name_enc: string | null;
  notes_enc: string | null;
  created_at: ColumnType<Date, Date | string | undefined, Date | string>;
}
export interface ConsentTable {
  id: string;
  case_id: string;
  purpose: string;
  is_granted: boolean;
  recipients: Defaulted<string[]>;
  given_on: DateString;
  expires_on: DateString | null;
  explained_in: string;
  explained_by_user_id: string;
  recorded_by: string;
  withdrawn_at: Timestamp | null;
  withdrawn_by: string | null;
  withdrawal_reason: string | null;
  created_at: ColumnType<Date, Date | string | undefined, Date | string>;
}
export interface RightsNotificationTable {
  id: string;
  case_id: string;
  place: string;
  notified_on: DateString;
  language: string;
  title: string | null;
  returning_from: string | null;
  identified_by_agency: string | null;
  identified_in: string | null;
  repatriated_by: string | null;
  repatriated_by_other: string | null;
  return_type: string | null;
  acknowledged: boolean;
  wishes_protection: boolean;
  decline_reason: string | null;
  contact_enc: string | null;
  shelter_name: string | null;
  official_user_id: string;
  witness_name_enc: string | null;
  interpreter_name_enc: string | null;
  created_at: ColumnType<Date, Date | string | undefined, Date | string>;
}
export interface ServiceProviderTable {
  id: string;
  agency_id: string | null;
  name: string;
  agency_type: string;
  country_code: string;
  province: string | null;
  services: Defaulted<string[]>;
  languages: Defaulted<string[]>;
  capacity: number | null;
  serves_genders: Defaulted<string[]>;
  serves_children: Defaulted<boolean>;
  serves_adults: Defaulted<boolean>;
  phone: string | null;
  email: string | null;
  address: string | null;
  is_active: Defaulted<boolean>;
  created_at: ColumnType<Date, Date | string | undefined, Date | string>;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
}
export interface SupportPlanTable {
  id: string;
  case_id: string;
  created_by: string;
  goals_enc: string | null;
  status: Defaulted<string>;
  created_at: ColumnType<Date, Date | string | undefined, Date | string>;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
}
export interface SupportServiceTable {
  id: string;
  case_id: string;
  plan_id: string | null;
  type: string;
  provider_id: string | null;
  status: Defaulted<string>;
  start_date: DateString | null;
  end_date: DateString | null;
  notes_enc: string | null;
  created_by: string;
  created_at: ColumnType<Date, Date | string | undefined, Date | string>;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
}
export interface ShelterStayTable {
  id: string;
  case_id: string;
  provider_id: string | null;
  admitted_on: DateString;
  discharged_on: DateString | null;
  is_voluntary: Defaulted<boolean>;
  works_outside: Defaulted<boolean>;
  discharge_reason_enc: string | null;
  created_by: string;
  created_at: ColumnType<Date, Date | string | undefined, Date | string>;
}
export interface CountryRuleTable {
  id: string;
  country_code: string;
  kind: string;
  key: string;
  sort_order: Defaulted<number>;
  config: Json;
  source: string | null;
}
export interface FundPaymentTable {
  id: string;
  case_id: string;
  rule_id: string;
  amount: number;
  currency: string;
  days: number | null;
  paid_on: DateString;
  approved_by_text: string | null;
  created_by: string;
  created_at: ColumnType<Date, Date | string | undefined, Date | string>;
}
export interface TaskTable {
  id: string;
  case_id: string | null;
  agency_id: string;
  assignee_user_id: string | null;
  kind: string;
  rule_id: string | null;
  params: ColumnType<
    Record<string, unknown>,
    string | Record<string, unknown> | undefined,
    string | Record<string, unknown>
  >;
  due_on: DateString;
  done_at: Timestamp | null;
  done_by: string | null;
  created_at: ColumnType<Date, Date | string | undefined, Date | string>;
}
export interface ReferralTable {
  id: string;
  case_id: string;
  kind: string;
  status: Defaulted<string>;
  from_agency_id: string;
  from_user_id: string;
  to_agency_id: string;
  to_user_id: string | null;
  to_provider_id: string | null;
  services: Defaulted<string[]>;
  reason: Defaulted<string>;
  details_enc: string | null;
  due_on: DateString | null;
  consent_override_reason: string | null;
  response_reason: string | null;
  responded_by: string | null;
  responded_at: Timestamp | null;
  outcome: string | null;
  outcome_reported_at: Timestamp | null;
  completed_at: Timestamp | null;
  created_at: ColumnType<Date, Date | string | undefined, Date | string>;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
}
export interface FollowUpTable {
  id: string;
  case_id: string;
  months_after: number | null;
  scheduled_on: DateString;
  done_on: DateString | null;
  done_by: string | null;
  method: string | null;
  wellbeing: string | null;
  outcome_enc: string | null;
  is_retrafficked: Defaulted<boolean>;
  became_broker: Defaulted<boolean>;
  created_at: ColumnType<Date, Date | string | undefined, Date | string>;
}
export interface ServiceFeedbackTable {
  id: string;
  case_id: string;
  follow_up_id: string | null;
  service_type: string | null;
  provider_id: string | null;
  satisfaction: number;
  comment_enc: string | null;
  given_on: DateString;
  recorded_by: string;
  created_at: ColumnType<Date, Date | string | undefined, Date | string>;
}
export interface HotlineCallTable {
  id: string;
  country_code: string;
  agency_id: string;
  operator_user_id: string;
  received_at: Timestamp;
  duration_seconds: number | null;
  channel: string;
  language: string;
  caller_type: string;
  category: string;
  urgency: string;
  outcome: string;
  summary_enc: string | null;
  caller_contact_enc: string | null;
  case_id: string | null;
  referral_id: string | null;
  screening_id: string | null;
  created_at: ColumnType<Date, Date | string | undefined, Date | string>;
}
export interface SavedSearchTable {
  id: string;
  user_id: string;
  name: string;
  filters: Json;
  created_at: ColumnType<Date, Date | string | undefined, Date | string>;
}
export interface NotificationTable {
  id: string;
  user_id: string | null;
  agency_id: string | null;
  kind: string;
  case_id: string | null;
  referral_id: string | null;
  params: ColumnType<
    Record<string, unknown>,
    string | Record<string, unknown> | undefined,
    string | Record<string, unknown>
  >;
  created_at: ColumnType<Date, Date | string | undefined, Date | string>;
  read_at: Timestamp | null;
}
/** The cases tables, merged into `Database`. */
export interface CasesTables {
  person: PersonTable;
  person_key: PersonKeyTable;
  case_record: CaseRecordTable;
  case_event: CaseEventTable;
  perpetrator: PerpetratorTable;
  case_note: CaseNoteTable;
  case_attachment: CaseAttachmentTable;
  case_history: CaseHistoryTable;
  screening: ScreeningTable;
  consent: ConsentTable;
  rights_notification: RightsNotificationTable;
  service_provider: ServiceProviderTable;
  support_plan: SupportPlanTable;
  support_service: SupportServiceTable;
  shelter_stay: ShelterStayTable;
  country_rule: CountryRuleTable;
  fund_payment: FundPaymentTable;
  task: TaskTable;
  referral: ReferralTable;
  follow_up: FollowUpTable;
  service_feedback: ServiceFeedbackTable;
  hotline_call: HotlineCallTable;
  saved_search: SavedSearchTable;
  notification: NotificationTable;
}

// ---- case transfer (HTCDS import/export), migration 2026_12_01_1050_case_transfer_import_job ----

/** An import of a case file: progress and the error report (row numbers and columns only). */
export interface ImportJobTable {
  id: string;
  kind: Defaulted<string>;
  format: string;
  /** queued | validating | inserting | done | failed */
  status: Defaulted<string>;
  total: Defaulted<number>;
  processed: Defaulted<number>;
  inserted: Defaulted<number>;
  error_count: Defaulted<number>;
  errors: ColumnType<unknown[], string | undefined, string>;
  failure: string | null;
  created_by: string;
  agency_id: string;
  created_at: ColumnType<Date, Date | string | undefined, Date | string>;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
  finished_at: Timestamp | null;
}
/** Merged into the cases tables above (declaration merging). */
export interface CasesTables {
  import_job: ImportJobTable;
}

// ---- screening and hotline, migration 2026_12_01_1020_screening_hotline_referral ----

/** Added columns of `screening` (declaration merging). */
export interface ScreeningTable {
  /** The outcome the indicators suggested (screeningAssessment); the officer's is `outcome`. */
  suggested_outcome: string | null;
}
/** Added columns of `hotline_call` (declaration merging). */
export interface HotlineCallTable {
  /** The agency the call was referred to; it receives nothing personal. */
  referred_agency_id: string | null;
  referred_at: Timestamp | null;
}

// ---- referrals, migration 2026_12_01_1030_referrals_overdue_and_consent ----

/** Added columns of `referral` (declaration merging). */
export interface ReferralTable {
  /** When the overdue notification was sent (once per referral). */
  overdue_notified_at: Timestamp | null;
  /** The consent the share relied on; null when overridden or within the agency (Assign). */
  consent_id: string | null;
}
/** Added columns of `rights_notification` (declaration merging). */
export interface RightsNotificationTable {
  recorded_by: string | null;
}
