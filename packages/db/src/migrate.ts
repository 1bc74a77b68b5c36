import { Migrator } from 'kysely/migration';
import type { Db } from './connect';
import { migrationProvider } from './migrations/index';

/** Result of a migration run: names applied now, in order. */
export type MigrateResult = { applied: string[] };

/**
 * Bring the schema up to the latest migration.
 * @throws Error naming the failed migration; that migration's transaction is rolled back.
 */
export async function migrateToLatest(db: Db): Promise<MigrateResult> {
  const migrator = new Migrator({ db, provider: migrationProvider });
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((r) => r.status === 'Error');
  if (error) {
    const name = failed ? ` (${failed.migrationName})` : '';
    throw new Error(
      `migration failed${name}: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  return {
    applied: (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName),
  };
}
