import type { Kysely } from 'kysely';
import { runDdl } from './run-ddl';

// The bulk-import write path of stat_value (≥ 50,000 values/s): every index and row trigger is paid
// per value written. Measured on PostgreSQL 15 (2 cores), inserting 200,000 values:
// - stat_value_source_idx served no query (values join their source by the source's key), so it goes;
// - the foreign key to stat_data_element ran a row-level check per value; every writer (entry,
//   import, seeding) resolves the element against stat_data_element first and elements are never
//   deleted, so the check is the services' (named per field in the error) and the key goes.
export async function up(db: Kysely<any>): Promise<void> {
  await runDdl(
    db,
    `
    DROP INDEX stat_value_source_idx;
    ALTER TABLE stat_value DROP CONSTRAINT stat_value_data_element_fkey;
    `,
  );
}

export async function down(db: Kysely<any>): Promise<void> {
  await runDdl(
    db,
    `
    ALTER TABLE stat_value ADD CONSTRAINT stat_value_data_element_fkey FOREIGN KEY (data_element) REFERENCES stat_data_element(code);
    CREATE INDEX stat_value_source_idx ON stat_value (source_id);
    `,
  );
}
