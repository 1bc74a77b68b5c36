import type { Kysely } from 'kysely';
import { runDdl } from './run-ddl';

// Cases (NRM): persons, screenings, cases and everything hung off them. Personal fields are
// `*_enc` (AES-256-GCM sealed by the services, key id inside the value) and searched only through
// keyed hashes (`*_hash`, HMAC-SHA-256 of a normalised value). Picklist values are HTCDS value names.
export async function up(db: Kysely<any>): Promise<void> {
  await runDdl(
    db,
    `
    CREATE TABLE person (
      id uuid PRIMARY KEY,
      country_code char(2) NOT NULL REFERENCES country(code),
      given_name_enc text,
      family_name_enc text,
      other_names_enc text,
      birth_date_enc text,
      id_document_enc text,
      contact_enc text,
      gender varchar(30) NOT NULL DEFAULT 'Unknown',
      birth_year int,
      nationality char(2) REFERENCES country(code),
      ethnicity varchar(80),
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    );
    -- Keyed hashes for search and duplicate detection: kind = name | name_dob | variant | id_document.
    CREATE TABLE person_key (
      person_id uuid NOT NULL REFERENCES person(id) ON DELETE CASCADE,
      kind varchar(20) NOT NULL,
      hash char(64) NOT NULL,
      PRIMARY KEY (kind, hash, person_id)
    );
    CREATE INDEX person_key_person_idx ON person_key(person_id);

    CREATE TABLE case_record (
      id uuid PRIMARY KEY,
      code varchar(40) NOT NULL UNIQUE,
      person_id uuid NOT NULL REFERENCES person(id),
      country_code char(2) NOT NULL REFERENCES country(code),
      agency_id uuid NOT NULL REFERENCES agency(id),
      owner_user_id uuid NOT NULL REFERENCES app_user(id),
      status varchar(20) NOT NULL DEFAULT 'Active',
      identification_status varchar(20) NOT NULL DEFAULT 'Possible',
      identified_by_agency_id uuid REFERENCES agency(id),
      identification_date date,
      gender varchar(30) NOT NULL DEFAULT 'Unknown',
      age_at_identification int,
      is_child boolean,
      nationality char(2) REFERENCES country(code),
      forms_of_exploitation text[] NOT NULL DEFAULT '{}',
      recruitment_methods text[] NOT NULL DEFAULT '{}',
      recruitment_apps text[] NOT NULL DEFAULT '{}',
      methods_of_control text[] NOT NULL DEFAULT '{}',
      labour_exploitation_types text[] NOT NULL DEFAULT '{}',
      labour_industries text[] NOT NULL DEFAULT '{}',
      sex_exploitation_types text[] NOT NULL DEFAULT '{}',
      exploitation_apps text[] NOT NULL DEFAULT '{}',
      vulnerabilities text[] NOT NULL DEFAULT '{}',
      vulnerability_details_enc text,
      country_of_exploitation char(2) REFERENCES country(code),
      is_cross_border boolean NOT NULL DEFAULT false,
      agreement_to_manage_data boolean NOT NULL DEFAULT false,
      is_restricted boolean NOT NULL DEFAULT false,
      reintegrated_on date,
      is_retrafficked boolean NOT NULL DEFAULT false,
      became_broker boolean NOT NULL DEFAULT false,
      reason_for_closure_enc text,
      closed_at timestamptz,
      version int NOT NULL DEFAULT 1,
      extra jsonb NOT NULL DEFAULT '{}',
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX case_record_list_idx ON case_record(country_code, created_at DESC, id);
    CREATE INDEX case_record_agency_idx ON case_record(agency_id, created_at DESC, id);
    CREATE INDEX case_record_owner_idx ON case_record(owner_user_id, created_at DESC, id);
    CREATE INDEX case_record_person_idx ON case_record(person_id);
    CREATE INDEX case_record_status_idx ON case_record(country_code, status, created_at DESC);

    CREATE TABLE case_event (
      id uuid PRIMARY KEY,
      case_id uuid NOT NULL REFERENCES case_record(id) ON DELETE CASCADE,
      type varchar(20) NOT NULL,
      country char(2) REFERENCES country(code),
      state text,
      city text,
      occurred_on date,
      description_enc text,
      created_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX case_event_case_idx ON case_event(case_id);

    CREATE TABLE perpetrator (
      id uuid PRIMARY KEY,
      case_id uuid NOT NULL REFERENCES case_record(id) ON DELETE CASCADE,
      roles text[] NOT NULL DEFAULT '{}',
      role_details_enc text,
      name_enc text,
      nationality char(2) REFERENCES country(code),
      gender varchar(30),
      is_former_victim boolean NOT NULL DEFAULT false,
      created_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX perpetrator_case_idx ON perpetrator(case_id);

    CREATE TABLE case_note (
      id uuid PRIMARY KEY,
      case_id uuid NOT NULL REFERENCES case_record(id) ON DELETE CASCADE,
      author_user_id uuid NOT NULL REFERENCES app_user(id),
      body_enc text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX case_note_case_idx ON case_note(case_id, created_at);

    CREATE TABLE case_attachment (
      id uuid PRIMARY KEY,
      case_id uuid NOT NULL REFERENCES case_record(id) ON DELETE CASCADE,
      uploaded_by uuid NOT NULL REFERENCES app_user(id),
      file_name_enc text NOT NULL,
      media_type varchar(120) NOT NULL,
      size_bytes int NOT NULL,
      content_enc text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX case_attachment_case_idx ON case_attachment(case_id);

    -- Change history: one row per change; personal fields record that they changed, never values.
    CREATE TABLE case_history (
      id bigserial PRIMARY KEY,
      case_id uuid NOT NULL REFERENCES case_record(id) ON DELETE CASCADE,
      at timestamptz NOT NULL,
      user_id uuid REFERENCES app_user(id),
      action varchar(60) NOT NULL,
      changes jsonb NOT NULL DEFAULT '{}'
    );
    CREATE INDEX case_history_case_idx ON case_history(case_id, at);

    CREATE TABLE screening (
      id uuid PRIMARY KEY,
      country_code char(2) NOT NULL REFERENCES country(code),
      agency_id uuid NOT NULL REFERENCES agency(id),
      screener_user_id uuid NOT NULL REFERENCES app_user(id),
      case_id uuid REFERENCES case_record(id),
      hotline_call_id uuid,
      screened_at timestamptz NOT NULL,
      location text,
      is_child boolean NOT NULL,
      gender varchar(30) NOT NULL DEFAULT 'Unknown',
      age_estimate int,
      nationality char(2) REFERENCES country(code),
      act_indicators text[] NOT NULL DEFAULT '{}',
      means_indicators text[] NOT NULL DEFAULT '{}',
      purpose_indicators text[] NOT NULL DEFAULT '{}',
      red_flags text[] NOT NULL DEFAULT '{}',
      interpreter_used boolean NOT NULL DEFAULT false,
      interview_language varchar(10),
      outcome varchar(20) NOT NULL,
      deciding_agency_id uuid REFERENCES agency(id),
      decision_date date,
      -- Only kept when the outcome is not 'NotAVictim' (data minimisation).
      person_name_enc text,
      notes_enc text,
      created_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX screening_agency_idx ON screening(agency_id, screened_at DESC);

    CREATE TABLE consent (
      id uuid PRIMARY KEY,
      case_id uuid NOT NULL REFERENCES case_record(id) ON DELETE CASCADE,
      purpose varchar(20) NOT NULL,
      is_granted boolean NOT NULL,
      -- Agency ids (within the country) or ISO country codes (ShareCountry); empty = any recipient.
      recipients text[] NOT NULL DEFAULT '{}',
      given_on date NOT NULL,
      expires_on date,
      explained_in varchar(10) NOT NULL,
      explained_by_user_id uuid NOT NULL REFERENCES app_user(id),
      recorded_by uuid NOT NULL REFERENCES app_user(id),
      withdrawn_at timestamptz,
      withdrawn_by uuid REFERENCES app_user(id),
      withdrawal_reason text,
      created_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX consent_case_idx ON consent(case_id, purpose);

    CREATE TABLE rights_notification (
      id uuid PRIMARY KEY,
      case_id uuid NOT NULL REFERENCES case_record(id) ON DELETE CASCADE,
      place text NOT NULL,
      notified_on date NOT NULL,
      language varchar(10) NOT NULL,
      title varchar(10),
      returning_from char(2) REFERENCES country(code),
      identified_by_agency text,
      identified_in char(2) REFERENCES country(code),
      repatriated_by varchar(30),
      repatriated_by_other text,
      return_type varchar(20),
      acknowledged boolean NOT NULL,
      wishes_protection boolean NOT NULL,
      decline_reason text,
      contact_enc text,
      shelter_name text,
      official_user_id uuid NOT NULL REFERENCES app_user(id),
      witness_name_enc text,
      interpreter_name_enc text,
      created_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX rights_notification_case_idx ON rights_notification(case_id);

    CREATE TABLE service_provider (
      id uuid PRIMARY KEY,
      agency_id uuid REFERENCES agency(id),
      name text NOT NULL,
      agency_type varchar(60) NOT NULL REFERENCES organisation_type(code),
      country_code char(2) NOT NULL REFERENCES country(code),
      province text,
      services text[] NOT NULL DEFAULT '{}',
      languages text[] NOT NULL DEFAULT '{}',
      capacity int,
      serves_genders text[] NOT NULL DEFAULT '{}',
      serves_children boolean NOT NULL DEFAULT true,
      serves_adults boolean NOT NULL DEFAULT true,
      phone text,
      email text,
      address text,
      is_active boolean NOT NULL DEFAULT true,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX service_provider_country_idx ON service_provider(country_code);

    CREATE TABLE support_plan (
      id uuid PRIMARY KEY,
      case_id uuid NOT NULL REFERENCES case_record(id) ON DELETE CASCADE,
      created_by uuid NOT NULL REFERENCES app_user(id),
      goals_enc text,
      status varchar(20) NOT NULL DEFAULT 'Active',
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX support_plan_case_idx ON support_plan(case_id);

    CREATE TABLE support_service (
      id uuid PRIMARY KEY,
      case_id uuid NOT NULL REFERENCES case_record(id) ON DELETE CASCADE,
      plan_id uuid REFERENCES support_plan(id) ON DELETE SET NULL,
      type varchar(30) NOT NULL,
      provider_id uuid REFERENCES service_provider(id),
      status varchar(20) NOT NULL DEFAULT 'Planned',
      start_date date,
      end_date date,
      notes_enc text,
      created_by uuid NOT NULL REFERENCES app_user(id),
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX support_service_case_idx ON support_service(case_id);

    CREATE TABLE shelter_stay (
      id uuid PRIMARY KEY,
      case_id uuid NOT NULL REFERENCES case_record(id) ON DELETE CASCADE,
      provider_id uuid REFERENCES service_provider(id),
      admitted_on date NOT NULL,
      discharged_on date,
      is_voluntary boolean NOT NULL DEFAULT true,
      works_outside boolean NOT NULL DEFAULT false,
      discharge_reason_enc text,
      created_by uuid NOT NULL REFERENCES app_user(id),
      created_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX shelter_stay_case_idx ON shelter_stay(case_id);

    -- Country rules as configuration: kind = fund_entitlement | deadline_step | shelter_phase.
    CREATE TABLE country_rule (
      id uuid PRIMARY KEY,
      country_code char(2) NOT NULL REFERENCES country(code),
      kind varchar(30) NOT NULL,
      key varchar(80) NOT NULL,
      sort_order int NOT NULL DEFAULT 0,
      config jsonb NOT NULL,
      source text,
      UNIQUE (country_code, kind, key)
    );

    CREATE TABLE fund_payment (
      id uuid PRIMARY KEY,
      case_id uuid NOT NULL REFERENCES case_record(id) ON DELETE CASCADE,
      rule_id uuid NOT NULL REFERENCES country_rule(id),
      amount numeric(14, 2) NOT NULL,
      currency char(3) NOT NULL,
      days int,
      paid_on date NOT NULL,
      approved_by_text text,
      created_by uuid NOT NULL REFERENCES app_user(id),
      created_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX fund_payment_case_idx ON fund_payment(case_id, rule_id, paid_on);

    CREATE TABLE task (
      id uuid PRIMARY KEY,
      case_id uuid REFERENCES case_record(id) ON DELETE CASCADE,
      agency_id uuid NOT NULL REFERENCES agency(id),
      assignee_user_id uuid REFERENCES app_user(id),
      kind varchar(40) NOT NULL,
      rule_id uuid REFERENCES country_rule(id),
      params jsonb NOT NULL DEFAULT '{}',
      due_on date NOT NULL,
      done_at timestamptz,
      done_by uuid REFERENCES app_user(id),
      created_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX task_assignee_idx ON task(assignee_user_id, done_at, due_on);
    CREATE INDEX task_agency_idx ON task(agency_id, done_at, due_on);
    CREATE INDEX task_case_idx ON task(case_id);

    CREATE TABLE referral (
      id uuid PRIMARY KEY,
      case_id uuid NOT NULL REFERENCES case_record(id) ON DELETE CASCADE,
      kind varchar(20) NOT NULL,
      status varchar(20) NOT NULL DEFAULT 'InProgress',
      from_agency_id uuid NOT NULL REFERENCES agency(id),
      from_user_id uuid NOT NULL REFERENCES app_user(id),
      to_agency_id uuid NOT NULL REFERENCES agency(id),
      to_user_id uuid REFERENCES app_user(id),
      to_provider_id uuid REFERENCES service_provider(id),
      services text[] NOT NULL DEFAULT '{}',
      reason varchar(40) NOT NULL DEFAULT 'AdditionalServicesRequired',
      details_enc text,
      due_on date,
      consent_override_reason text,
      response_reason text,
      responded_by uuid REFERENCES app_user(id),
      responded_at timestamptz,
      outcome text,
      outcome_reported_at timestamptz,
      completed_at timestamptz,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX referral_case_idx ON referral(case_id);
    CREATE INDEX referral_to_idx ON referral(to_agency_id, status, created_at DESC);
    CREATE INDEX referral_from_idx ON referral(from_agency_id, status, created_at DESC);
    CREATE INDEX referral_to_user_idx ON referral(to_user_id, status);

    CREATE TABLE follow_up (
      id uuid PRIMARY KEY,
      case_id uuid NOT NULL REFERENCES case_record(id) ON DELETE CASCADE,
      months_after int,
      scheduled_on date NOT NULL,
      done_on date,
      done_by uuid REFERENCES app_user(id),
      method varchar(20),
      wellbeing varchar(20),
      outcome_enc text,
      is_retrafficked boolean NOT NULL DEFAULT false,
      became_broker boolean NOT NULL DEFAULT false,
      created_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX follow_up_case_idx ON follow_up(case_id, scheduled_on);
    CREATE INDEX follow_up_due_idx ON follow_up(done_on, scheduled_on);

    CREATE TABLE service_feedback (
      id uuid PRIMARY KEY,
      case_id uuid NOT NULL REFERENCES case_record(id) ON DELETE CASCADE,
      follow_up_id uuid REFERENCES follow_up(id) ON DELETE SET NULL,
      service_type varchar(30),
      provider_id uuid REFERENCES service_provider(id),
      satisfaction int NOT NULL CHECK (satisfaction BETWEEN 1 AND 5),
      comment_enc text,
      given_on date NOT NULL,
      recorded_by uuid NOT NULL REFERENCES app_user(id),
      created_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX service_feedback_case_idx ON service_feedback(case_id);

    CREATE TABLE hotline_call (
      id uuid PRIMARY KEY,
      country_code char(2) NOT NULL REFERENCES country(code),
      agency_id uuid NOT NULL REFERENCES agency(id),
      operator_user_id uuid NOT NULL REFERENCES app_user(id),
      received_at timestamptz NOT NULL,
      duration_seconds int,
      channel varchar(20) NOT NULL,
      language varchar(10) NOT NULL,
      caller_type varchar(20) NOT NULL,
      category varchar(20) NOT NULL,
      urgency varchar(20) NOT NULL,
      outcome varchar(30) NOT NULL,
      summary_enc text,
      caller_contact_enc text,
      case_id uuid REFERENCES case_record(id),
      referral_id uuid REFERENCES referral(id),
      screening_id uuid REFERENCES screening(id),
      created_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX hotline_call_agency_idx ON hotline_call(agency_id, received_at DESC);
    CREATE INDEX hotline_call_country_idx ON hotline_call(country_code, received_at DESC);

    CREATE TABLE saved_search (
      id uuid PRIMARY KEY,
      user_id uuid NOT NULL REFERENCES app_user(id) ON DELETE CASCADE,
      name text NOT NULL,
      filters jsonb NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (user_id, name)
    );

    -- Messages to a user or to everyone of an agency (referral offers, consent withdrawn, overdue).
    CREATE TABLE notification (
      id uuid PRIMARY KEY,
      user_id uuid REFERENCES app_user(id) ON DELETE CASCADE,
      agency_id uuid REFERENCES agency(id),
      kind varchar(40) NOT NULL,
      case_id uuid REFERENCES case_record(id) ON DELETE CASCADE,
      referral_id uuid REFERENCES referral(id) ON DELETE CASCADE,
      params jsonb NOT NULL DEFAULT '{}',
      created_at timestamptz NOT NULL DEFAULT now(),
      read_at timestamptz
    );
    CREATE INDEX notification_user_idx ON notification(user_id, read_at, created_at DESC);
    CREATE INDEX notification_agency_idx ON notification(agency_id, read_at, created_at DESC);

    CREATE SEQUENCE case_code_seq;
  `,
  );
}
