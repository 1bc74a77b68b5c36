import { seedReferenceData } from '@ctip/db';
import { DEMO_PASSWORD, ensureBuiltInRoles, seedDemoData } from '@ctip/services';
import type { Command } from 'commander';
import {
  type CliIo,
  type DatabaseOptions,
  withDatabase,
  withDatabaseOption,
  writeLine,
} from '../context';

/** What `ctip seed` loaded (its stdout, as JSON). */
export type SeedSummary = {
  /** Reference datasets (re)loaded now; empty when all were current. */
  reference: string[];
  /** Built-in roles inserted now. */
  roles: string[];
  /** Whether demo agencies and users were created now (null without --demo). */
  demoCreated: boolean | null;
};

/**
 * `ctip seed [--demo]`: load reference data and built-in roles, and with --demo the demo agencies
 * and users. Idempotent. Prints a JSON summary on stdout.
 * @param program - the root command
 * @param io - streams and injected database
 */
export function registerSeed(program: Command, io: CliIo): void {
  withDatabaseOption(program.command('seed'))
    .description('load reference data and built-in roles (idempotent)')
    .option('--demo', 'also create the demo agencies and users (never on a production node)')
    .action(async (options: DatabaseOptions & { demo?: boolean }) => {
      const summary = await withDatabase(io, options, async ({ db }): Promise<SeedSummary> => {
        const { loaded } = await seedReferenceData(db);
        const roles = await ensureBuiltInRoles(db);
        if (!options.demo) {
          return { reference: loaded, roles, demoCreated: null };
        }
        const demo = await seedDemoData(db);
        if (demo.created) {
          writeLine(io.stderr, `Demo logins (password for all: ${DEMO_PASSWORD}):`);
          for (const l of demo.logins) {
            writeLine(io.stderr, `  ${l.username.padEnd(16)} ${l.role.padEnd(24)} ${l.country}`);
          }
        }
        return { reference: loaded, roles, demoCreated: demo.created };
      });
      writeLine(
        io.stderr,
        `Reference data: ${summary.reference.length ? `loaded ${summary.reference.join(', ')}` : 'up to date'}. ` +
          `Built-in roles: ${summary.roles.length ? `added ${summary.roles.length}` : 'up to date'}.` +
          (summary.demoCreated === null
            ? ''
            : ` Demo data: ${summary.demoCreated ? 'created' : 'already present'}.`),
      );
      writeLine(io.stdout, JSON.stringify(summary));
    });
}
