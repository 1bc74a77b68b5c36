import type { Kysely } from 'kysely';
import { runDdl } from './run-ddl';

export async function up(db: Kysely<any>): Promise<void> {
  // Append-only: the application never updates or deletes audit rows. audit_head holds the last
  // link of the chain; updating it takes a row lock that serialises concurrent appends.
  await runDdl(
    db,
    `
    CREATE TABLE audit_event (
      seq bigint PRIMARY KEY,
      occurred_at timestamptz NOT NULL,
      action varchar(60) NOT NULL,
      outcome varchar(10) NOT NULL,
      actor_user_id uuid,
      actor_agency_id uuid,
      actor_country char(2),
      target_type varchar(60),
      target_id varchar(100),
      request_id varchar(100),
      ip text,
      user_agent text,
      details jsonb NOT NULL DEFAULT '{}',
      prev_hash char(64) NOT NULL,
      hash char(64) NOT NULL
    );
    CREATE INDEX audit_event_time_idx ON audit_event(occurred_at);
    CREATE INDEX audit_event_actor_idx ON audit_event(actor_user_id, seq);
    CREATE INDEX audit_event_target_idx ON audit_event(target_type, target_id);
    CREATE INDEX audit_event_action_idx ON audit_event(action, seq);
    CREATE TABLE audit_head (
      id int PRIMARY KEY CHECK (id = 1),
      seq bigint NOT NULL,
      hash char(64) NOT NULL
    );
    INSERT INTO audit_head (id, seq, hash) VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');
  `,
  );
}
