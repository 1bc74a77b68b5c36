import { isDomainError } from '@ctip/domain';
import { Command, CommanderError } from 'commander';
import { registerAuditCommands } from './commands/audit-verify';
import { registerBackup } from './commands/backup';
import { registerBench } from './commands/bench';
import { registerCaseCommands } from './commands/cases-import';
import { registerFederationCommands } from './commands/federation';
import { registerMigrate } from './commands/migrate';
import { registerRestore } from './commands/restore';
import { registerSeed } from './commands/seed';
import { registerStatsCommands } from './commands/stats';
import { registerUserCommands } from './commands/users';
import { CliError, type CliIo, writeLine } from './context';
import { registerPlansCommands } from './plans/plans-command';

export type { CliIo, Output } from './context';
export { CliError } from './context';

/** Exit codes: 0 ok, 1 error, 2 usage. */
export const EXIT_OK = 0;
export const EXIT_ERROR = 1;
export const EXIT_USAGE = 2;

/**
 * Build the `ctip` command tree. Settings (exitOverride, output) are set before the commands are
 * added, so every subcommand inherits them.
 * @param io - where output goes and what the commands run against
 */
export function buildProgram(io: CliIo): Command {
  const program = new Command('ctip')
    .description('Mekong CTIP node administration: database, users, audit, backup, benchmark')
    .exitOverride()
    .showHelpAfterError('(run with --help for usage)')
    .configureOutput({
      writeOut: (s) => io.stdout.write(s),
      writeErr: (s) => io.stderr.write(s),
    });
  registerMigrate(program, io);
  registerSeed(program, io);
  registerUserCommands(program, io);
  registerAuditCommands(program, io);
  registerBackup(program, io);
  registerRestore(program, io);
  registerBench(program, io);
  registerCaseCommands(program, io);
  registerFederationCommands(program, io);
  registerStatsCommands(program, io);
  registerPlansCommands(program, io);
  return program;
}

/**
 * Turn any error into a message on stderr and an exit code. Commander has already printed its own
 * (usage) messages.
 * @returns 0 for help/version, 2 for usage errors, the CliError's code, else 1
 */
export function handleError(err: unknown, io: CliIo): number {
  if (err instanceof CommanderError) {
    return err.exitCode === 0 ? EXIT_OK : EXIT_USAGE;
  }
  if (err instanceof CliError) {
    writeLine(io.stderr, `error: ${err.message}`);
    return err.exitCode;
  }
  if (isDomainError(err)) {
    writeLine(io.stderr, `error: ${err.code}: ${err.message}`);
    return EXIT_ERROR;
  }
  writeLine(io.stderr, `error: ${err instanceof Error ? err.message : String(err)}`);
  return EXIT_ERROR;
}

/**
 * Run the CLI. Never calls process.exit: the exit code is returned for `bin.ts` to set.
 * @param argv - node-style: argv[0] the runtime, argv[1] the script, then the arguments
 *   (`['node', 'ctip', 'users', 'list']`)
 * @param io - streams and injected dependencies; default the process streams
 * @returns the exit code
 */
export async function main(
  argv: string[],
  io: CliIo = { stdout: process.stdout, stderr: process.stderr, stdin: process.stdin },
): Promise<number> {
  try {
    await buildProgram(io).parseAsync(argv, { from: 'node' });
    return EXIT_OK;
  } catch (err) {
    return handleError(err, io);
  }
}
