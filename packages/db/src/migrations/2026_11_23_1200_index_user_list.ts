import type { Kysely } from 'kysely';
import { runDdl } from './run-ddl';

// The user list pages newest first; without this index each page sorts the whole table.
export async function up(db: Kysely<any>): Promise<void> {
  await runDdl(
    db,
    `
    CREATE INDEX app_user_created_idx ON app_user (created_at DESC, id);
  `,
  );
}
