import type { Kysely } from 'kysely';
import { runDdl } from './run-ddl';

// Plans module (M&E): SPA frameworks as versioned trees, national plans of action, annual country
// workplans, progress per workplan activity and period with the Secretariat's review, indicators
// with baselines and annual progress markers, budget allocations (national currency + the USD rate
// recorded per allocation), trainings, meeting participants, case studies and the generated annual
// monitoring reports. No victim data lives here; case studies must not name victims.
export async function up(db: Kysely<any>): Promise<void> {
  await runDdl(
    db,
    `
    -- A plan framework (SPA I-IV, or any results framework). Edits happen on the live tree;
    -- publishing writes a numbered revision holding the whole tree as it then stood.
    CREATE TABLE plan_framework (
      id varchar(20) PRIMARY KEY,
      title text NOT NULL,
      short_title varchar(60),
      structure varchar(10) NOT NULL CHECK (structure IN ('areas', 'results')),
      period_start int NOT NULL,
      period_end int NOT NULL,
      extended_to int,
      status varchar(12) NOT NULL DEFAULT 'Draft' CHECK (status IN ('Draft', 'Published', 'Archived')),
      revision int NOT NULL DEFAULT 0,
      has_unpublished_changes boolean NOT NULL DEFAULT true,
      source text,
      note text,
      is_seeded boolean NOT NULL DEFAULT false,
      version int NOT NULL DEFAULT 1,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      CHECK (period_end >= period_start),
      CHECK (extended_to IS NULL OR extended_to >= period_end)
    );
    -- One node of a framework tree: area > target, area > activity (SPA I-III), or
    -- outcome > output (SPA IV). title/description NULL = the source does not give it.
    CREATE TABLE plan_node (
      id uuid PRIMARY KEY,
      framework_id varchar(20) NOT NULL REFERENCES plan_framework(id) ON DELETE CASCADE,
      parent_id uuid REFERENCES plan_node(id) ON DELETE CASCADE,
      kind varchar(10) NOT NULL CHECK (kind IN ('area', 'outcome', 'output', 'target', 'activity')),
      code varchar(30) NOT NULL,
      title text,
      description text,
      is_priority boolean NOT NULL DEFAULT false,
      activity_code_prefix varchar(10),
      mou_section text,
      position int NOT NULL DEFAULT 0,
      source text,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (framework_id, kind, code)
    );
    CREATE INDEX plan_node_parent_idx ON plan_node(framework_id, parent_id, position);
    -- Activity -> target links (an activity serves one or more targets).
    CREATE TABLE plan_node_link (
      activity_id uuid NOT NULL REFERENCES plan_node(id) ON DELETE CASCADE,
      target_id uuid NOT NULL REFERENCES plan_node(id) ON DELETE CASCADE,
      PRIMARY KEY (activity_id, target_id)
    );
    -- MoU articles an area implements, with the wording the plan uses.
    CREATE TABLE plan_node_mou_article (
      node_id uuid NOT NULL REFERENCES plan_node(id) ON DELETE CASCADE,
      article int NOT NULL REFERENCES mou_article(article),
      text_as_listed text NOT NULL,
      PRIMARY KEY (node_id, article)
    );
    CREATE TABLE plan_framework_revision (
      framework_id varchar(20) NOT NULL REFERENCES plan_framework(id) ON DELETE CASCADE,
      revision int NOT NULL,
      snapshot jsonb NOT NULL,
      change_note text,
      published_by uuid REFERENCES app_user(id),
      published_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (framework_id, revision)
    );

    -- National plans of action (S002 Table 2).
    CREATE TABLE national_plan (
      id uuid PRIMARY KEY,
      country_code char(2) NOT NULL REFERENCES country(code),
      ordinal int NOT NULL,
      title text,
      year_approved int,
      period_start int NOT NULL,
      period_end int NOT NULL,
      scope text,
      status_note text,
      source text,
      is_seeded boolean NOT NULL DEFAULT false,
      version int NOT NULL DEFAULT 1,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (country_code, ordinal),
      CHECK (period_end >= period_start)
    );

    -- Annual country workplan: the activities a country commits to for a year.
    CREATE TABLE workplan (
      id uuid PRIMARY KEY,
      country_code char(2) NOT NULL REFERENCES country(code),
      framework_id varchar(20) NOT NULL REFERENCES plan_framework(id),
      year int NOT NULL,
      national_plan_id uuid REFERENCES national_plan(id),
      title text,
      status varchar(10) NOT NULL DEFAULT 'Draft' CHECK (status IN ('Draft', 'Adopted')),
      currency char(3) NOT NULL,
      usd_rate numeric(20, 6),
      note text,
      is_demo boolean NOT NULL DEFAULT false,
      created_by uuid REFERENCES app_user(id),
      version int NOT NULL DEFAULT 1,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (country_code, framework_id, year)
    );
    -- A national activity under one framework activity, with its lead and partners and its
    -- planned budget (workplan currency; usd_rate = national currency units per USD).
    CREATE TABLE workplan_activity (
      id uuid PRIMARY KEY,
      workplan_id uuid NOT NULL REFERENCES workplan(id) ON DELETE CASCADE,
      node_id uuid NOT NULL REFERENCES plan_node(id),
      title text NOT NULL,
      title_local text,
      lead_agency_id uuid REFERENCES agency(id),
      lead_agency_text text,
      partner_agency_ids uuid[] NOT NULL DEFAULT '{}',
      partners_text text,
      planned_amount numeric(24, 2),
      planned_usd_rate numeric(20, 6),
      position int NOT NULL DEFAULT 0,
      version int NOT NULL DEFAULT 1,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      CHECK (planned_amount IS NULL OR planned_amount >= 0)
    );
    CREATE INDEX workplan_activity_plan_idx ON workplan_activity(workplan_id, position);

    -- A country's progress report on its workplan for one period ('2024', '2024Q1', '2024H1'):
    -- Draft -> Submitted -> Returned (back to Draft) | Approved (locked); Approved -> Reopened
    -- (Draft again) only with an audited reason.
    CREATE TABLE progress_report (
      id uuid PRIMARY KEY,
      workplan_id uuid NOT NULL REFERENCES workplan(id) ON DELETE CASCADE,
      period varchar(10) NOT NULL,
      status varchar(10) NOT NULL DEFAULT 'Draft'
        CHECK (status IN ('Draft', 'Submitted', 'Returned', 'Approved')),
      submitted_at timestamptz,
      submitted_by uuid REFERENCES app_user(id),
      reviewed_at timestamptz,
      reviewed_by uuid REFERENCES app_user(id),
      approved_at timestamptz,
      approved_by uuid REFERENCES app_user(id),
      version int NOT NULL DEFAULT 1,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (workplan_id, period)
    );
    CREATE INDEX progress_report_status_idx ON progress_report(status, submitted_at);
    CREATE TABLE progress_entry (
      id uuid PRIMARY KEY,
      report_id uuid NOT NULL REFERENCES progress_report(id) ON DELETE CASCADE,
      workplan_activity_id uuid NOT NULL REFERENCES workplan_activity(id) ON DELETE CASCADE,
      status varchar(14) NOT NULL DEFAULT 'NotStarted'
        CHECK (status IN ('NotStarted', 'InProgress', 'Completed', 'NotApplicable')),
      narrative_local text,
      narrative_lang varchar(5),
      narrative_en text,
      budget_spent numeric(24, 2),
      spent_currency char(3),
      spent_usd_rate numeric(20, 6),
      version int NOT NULL DEFAULT 1,
      updated_by uuid REFERENCES app_user(id),
      updated_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (report_id, workplan_activity_id),
      CHECK (budget_spent IS NULL OR budget_spent >= 0)
    );
    -- People trained by type and sex, per progress entry.
    CREATE TABLE progress_quantity (
      entry_id uuid NOT NULL REFERENCES progress_entry(id) ON DELETE CASCADE,
      trainee_type varchar(40) NOT NULL,
      sex varchar(10) NOT NULL CHECK (sex IN ('Female', 'Male', 'Other', 'Unknown')),
      count int NOT NULL CHECK (count >= 0),
      PRIMARY KEY (entry_id, trainee_type, sex)
    );
    CREATE TABLE progress_evidence (
      id uuid PRIMARY KEY,
      entry_id uuid NOT NULL REFERENCES progress_entry(id) ON DELETE CASCADE,
      file_name varchar(255) NOT NULL,
      media_type varchar(100) NOT NULL,
      size_bytes int NOT NULL,
      sha256 char(64) NOT NULL,
      content bytea NOT NULL,
      uploaded_by uuid REFERENCES app_user(id),
      uploaded_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX progress_evidence_entry_idx ON progress_evidence(entry_id);
    -- The review conversation: comments (optionally on one entry) and the state changes.
    CREATE TABLE progress_comment (
      id uuid PRIMARY KEY,
      report_id uuid NOT NULL REFERENCES progress_report(id) ON DELETE CASCADE,
      entry_id uuid REFERENCES progress_entry(id) ON DELETE CASCADE,
      kind varchar(10) NOT NULL
        CHECK (kind IN ('Comment', 'Submit', 'Return', 'Approve', 'Reopen')),
      body text,
      author_id uuid REFERENCES app_user(id),
      created_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX progress_comment_report_idx ON progress_comment(report_id, created_at);

    -- Indicators of a framework (per output/outcome/target), optionally bound to a statistics
    -- data element (+ fixed dimension options) so a country's actuals fill themselves.
    CREATE TABLE plan_indicator (
      id uuid PRIMARY KEY,
      framework_id varchar(20) NOT NULL REFERENCES plan_framework(id) ON DELETE CASCADE,
      node_id uuid REFERENCES plan_node(id) ON DELETE CASCADE,
      code varchar(30) NOT NULL,
      title text NOT NULL,
      unit varchar(30) NOT NULL DEFAULT 'count',
      direction varchar(10) NOT NULL DEFAULT 'Increase'
        CHECK (direction IN ('Increase', 'Decrease', 'Maintain')),
      stat_element_code varchar(60) REFERENCES stat_data_element(code),
      stat_filter jsonb NOT NULL DEFAULT '{}',
      source text,
      is_seeded boolean NOT NULL DEFAULT false,
      version int NOT NULL DEFAULT 1,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (framework_id, code)
    );
    CREATE TABLE country_indicator (
      id uuid PRIMARY KEY,
      indicator_id uuid NOT NULL REFERENCES plan_indicator(id) ON DELETE CASCADE,
      country_code char(2) NOT NULL REFERENCES country(code),
      baseline_value numeric(24, 4),
      baseline_year int,
      baseline_note text,
      selected_by uuid REFERENCES app_user(id),
      version int NOT NULL DEFAULT 1,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (indicator_id, country_code)
    );
    -- Annual progress marker (the value aimed at) and the actual, per year.
    CREATE TABLE indicator_year (
      country_indicator_id uuid NOT NULL REFERENCES country_indicator(id) ON DELETE CASCADE,
      year int NOT NULL,
      marker_value numeric(24, 4),
      marker_note text,
      actual_value numeric(24, 4),
      actual_source varchar(10) CHECK (actual_source IN ('Manual', 'Statistics')),
      actual_note text,
      updated_by uuid REFERENCES app_user(id),
      updated_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (country_indicator_id, year)
    );

    -- Budget allocations as the sources give them: the national amount and currency, the USD
    -- rate recorded for this allocation (national units per USD) and the stated USD equivalent.
    CREATE TABLE budget_allocation (
      id uuid PRIMARY KEY,
      country_code char(2) REFERENCES country(code),
      entity text,
      recipient text NOT NULL,
      amount_local numeric(24, 2),
      currency char(3) NOT NULL,
      usd_rate numeric(20, 6),
      usd_amount numeric(24, 2),
      usd_is_stated boolean NOT NULL DEFAULT false,
      amount_text text,
      period_kind varchar(14) NOT NULL
        CHECK (period_kind IN ('Annual', 'MultiYear', 'AnnualAverage', 'Change')),
      year_start int,
      year_end int,
      fiscal_year boolean NOT NULL DEFAULT false,
      period_text text,
      framework_id varchar(20) REFERENCES plan_framework(id),
      area_node_id uuid REFERENCES plan_node(id),
      workplan_id uuid REFERENCES workplan(id) ON DELETE SET NULL,
      source text,
      note text,
      is_seeded boolean NOT NULL DEFAULT false,
      version int NOT NULL DEFAULT 1,
      created_by uuid REFERENCES app_user(id),
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      CHECK (country_code IS NOT NULL OR entity IS NOT NULL),
      CHECK (amount_local IS NULL OR amount_local >= 0),
      CHECK (amount_local IS NULL OR currency = 'USD' OR usd_rate IS NOT NULL),
      CHECK (year_end IS NULL OR year_start IS NULL OR year_end >= year_start)
    );
    CREATE INDEX budget_allocation_country_idx ON budget_allocation(country_code, year_start);

    -- Training events and their participants by type and sex (E15).
    CREATE TABLE training_event (
      id uuid PRIMARY KEY,
      country_code char(2) REFERENCES country(code),
      level varchar(20) NOT NULL,
      title text NOT NULL,
      curriculum text,
      organiser text,
      trainers text,
      location text,
      language varchar(5),
      start_on date,
      end_on date,
      duration_days int,
      period_text text,
      year_start int,
      year_end int,
      events_count int,
      events_count_text text,
      framework_id varchar(20) REFERENCES plan_framework(id),
      area_node_id uuid REFERENCES plan_node(id),
      workplan_activity_id uuid REFERENCES workplan_activity(id) ON DELETE SET NULL,
      source text,
      quote text,
      is_seeded boolean NOT NULL DEFAULT false,
      version int NOT NULL DEFAULT 1,
      created_by uuid REFERENCES app_user(id),
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      CHECK (end_on IS NULL OR start_on IS NULL OR end_on >= start_on)
    );
    CREATE TABLE training_target (
      training_id uuid NOT NULL REFERENCES training_event(id) ON DELETE CASCADE,
      target_node_id uuid NOT NULL REFERENCES plan_node(id) ON DELETE CASCADE,
      PRIMARY KEY (training_id, target_node_id)
    );
    -- sex 'Total' when the source gives no split; unit as printed ("persons trained each time").
    CREATE TABLE training_participant_count (
      id uuid PRIMARY KEY,
      training_id uuid NOT NULL REFERENCES training_event(id) ON DELETE CASCADE,
      trainee_type varchar(40) NOT NULL,
      trainee_type_text text,
      sex varchar(10) NOT NULL CHECK (sex IN ('Female', 'Male', 'Other', 'Unknown', 'Total')),
      count int NOT NULL CHECK (count >= 0),
      unit_text text,
      is_approximate boolean NOT NULL DEFAULT false,
      UNIQUE (training_id, trainee_type, sex)
    );

    -- Meeting participants (E16): officials and guests, not victims.
    CREATE TABLE meeting_participant (
      id uuid PRIMARY KEY,
      meeting_id uuid NOT NULL REFERENCES meeting(id) ON DELETE CASCADE,
      section varchar(14) NOT NULL
        CHECK (section IN ('Participant', 'HonoredGuest', 'Observer', 'Organizer', 'MC')),
      country_or_group text NOT NULL,
      country_code char(2) REFERENCES country(code),
      list_no int,
      name text NOT NULL,
      position text,
      organisation text,
      sex varchar(10) CHECK (sex IN ('Female', 'Male', 'Other', 'Unknown')),
      is_youth boolean NOT NULL DEFAULT false,
      created_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX meeting_participant_meeting_idx ON meeting_participant(meeting_id, section, list_no);

    -- Case studies a country submits for the monitoring report (no victim names: roles only).
    CREATE TABLE case_study (
      id uuid PRIMARY KEY,
      framework_id varchar(20) NOT NULL REFERENCES plan_framework(id),
      country_code char(2) REFERENCES country(code),
      year int NOT NULL,
      area_node_id uuid REFERENCES plan_node(id),
      heading text NOT NULL,
      body_en text NOT NULL,
      body_local text,
      local_lang varchar(5),
      attribution text,
      status varchar(10) NOT NULL DEFAULT 'Draft'
        CHECK (status IN ('Draft', 'Submitted', 'Approved')),
      is_seeded boolean NOT NULL DEFAULT false,
      version int NOT NULL DEFAULT 1,
      created_by uuid REFERENCES app_user(id),
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    );

    -- The annual monitoring report (or the final evaluation over the whole SPA period) and its
    -- generated outputs. A Final report is locked: reopened only with an audited reason.
    CREATE TABLE monitoring_report (
      id uuid PRIMARY KEY,
      framework_id varchar(20) NOT NULL REFERENCES plan_framework(id),
      kind varchar(8) NOT NULL CHECK (kind IN ('Annual', 'Final')),
      year int,
      second_language varchar(5),
      countries char(2)[] NOT NULL DEFAULT '{}',
      title text NOT NULL,
      introduction text,
      conclusion text,
      status varchar(8) NOT NULL DEFAULT 'Draft' CHECK (status IN ('Draft', 'Final')),
      finalised_at timestamptz,
      finalised_by uuid REFERENCES app_user(id),
      created_by uuid REFERENCES app_user(id),
      version int NOT NULL DEFAULT 1,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      CHECK (kind = 'Final' OR year IS NOT NULL)
    );
    CREATE TABLE monitoring_report_run (
      id uuid PRIMARY KEY,
      report_id uuid NOT NULL REFERENCES monitoring_report(id) ON DELETE CASCADE,
      status varchar(8) NOT NULL DEFAULT 'Queued'
        CHECK (status IN ('Queued', 'Running', 'Done', 'Failed')),
      progress int NOT NULL DEFAULT 0 CHECK (progress BETWEEN 0 AND 100),
      stage varchar(40),
      failure varchar(300),
      page_count int,
      pdf bytea,
      xlsx bytea,
      html text,
      requested_by uuid REFERENCES app_user(id),
      created_at timestamptz NOT NULL DEFAULT now(),
      started_at timestamptz,
      finished_at timestamptz
    );
    CREATE INDEX monitoring_report_run_idx ON monitoring_report_run(report_id, created_at DESC);
  `,
  );
}

export async function down(db: Kysely<any>): Promise<void> {
  await runDdl(
    db,
    `DROP TABLE monitoring_report_run; DROP TABLE monitoring_report; DROP TABLE case_study;
     DROP TABLE meeting_participant; DROP TABLE training_participant_count;
     DROP TABLE training_target; DROP TABLE training_event; DROP TABLE budget_allocation;
     DROP TABLE indicator_year; DROP TABLE country_indicator; DROP TABLE plan_indicator;
     DROP TABLE progress_comment; DROP TABLE progress_evidence; DROP TABLE progress_quantity;
     DROP TABLE progress_entry; DROP TABLE progress_report; DROP TABLE workplan_activity;
     DROP TABLE workplan; DROP TABLE national_plan; DROP TABLE plan_framework_revision;
     DROP TABLE plan_node_mou_article; DROP TABLE plan_node_link; DROP TABLE plan_node;
     DROP TABLE plan_framework`,
  );
}
