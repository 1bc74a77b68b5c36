import { type Kysely, sql } from 'kysely';

/**
 * Run a block of DDL statements one by one. PGlite's extended-protocol `query` takes a single
 * statement, so blocks are split on a semicolon at the end of a line. Frozen with the migrations.
 */
export async function runDdl(db: Kysely<any>, ddl: string): Promise<void> {
  for (const statement of ddl.split(/;\s*$/m)) {
    if (statement.trim() !== '') {
      await sql.raw(statement).execute(db);
    }
  }
}
