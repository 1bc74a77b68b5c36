import type { ColumnType } from 'kysely';

// Row types of the plans tables, migration 2026_12_03_0900_create_plans.

type Defaulted<T> = ColumnType<T, T | undefined, T>;
type DefaultedTimestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type Timestamp = ColumnType<Date, Date | string, Date | string>;
type Json<T = Record<string, unknown>> = ColumnType<T, string | T, string | T>;
type DefaultedJson<T = Record<string, unknown>> = ColumnType<T, string | T | undefined, string | T>;
/** bytea: Buffer in, Buffer (PostgreSQL) or Uint8Array (PGlite) out. */
type Bytes = ColumnType<Uint8Array, Buffer | Uint8Array, Buffer | Uint8Array>;

export interface PlanFrameworkTable {
  id: string;
  title: string;
  short_title: string | null;
  structure: string;
  period_start: number;
  period_end: number;
  extended_to: number | null;
  status: Defaulted<string>;
  revision: Defaulted<number>;
  has_unpublished_changes: Defaulted<boolean>;
  source: string | null;
  note: string | null;
  is_seeded: Defaulted<boolean>;
  version: Defaulted<number>;
  created_at: DefaultedTimestamp;
  updated_at: DefaultedTimestamp;
}
export interface PlanNodeTable {
  id: string;
  framework_id: string;
  parent_id: string | null;
  kind: string;
  code: string;
  title: string | null;
  description: string | null;
  is_priority: Defaulted<boolean>;
  activity_code_prefix: string | null;
  mou_section: string | null;
  position: Defaulted<number>;
  source: string | null;
  /** Optimistic lock (migration 2026_12_03_0910). */
  version: Defaulted<number>;
  created_at: DefaultedTimestamp;
  updated_at: DefaultedTimestamp;
}
export interface PlanNodeLinkTable {
  activity_id: string;
  target_id: string;
}
export interface PlanNodeMouArticleTable {
  node_id: string;
  article: number;
  text_as_listed: string;
}
export interface PlanFrameworkRevisionTable {
  framework_id: string;
  revision: number;
  snapshot: Json;
  change_note: string | null;
  published_by: string | null;
  published_at: DefaultedTimestamp;
}
export interface NationalPlanTable {
  id: string;
  country_code: string;
  ordinal: number;
  title: string | null;
  year_approved: number | null;
  period_start: number;
  period_end: number;
  scope: string | null;
  status_note: string | null;
  source: string | null;
  is_seeded: Defaulted<boolean>;
  version: Defaulted<number>;
  created_at: DefaultedTimestamp;
  updated_at: DefaultedTimestamp;
}
export interface WorkplanTable {
  id: string;
  country_code: string;
  framework_id: string;
  year: number;
  national_plan_id: string | null;
  title: string | null;
  status: Defaulted<string>;
  currency: string;
  usd_rate: number | null;
  note: string | null;
  is_demo: Defaulted<boolean>;
  created_by: string | null;
  version: Defaulted<number>;
  created_at: DefaultedTimestamp;
  updated_at: DefaultedTimestamp;
}
export interface WorkplanActivityTable {
  id: string;
  workplan_id: string;
  node_id: string;
  title: string;
  title_local: string | null;
  lead_agency_id: string | null;
  lead_agency_text: string | null;
  partner_agency_ids: Defaulted<string[]>;
  partners_text: string | null;
  planned_amount: number | null;
  planned_usd_rate: number | null;
  position: Defaulted<number>;
  version: Defaulted<number>;
  created_at: DefaultedTimestamp;
  updated_at: DefaultedTimestamp;
}
export interface ProgressReportTable {
  id: string;
  workplan_id: string;
  period: string;
  status: Defaulted<string>;
  submitted_at: Timestamp | null;
  submitted_by: string | null;
  reviewed_at: Timestamp | null;
  reviewed_by: string | null;
  approved_at: Timestamp | null;
  approved_by: string | null;
  version: Defaulted<number>;
  created_at: DefaultedTimestamp;
  updated_at: DefaultedTimestamp;
}
export interface ProgressEntryTable {
  id: string;
  report_id: string;
  workplan_activity_id: string;
  status: Defaulted<string>;
  narrative_local: string | null;
  narrative_lang: string | null;
  narrative_en: string | null;
  budget_spent: number | null;
  spent_currency: string | null;
  spent_usd_rate: number | null;
  version: Defaulted<number>;
  updated_by: string | null;
  updated_at: DefaultedTimestamp;
}
export interface ProgressQuantityTable {
  entry_id: string;
  trainee_type: string;
  sex: string;
  count: number;
}
export interface ProgressEvidenceTable {
  id: string;
  entry_id: string;
  file_name: string;
  media_type: string;
  size_bytes: number;
  sha256: string;
  content: Bytes;
  uploaded_by: string | null;
  uploaded_at: DefaultedTimestamp;
}
export interface ProgressCommentTable {
  id: string;
  report_id: string;
  entry_id: string | null;
  kind: string;
  body: string | null;
  author_id: string | null;
  created_at: DefaultedTimestamp;
}
export interface PlanIndicatorTable {
  id: string;
  framework_id: string;
  node_id: string | null;
  code: string;
  title: string;
  unit: Defaulted<string>;
  direction: Defaulted<string>;
  stat_element_code: string | null;
  stat_filter: DefaultedJson;
  source: string | null;
  is_seeded: Defaulted<boolean>;
  version: Defaulted<number>;
  created_at: DefaultedTimestamp;
  updated_at: DefaultedTimestamp;
}
export interface CountryIndicatorTable {
  id: string;
  indicator_id: string;
  country_code: string;
  baseline_value: number | null;
  baseline_year: number | null;
  baseline_note: string | null;
  selected_by: string | null;
  version: Defaulted<number>;
  created_at: DefaultedTimestamp;
  updated_at: DefaultedTimestamp;
}
export interface IndicatorYearTable {
  country_indicator_id: string;
  year: number;
  marker_value: number | null;
  marker_note: string | null;
  actual_value: number | null;
  actual_source: string | null;
  actual_note: string | null;
  updated_by: string | null;
  updated_at: DefaultedTimestamp;
}
export interface BudgetAllocationTable {
  id: string;
  country_code: string | null;
  entity: string | null;
  recipient: string;
  amount_local: number | null;
  currency: string;
  usd_rate: number | null;
  usd_amount: number | null;
  usd_is_stated: Defaulted<boolean>;
  amount_text: string | null;
  period_kind: string;
  year_start: number | null;
  year_end: number | null;
  fiscal_year: Defaulted<boolean>;
  period_text: string | null;
  framework_id: string | null;
  area_node_id: string | null;
  workplan_id: string | null;
  source: string | null;
  note: string | null;
  is_seeded: Defaulted<boolean>;
  version: Defaulted<number>;
  created_by: string | null;
  created_at: DefaultedTimestamp;
  updated_at: DefaultedTimestamp;
}
export interface TrainingEventTable {
  id: string;
  country_code: string | null;
  level: string;
  title: string;
  curriculum: string | null;
  organiser: string | null;
  trainers: string | null;
  location: string | null;
  language: string | null;
  start_on: string | null;
  end_on: string | null;
  duration_days: number | null;
  period_text: string | null;
  year_start: number | null;
  year_end: number | null;
  events_count: number | null;
  events_count_text: string | null;
  framework_id: string | null;
  area_node_id: string | null;
  workplan_activity_id: string | null;
  source: string | null;
  quote: string | null;
  is_seeded: Defaulted<boolean>;
  version: Defaulted<number>;
  created_by: string | null;
  created_at: DefaultedTimestamp;
  updated_at: DefaultedTimestamp;
}
export interface TrainingTargetTable {
  training_id: string;
  target_node_id: string;
}
export interface TrainingParticipantCountTable {
  id: string;
  training_id: string;
  trainee_type: string;
  trainee_type_text: string | null;
  sex: string;
  count: number;
  unit_text: string | null;
  is_approximate: Defaulted<boolean>;
}
export interface MeetingParticipantTable {
  id: string;
  meeting_id: string;
  section: string;
  country_or_group: string;
  country_code: string | null;
  list_no: number | null;
  name: string;
  position: string | null;
  organisation: string | null;
  sex: string | null;
  is_youth: Defaulted<boolean>;
  created_at: DefaultedTimestamp;
  /** Added by 2026_12_03_1000_participants_case_studies. */
  version: Defaulted<number>;
  is_seeded: Defaulted<boolean>;
  updated_at: DefaultedTimestamp;
}
export interface CaseStudyTable {
  id: string;
  framework_id: string;
  country_code: string | null;
  year: number;
  area_node_id: string | null;
  heading: string;
  body_en: string;
  body_local: string | null;
  local_lang: string | null;
  attribution: string | null;
  status: Defaulted<string>;
  is_seeded: Defaulted<boolean>;
  version: Defaulted<number>;
  created_by: string | null;
  created_at: DefaultedTimestamp;
  updated_at: DefaultedTimestamp;
}
export interface MonitoringReportTable {
  id: string;
  framework_id: string;
  kind: string;
  year: number | null;
  second_language: string | null;
  countries: Defaulted<string[]>;
  title: string;
  introduction: string | null;
  conclusion: string | null;
  status: Defaulted<string>;
  finalised_at: Timestamp | null;
  finalised_by: string | null;
  created_by: string | null;
  version: Defaulted<number>;
  created_at: DefaultedTimestamp;
  updated_at: DefaultedTimestamp;
}
export interface MonitoringReportRunTable {
  id: string;
  report_id: string;
  status: Defaulted<string>;
  progress: Defaulted<number>;
  stage: string | null;
  failure: string | null;
  page_count: number | null;
  pdf: Bytes | null;
  xlsx: Bytes | null;
  html: string | null;
  requested_by: string | null;
  created_at: DefaultedTimestamp;
  started_at: Timestamp | null;
  finished_at: Timestamp | null;
}

export interface PlansTables {
  plan_framework: PlanFrameworkTable;
  plan_node: PlanNodeTable;
  plan_node_link: PlanNodeLinkTable;
  plan_node_mou_article: PlanNodeMouArticleTable;
  plan_framework_revision: PlanFrameworkRevisionTable;
  national_plan: NationalPlanTable;
  workplan: WorkplanTable;
  workplan_activity: WorkplanActivityTable;
  progress_report: ProgressReportTable;
  progress_entry: ProgressEntryTable;
  progress_quantity: ProgressQuantityTable;
  progress_evidence: ProgressEvidenceTable;
  progress_comment: ProgressCommentTable;
  plan_indicator: PlanIndicatorTable;
  country_indicator: CountryIndicatorTable;
  indicator_year: IndicatorYearTable;
  budget_allocation: BudgetAllocationTable;
  training_event: TrainingEventTable;
  training_target: TrainingTargetTable;
  training_participant_count: TrainingParticipantCountTable;
  meeting_participant: MeetingParticipantTable;
  case_study: CaseStudyTable;
  monitoring_report: MonitoringReportTable;
  monitoring_report_run: MonitoringReportRunTable;
}
