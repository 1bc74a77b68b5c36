import type { Kysely } from 'kysely';
import { runDdl } from './run-ddl';

// Statistics module: data elements × disaggregations × reporting unit × period (DHIS2's aggregate
// model without category combos), sources cited per value, validation findings, approvals, imports
// with saved column mappings, disclosure settings, and the regional store of pushed (approved,
// disclosure-controlled) values. No personal data lives here.
const DIMS = [
  'sex',
  'age_group',
  'nationality',
  'exploitation',
  'country_from',
  'country_to',
  'channel',
  'victim_category',
  'agency_type',
  'trainee_type',
];
const dimColumns = DIMS.map((d) => `      ${d} varchar(40) NOT NULL DEFAULT ''`).join(',\n');
const dimKey = DIMS.join(', ');

export async function up(db: Kysely<any>): Promise<void> {
  await runDdl(
    db,
    `
    CREATE TABLE stat_source (
      id uuid PRIMARY KEY,
      code varchar(80) NOT NULL UNIQUE,
      title varchar(400) NOT NULL,
      citation text NOT NULL,
      publisher varchar(200),
      seed_file varchar(200),
      created_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE TABLE stat_data_element (
      code varchar(60) PRIMARY KEY,
      element_group varchar(20) NOT NULL,
      value_type varchar(10) NOT NULL,
      unit varchar(20) NOT NULL,
      dimensions jsonb NOT NULL,
      case_derived boolean NOT NULL DEFAULT false,
      name varchar(200) NOT NULL,
      description text,
      is_built_in boolean NOT NULL DEFAULT false,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE TABLE stat_data_set (
      code varchar(60) PRIMARY KEY,
      period_type varchar(16) NOT NULL,
      name varchar(200) NOT NULL,
      is_built_in boolean NOT NULL DEFAULT false,
      created_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE TABLE stat_data_set_element (
      data_set varchar(60) NOT NULL REFERENCES stat_data_set(code) ON DELETE CASCADE,
      data_element varchar(60) NOT NULL REFERENCES stat_data_element(code),
      form_dimensions jsonb NOT NULL,
      sort int NOT NULL DEFAULT 0,
      PRIMARY KEY (data_set, data_element)
    );
    CREATE TABLE stat_value (
      id bigserial PRIMARY KEY,
      data_element varchar(60) NOT NULL REFERENCES stat_data_element(code),
      country varchar(2) NOT NULL,
      province varchar(10) NOT NULL DEFAULT '',
      period varchar(10) NOT NULL,
      period_type varchar(16) NOT NULL,
${dimColumns},
      status varchar(20) NOT NULL,
      value double precision,
      note text,
      printed varchar(200),
      source_id uuid REFERENCES stat_source(id),
      import_id uuid,
      updated_by uuid,
      updated_at timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT stat_value_number_ck CHECK ((status = 'Reported') = (value IS NOT NULL))
    );
    CREATE UNIQUE INDEX stat_value_cell_uq ON stat_value (data_element, country, province, period, ${dimKey});
    CREATE INDEX stat_value_period_idx ON stat_value (data_element, period_type, period, country);
    CREATE INDEX stat_value_source_idx ON stat_value (source_id);
    CREATE TABLE stat_indicator (
      code varchar(60) PRIMARY KEY,
      name varchar(200) NOT NULL,
      expression text NOT NULL,
      unit varchar(10) NOT NULL,
      decimals int NOT NULL DEFAULT 1,
      is_built_in boolean NOT NULL DEFAULT false,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE TABLE stat_validation_rule (
      code varchar(60) PRIMARY KEY,
      kind varchar(20) NOT NULL,
      data_element varchar(60) REFERENCES stat_data_element(code),
      params jsonb NOT NULL,
      is_enabled boolean NOT NULL DEFAULT true,
      is_built_in boolean NOT NULL DEFAULT false,
      created_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE TABLE stat_violation (
      id uuid PRIMARY KEY,
      violation_key varchar(600) NOT NULL UNIQUE,
      rule_code varchar(60) NOT NULL,
      data_element varchar(60) NOT NULL,
      country varchar(2) NOT NULL,
      period varchar(10) NOT NULL,
      cells jsonb NOT NULL,
      actual double precision NOT NULL,
      expected double precision NOT NULL,
      status varchar(12) NOT NULL DEFAULT 'Open',
      annotation text,
      annotated_by uuid,
      annotated_at timestamptz,
      first_seen_at timestamptz NOT NULL DEFAULT now(),
      last_seen_at timestamptz NOT NULL DEFAULT now(),
      resolved_at timestamptz
    );
    CREATE INDEX stat_violation_block_idx ON stat_violation (country, data_element, period);
    CREATE INDEX stat_violation_status_idx ON stat_violation (status, country);
    CREATE TABLE stat_approval (
      data_set varchar(60) NOT NULL REFERENCES stat_data_set(code),
      country varchar(2) NOT NULL,
      period varchar(10) NOT NULL,
      status varchar(12) NOT NULL,
      version int NOT NULL DEFAULT 1,
      approved_by uuid,
      approved_at timestamptz,
      unapproved_by uuid,
      unapproved_at timestamptz,
      reason text,
      PRIMARY KEY (data_set, country, period)
    );
    CREATE TABLE stat_import (
      id uuid PRIMARY KEY,
      status varchar(12) NOT NULL,
      format varchar(8) NOT NULL,
      layout varchar(8) NOT NULL,
      file_name varchar(300) NOT NULL,
      file_sha256 char(64) NOT NULL,
      mapping jsonb,
      total_rows int NOT NULL DEFAULT 0,
      processed_rows int NOT NULL DEFAULT 0,
      inserted int NOT NULL DEFAULT 0,
      updated int NOT NULL DEFAULT 0,
      unchanged int NOT NULL DEFAULT 0,
      errors jsonb,
      country varchar(2),
      created_by uuid,
      created_at timestamptz NOT NULL DEFAULT now(),
      finished_at timestamptz
    );
    CREATE TABLE stat_import_mapping (
      id uuid PRIMARY KEY,
      name varchar(120) NOT NULL UNIQUE,
      mapping jsonb NOT NULL,
      created_by uuid,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE TABLE stat_setting (
      key varchar(60) PRIMARY KEY,
      value jsonb NOT NULL,
      updated_by uuid,
      updated_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE TABLE stat_published_set (
      data_set varchar(60) NOT NULL,
      country varchar(2) NOT NULL,
      period varchar(10) NOT NULL,
      version int NOT NULL,
      origin_node varchar(40) NOT NULL,
      status varchar(12) NOT NULL,
      approved_at timestamptz NOT NULL,
      received_at timestamptz NOT NULL DEFAULT now(),
      threshold int NOT NULL,
      PRIMARY KEY (data_set, country, period)
    );
    CREATE TABLE stat_published_value (
      data_set varchar(60) NOT NULL,
      data_element varchar(60) NOT NULL,
      country varchar(2) NOT NULL,
      province varchar(10) NOT NULL DEFAULT '',
      period varchar(10) NOT NULL,
      period_type varchar(16) NOT NULL,
${dimColumns},
      status varchar(24) NOT NULL,
      value double precision,
      source_citation text,
      FOREIGN KEY (data_set, country, period) REFERENCES stat_published_set(data_set, country, period) ON DELETE CASCADE
    );
    CREATE UNIQUE INDEX stat_published_value_cell_uq ON stat_published_value (data_element, country, province, period, ${dimKey});
    CREATE INDEX stat_published_value_set_idx ON stat_published_value (data_set, country, period);
    `,
  );
}

export async function down(db: Kysely<any>): Promise<void> {
  await runDdl(
    db,
    `
    DROP TABLE stat_published_value;
    DROP TABLE stat_published_set;
    DROP TABLE stat_setting;
    DROP TABLE stat_import_mapping;
    DROP TABLE stat_import;
    DROP TABLE stat_approval;
    DROP TABLE stat_violation;
    DROP TABLE stat_validation_rule;
    DROP TABLE stat_indicator;
    DROP TABLE stat_value;
    DROP TABLE stat_data_set_element;
    DROP TABLE stat_data_set;
    DROP TABLE stat_data_element;
    DROP TABLE stat_source;
    `,
  );
}
