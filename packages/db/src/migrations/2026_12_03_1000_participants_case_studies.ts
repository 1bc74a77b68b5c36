import type { Kysely } from 'kysely';
import { runDdl } from './run-ddl';

// Meeting participants are edited one by one in the meeting page: a version for optimistic
// locking, the time of the last change, and whether the row came from a seeded participants list
// (the 9th MRW 2019 list). Case studies are listed by country, year and status.
export async function up(db: Kysely<any>): Promise<void> {
  await runDdl(
    db,
    `
    ALTER TABLE meeting_participant ADD COLUMN version int NOT NULL DEFAULT 1;
    ALTER TABLE meeting_participant ADD COLUMN is_seeded boolean NOT NULL DEFAULT false;
    ALTER TABLE meeting_participant ADD COLUMN updated_at timestamptz NOT NULL DEFAULT now();
    CREATE INDEX case_study_list_idx ON case_study(framework_id, year, country_code);
  `,
  );
}

export async function down(db: Kysely<any>): Promise<void> {
  await runDdl(
    db,
    `
    DROP INDEX case_study_list_idx;
    ALTER TABLE meeting_participant DROP COLUMN updated_at;
    ALTER TABLE meeting_participant DROP COLUMN is_seeded;
    ALTER TABLE meeting_participant DROP COLUMN version;
  `,
  );
}
