import type { ColumnType } from 'kysely';

// Row types of the statistics tables, migration 2026_12_02_0900_create_statistics.
// Dimension columns hold an option code, or '' for "not broken down by this dimension" (TOTAL).

type Defaulted<T> = ColumnType<T, T | undefined, T>;
type DefaultedTimestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type Timestamp = ColumnType<Date, Date | string, Date | string>;
type Json<T = Record<string, unknown>> = ColumnType<T, string | T, string | T>;
/** bigserial ids read as numbers (int8 parsed as number on both engines). */
type BigSerial = ColumnType<number, number | undefined, never>;

/** The ten dimension columns, in STAT_DIMENSIONS order. */
export interface StatDimensionColumns {
  sex: Defaulted<string>;
  age_group: Defaulted<string>;
  nationality: Defaulted<string>;
  exploitation: Defaulted<string>;
  country_from: Defaulted<string>;
  country_to: Defaulted<string>;
  channel: Defaulted<string>;
  victim_category: Defaulted<string>;
  agency_type: Defaulted<string>;
  trainee_type: Defaulted<string>;
}

export interface StatSourceTable {
  id: string;
  code: string;
  title: string;
  citation: string;
  publisher: string | null;
  seed_file: string | null;
  created_at: DefaultedTimestamp;
}
export interface StatDataElementTable {
  code: string;
  element_group: string;
  value_type: string;
  unit: string;
  dimensions: Json<string[]>;
  case_derived: Defaulted<boolean>;
  name: string;
  description: string | null;
  is_built_in: Defaulted<boolean>;
  created_at: DefaultedTimestamp;
  updated_at: DefaultedTimestamp;
}
export interface StatDataSetTable {
  code: string;
  period_type: string;
  name: string;
  is_built_in: Defaulted<boolean>;
  created_at: DefaultedTimestamp;
}
export interface StatDataSetElementTable {
  data_set: string;
  data_element: string;
  form_dimensions: Json<string[]>;
  sort: Defaulted<number>;
}
export interface StatValueTable extends StatDimensionColumns {
  id: BigSerial;
  data_element: string;
  country: string;
  province: Defaulted<string>;
  period: string;
  period_type: string;
  status: string;
  value: number | null;
  note: string | null;
  printed: string | null;
  source_id: string | null;
  import_id: string | null;
  updated_by: string | null;
  updated_at: DefaultedTimestamp;
}
export interface StatIndicatorTable {
  code: string;
  name: string;
  expression: string;
  unit: string;
  decimals: Defaulted<number>;
  is_built_in: Defaulted<boolean>;
  created_at: DefaultedTimestamp;
  updated_at: DefaultedTimestamp;
}
export interface StatValidationRuleTable {
  code: string;
  kind: string;
  data_element: string | null;
  params: Json;
  is_enabled: Defaulted<boolean>;
  is_built_in: Defaulted<boolean>;
  created_at: DefaultedTimestamp;
}
export interface StatViolationTable {
  id: string;
  violation_key: string;
  rule_code: string;
  data_element: string;
  country: string;
  period: string;
  cells: Json<unknown[]>;
  actual: number;
  expected: number;
  status: Defaulted<string>;
  annotation: string | null;
  annotated_by: string | null;
  annotated_at: Timestamp | null;
  first_seen_at: DefaultedTimestamp;
  last_seen_at: DefaultedTimestamp;
  resolved_at: Timestamp | null;
}
export interface StatApprovalTable {
  data_set: string;
  country: string;
  period: string;
  status: string;
  version: Defaulted<number>;
  approved_by: string | null;
  approved_at: Timestamp | null;
  unapproved_by: string | null;
  unapproved_at: Timestamp | null;
  reason: string | null;
}
export interface StatImportTable {
  id: string;
  status: string;
  format: string;
  layout: string;
  file_name: string;
  file_sha256: string;
  mapping: Json | null;
  total_rows: Defaulted<number>;
  processed_rows: Defaulted<number>;
  inserted: Defaulted<number>;
  updated: Defaulted<number>;
  unchanged: Defaulted<number>;
  errors: Json<unknown[]> | null;
  country: string | null;
  created_by: string | null;
  created_at: DefaultedTimestamp;
  finished_at: Timestamp | null;
}
export interface StatImportMappingTable {
  id: string;
  name: string;
  mapping: Json;
  created_by: string | null;
  created_at: DefaultedTimestamp;
  updated_at: DefaultedTimestamp;
}
export interface StatSettingTable {
  key: string;
  value: Json<unknown>;
  updated_by: string | null;
  updated_at: DefaultedTimestamp;
}
export interface StatPublishedSetTable {
  data_set: string;
  country: string;
  period: string;
  version: number;
  origin_node: string;
  status: string;
  approved_at: Timestamp;
  received_at: DefaultedTimestamp;
  threshold: number;
}
export interface StatPublishedValueTable extends StatDimensionColumns {
  data_set: string;
  data_element: string;
  country: string;
  province: Defaulted<string>;
  period: string;
  period_type: string;
  status: string;
  value: number | null;
  source_citation: string | null;
}

export interface StatisticsTables {
  stat_source: StatSourceTable;
  stat_data_element: StatDataElementTable;
  stat_data_set: StatDataSetTable;
  stat_data_set_element: StatDataSetElementTable;
  stat_value: StatValueTable;
  stat_indicator: StatIndicatorTable;
  stat_validation_rule: StatValidationRuleTable;
  stat_violation: StatViolationTable;
  stat_approval: StatApprovalTable;
  stat_import: StatImportTable;
  stat_import_mapping: StatImportMappingTable;
  stat_setting: StatSettingTable;
  stat_published_set: StatPublishedSetTable;
  stat_published_value: StatPublishedValueTable;
}
