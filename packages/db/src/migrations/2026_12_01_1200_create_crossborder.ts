import type { Kysely } from 'kysely';
import { runDdl } from './run-ddl';

// Cross-border module (TRM): agreements as policy, border points, federation peers, the outbox and
// inbox of signed messages, shared (cross-border) cases with their steps, and case-management
// meetings. Personal data is only ever held sealed (`*_enc`, AES-GCM with the node's key); the
// outbox holds personal parts already encrypted to the receiving node (JWE).
export async function up(db: Kysely<any>): Promise<void> {
  await runDdl(
    db,
    `
    CREATE TABLE agreement (
      id uuid PRIMARY KEY,
      code varchar(60) NOT NULL UNIQUE,
      type varchar(20) NOT NULL,
      subject varchar(30) NOT NULL,
      title varchar(400) NOT NULL,
      status varchar(30) NOT NULL,
      signed_on date,
      date_note varchar(200),
      place varchar(200),
      period_from date,
      period_to date,
      areas text,
      meeting_cadence_months int,
      meeting_review_months int,
      review_every_months int,
      next_review_on date,
      source varchar(300),
      is_seeded boolean NOT NULL DEFAULT false,
      version int NOT NULL DEFAULT 1,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE TABLE agreement_party (
      agreement_id uuid NOT NULL REFERENCES agreement(id) ON DELETE CASCADE,
      country_code char(2) NOT NULL REFERENCES country(code),
      PRIMARY KEY (agreement_id, country_code)
    );
    CREATE INDEX agreement_party_country_idx ON agreement_party(country_code);
    CREATE TABLE agreement_revision (
      id uuid PRIMARY KEY,
      agreement_id uuid NOT NULL REFERENCES agreement(id) ON DELETE CASCADE,
      revised_on date,
      note varchar(500) NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX agreement_revision_agreement_idx ON agreement_revision(agreement_id);
    CREATE TABLE sharing_policy (
      agreement_id uuid NOT NULL REFERENCES agreement(id) ON DELETE CASCADE,
      version int NOT NULL,
      status varchar(20) NOT NULL DEFAULT 'Draft',
      policy jsonb NOT NULL,
      created_by uuid REFERENCES app_user(id),
      created_at timestamptz NOT NULL DEFAULT now(),
      activated_by uuid REFERENCES app_user(id),
      activated_at timestamptz,
      PRIMARY KEY (agreement_id, version)
    );
    -- At most one version in force per agreement.
    CREATE UNIQUE INDEX sharing_policy_active_idx ON sharing_policy(agreement_id) WHERE status = 'Active';

    CREATE TABLE border_point (
      id uuid PRIMARY KEY,
      code varchar(80) NOT NULL UNIQUE,
      mechanism varchar(30) NOT NULL,
      countries char(2)[] NOT NULL DEFAULT '{}',
      location varchar(300) NOT NULL,
      established varchar(100),
      note varchar(500),
      source varchar(300)
    );

    -- Other nodes this node exchanges with: their public keys (JWK) and delivery health.
    CREATE TABLE federation_peer (
      node_id varchar(40) PRIMARY KEY,
      name varchar(200) NOT NULL,
      url varchar(500) NOT NULL,
      countries char(2)[] NOT NULL DEFAULT '{}',
      signing_key jsonb NOT NULL,
      encryption_key jsonb NOT NULL,
      is_active boolean NOT NULL DEFAULT true,
      added_at timestamptz NOT NULL DEFAULT now(),
      last_contact_at timestamptz,
      last_success_at timestamptz,
      last_failure_at timestamptz,
      last_error varchar(300),
      consecutive_failures int NOT NULL DEFAULT 0,
      messages_rejected int NOT NULL DEFAULT 0
    );

    -- Written in the same transaction as the change; delivered in 'position' order per peer.
    CREATE TABLE outbox_message (
      id uuid PRIMARY KEY,
      position bigint GENERATED ALWAYS AS IDENTITY,
      to_node varchar(40) NOT NULL,
      kind varchar(40) NOT NULL,
      ref uuid,
      from_role varchar(10),
      seq int,
      envelope jsonb NOT NULL,
      sealed text,
      status varchar(20) NOT NULL DEFAULT 'Pending',
      attempts int NOT NULL DEFAULT 0,
      next_attempt_at timestamptz NOT NULL DEFAULT now(),
      lease_until timestamptz,
      created_at timestamptz NOT NULL DEFAULT now(),
      delivered_at timestamptz,
      last_error varchar(300)
    );
    CREATE UNIQUE INDEX outbox_message_position_idx ON outbox_message(position);
    CREATE INDEX outbox_message_due_idx ON outbox_message(status, next_attempt_at, position);
    CREATE INDEX outbox_message_ref_idx ON outbox_message(ref, position);
    CREATE UNIQUE INDEX outbox_message_seq_idx ON outbox_message(ref, from_role, seq);

    -- Each message id is applied once; out-of-order case messages wait here ('Pending').
    CREATE TABLE inbox_message (
      id uuid PRIMARY KEY,
      from_node varchar(40) NOT NULL,
      kind varchar(40) NOT NULL,
      ref uuid,
      from_role varchar(10),
      seq int,
      envelope jsonb NOT NULL,
      sealed text,
      status varchar(20) NOT NULL,
      refusal varchar(40),
      received_at timestamptz NOT NULL DEFAULT now(),
      applied_at timestamptz
    );
    CREATE INDEX inbox_message_ref_idx ON inbox_message(ref, from_role, seq);
    CREATE INDEX inbox_message_pending_idx ON inbox_message(status, ref) WHERE status = 'Pending';

    -- One side of a shared case. 'ref' is the same on both nodes; a node hosting both countries
    -- holds both sides (one row per role).
    CREATE TABLE xb_case (
      id uuid PRIMARY KEY,
      ref uuid NOT NULL,
      role varchar(10) NOT NULL,
      peer_node varchar(40) NOT NULL,
      local_country char(2) NOT NULL REFERENCES country(code),
      peer_country char(2) NOT NULL REFERENCES country(code),
      origin_country char(2) NOT NULL REFERENCES country(code),
      destination_country char(2) NOT NULL REFERENCES country(code),
      agreement_id uuid NOT NULL REFERENCES agreement(id),
      policy_version int NOT NULL,
      purpose varchar(30) NOT NULL,
      status varchar(20) NOT NULL,
      case_id uuid REFERENCES case_record(id),
      agency_id uuid REFERENCES agency(id),
      case_code varchar(40) NOT NULL,
      remote_case_code varchar(40),
      sex varchar(30) NOT NULL DEFAULT 'Unknown',
      age_group varchar(10) NOT NULL DEFAULT 'Unknown',
      return_choice varchar(20),
      shared_enc text,
      reject_reason_enc text,
      close_reason_enc text,
      is_restricted boolean NOT NULL DEFAULT false,
      consent_withdrawn_at timestamptz,
      withdrawal_ack_at timestamptz,
      retention_until date,
      offered_at timestamptz NOT NULL,
      received_at timestamptz,
      accepted_at timestamptz,
      rejected_at timestamptz,
      closed_at timestamptz,
      last_out_seq int NOT NULL DEFAULT 0,
      last_in_seq int NOT NULL DEFAULT 0,
      created_by uuid REFERENCES app_user(id),
      version int NOT NULL DEFAULT 1,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (ref, role)
    );
    CREATE INDEX xb_case_list_idx ON xb_case(local_country, role, offered_at DESC, id);
    CREATE INDEX xb_case_case_idx ON xb_case(case_id);
    CREATE INDEX xb_case_pair_idx ON xb_case(origin_country, destination_country);

    CREATE TABLE xb_step (
      xb_case_id uuid NOT NULL REFERENCES xb_case(id) ON DELETE CASCADE,
      step varchar(40) NOT NULL,
      position int NOT NULL,
      owner varchar(20) NOT NULL,
      owner_country char(2) NOT NULL REFERENCES country(code),
      due_date date,
      status varchar(20) NOT NULL DEFAULT 'Pending',
      completed_on date,
      note_enc text,
      border_point_code varchar(80),
      border_point_location varchar(300),
      overdue_notified_on date,
      updated_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (xb_case_id, step)
    );
    CREATE INDEX xb_step_due_idx ON xb_step(status, due_date);

    CREATE TABLE xb_outcome (
      id uuid PRIMARY KEY,
      xb_case_id uuid NOT NULL REFERENCES xb_case(id) ON DELETE CASCADE,
      step varchar(40),
      outcome varchar(30) NOT NULL,
      note_enc text,
      reported_on date NOT NULL,
      reported_by_side varchar(10) NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX xb_outcome_case_idx ON xb_outcome(xb_case_id);

    -- Meetings: case-management meetings of a country pair and the other bilateral and COMMIT
    -- meetings (SOM, IMM, workshops) with agenda, decisions and action items.
    CREATE TABLE meeting (
      id uuid PRIMARY KEY,
      type varchar(20) NOT NULL,
      title varchar(300) NOT NULL,
      countries char(2)[] NOT NULL DEFAULT '{}',
      agreement_id uuid REFERENCES agreement(id),
      ordinal int,
      scheduled_on date NOT NULL,
      held_on date,
      location varchar(300),
      host_country char(2) REFERENCES country(code),
      status varchar(20) NOT NULL DEFAULT 'Planned',
      minutes text,
      source varchar(300),
      is_seeded boolean NOT NULL DEFAULT false,
      created_by uuid REFERENCES app_user(id),
      version int NOT NULL DEFAULT 1,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX meeting_date_idx ON meeting(scheduled_on DESC);
    CREATE TABLE meeting_agenda_item (
      id uuid PRIMARY KEY,
      meeting_id uuid NOT NULL REFERENCES meeting(id) ON DELETE CASCADE,
      position int NOT NULL,
      title varchar(300) NOT NULL,
      xb_case_id uuid REFERENCES xb_case(id),
      note text,
      decision text
    );
    CREATE INDEX meeting_agenda_meeting_idx ON meeting_agenda_item(meeting_id, position);
    CREATE TABLE meeting_decision (
      id uuid PRIMARY KEY,
      meeting_id uuid NOT NULL REFERENCES meeting(id) ON DELETE CASCADE,
      position int NOT NULL,
      text varchar(2000) NOT NULL
    );
    CREATE TABLE meeting_action_item (
      id uuid PRIMARY KEY,
      meeting_id uuid NOT NULL REFERENCES meeting(id) ON DELETE CASCADE,
      agenda_item_id uuid REFERENCES meeting_agenda_item(id) ON DELETE SET NULL,
      title varchar(500) NOT NULL,
      owner_country char(2) NOT NULL REFERENCES country(code),
      owner_agency_id uuid REFERENCES agency(id),
      owner_user_id uuid REFERENCES app_user(id),
      due_on date NOT NULL,
      status varchar(20) NOT NULL DEFAULT 'Open',
      done_on date,
      created_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX meeting_action_due_idx ON meeting_action_item(status, due_on);
  `,
  );
}

export async function down(db: Kysely<any>): Promise<void> {
  await runDdl(
    db,
    `DROP TABLE meeting_action_item; DROP TABLE meeting_decision; DROP TABLE meeting_agenda_item;
     DROP TABLE meeting; DROP TABLE xb_outcome; DROP TABLE xb_step; DROP TABLE xb_case;
     DROP TABLE inbox_message; DROP TABLE outbox_message; DROP TABLE federation_peer;
     DROP TABLE border_point; DROP TABLE sharing_policy; DROP TABLE agreement_revision;
     DROP TABLE agreement_party; DROP TABLE agreement;`,
  );
}
