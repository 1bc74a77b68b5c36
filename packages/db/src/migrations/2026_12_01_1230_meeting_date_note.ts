import type { Kysely } from 'kysely';
import { runDdl } from './run-ddl';

// Meetings as the sources print them: many seeded meetings have a year, a month or a rhythm but no
// day ("22 times held", "monthly", "October 2004"), so the date becomes optional and the printed
// date, status and type are kept beside the mapped values (never invent a date). The index serves
// the schedule (last held CMM / review of a country pair).
export async function up(db: Kysely<any>): Promise<void> {
  await runDdl(
    db,
    `
    ALTER TABLE meeting ALTER COLUMN scheduled_on DROP NOT NULL;
    ALTER TABLE meeting ADD COLUMN date_note varchar(200);
    ALTER TABLE meeting ADD COLUMN status_note varchar(100);
    ALTER TABLE meeting ADD COLUMN type_note varchar(60);
    ALTER TABLE meeting ADD COLUMN note varchar(1000);
    CREATE INDEX meeting_type_held_idx ON meeting(type, status, held_on DESC);
    CREATE INDEX meeting_countries_idx ON meeting USING gin (countries);
  `,
  );
}

export async function down(db: Kysely<any>): Promise<void> {
  await runDdl(
    db,
    `
    DROP INDEX meeting_countries_idx;
    DROP INDEX meeting_type_held_idx;
    ALTER TABLE meeting DROP COLUMN note;
    ALTER TABLE meeting DROP COLUMN type_note;
    ALTER TABLE meeting DROP COLUMN status_note;
    ALTER TABLE meeting DROP COLUMN date_note;
  `,
  );
}
