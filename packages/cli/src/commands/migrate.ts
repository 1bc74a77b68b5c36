import { migrateToLatest } from '@ctip/db';
import type { Command } from 'commander';
import {
  type CliIo,
  type DatabaseOptions,
  withDatabase,
  withDatabaseOption,
  writeLine,
} from '../context';

/**
 * `ctip migrate`: apply pending migrations; prints the names applied (stdout), one per line.
 * @param program - the root command
 * @param io - streams and injected database
 */
export function registerMigrate(program: Command, io: CliIo): void {
  withDatabaseOption(program.command('migrate'))
    .description('apply pending database migrations')
    .action(async (options: DatabaseOptions) => {
      const { applied } = await withDatabase(io, options, (h) => migrateToLatest(h.db));
      for (const name of applied) {
        writeLine(io.stdout, name);
      }
      writeLine(
        io.stderr,
        applied.length === 0
          ? 'Already up to date.'
          : `Applied ${applied.length} migration${applied.length === 1 ? '' : 's'}.`,
      );
    });
}
