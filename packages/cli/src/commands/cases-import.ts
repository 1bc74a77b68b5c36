import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import type { Db } from '@ctip/db';
import {
  type AuthContext,
  CASE_FILE_FORMATS,
  type CaseFileFormat,
  importCases,
  loadActor,
  type ServiceContext,
  systemMeta,
} from '@ctip/services';
import { type Command, InvalidArgumentError, Option } from 'commander';
import {
  CliError,
  type CliIo,
  type DatabaseOptions,
  withDatabase,
  withDatabaseOption,
  writeLine,
} from '../context';
import { startProgress } from '../progress';
import { CLI_SOURCE } from '../system-audit';
import { registerCasesExport } from './cases-export';

/**
 * The service context and caller of a case command acting as an application user (`--as`): the
 * user's own permissions decide, and the audit trail names them, with `cli` as user agent.
 * @throws CliError for an unknown or disabled user, or without configuration (encryption keys)
 */
export async function cliCaseContext(
  io: CliIo,
  db: Db,
  username: string,
): Promise<{ ctx: ServiceContext; auth: AuthContext }> {
  if (!io.config) {
    throw new CliError('No configuration: the encryption keys come from the environment');
  }
  const user = await db
    .selectFrom('app_user')
    .select('id')
    .where('username', '=', username.trim().toLowerCase())
    .executeTakeFirst();
  const actor = user ? await loadActor(db, user.id) : null;
  if (!actor) {
    throw new CliError(`No active user named '${username}'`);
  }
  return {
    ctx: { db, config: io.config.services, now: () => new Date() },
    auth: { actor, sessionId: CLI_SOURCE, meta: systemMeta(CLI_SOURCE) },
  };
}

/** The file format from `--format` or the file name's extension. */
export function caseFileFormatOf(file: string, format?: CaseFileFormat): CaseFileFormat {
  if (format) {
    return format;
  }
  const ext = extname(file).slice(1).toLowerCase();
  if ((CASE_FILE_FORMATS as readonly string[]).includes(ext)) {
    return ext as CaseFileFormat;
  }
  throw new InvalidArgumentError('cannot tell the format from the file name: pass --format');
}

type ImportOptions = DatabaseOptions & { file: string; as: string; format?: CaseFileFormat };

/**
 * `ctip cases import --file cases.csv|cases.xlsx --as <username>`: import an HTCDS case file as that
 * user (their permissions and agency), all or nothing. Prints the job (with its error report) as
 * JSON on stdout; exits 1 when rows were invalid or the import failed.
 * @param cases - the `cases` command
 * @param io - streams, configuration and injected database
 */
export function registerCasesImport(cases: Command, io: CliIo): void {
  withDatabaseOption(cases.command('import'))
    .description('import an HTCDS case file (CSV or XLSX), all rows or none')
    .requiredOption('--file <path>', 'the CSV or XLSX file')
    .requiredOption('--as <username>', 'the user the cases are created by')
    .addOption(
      new Option('--format <format>', 'csv or xlsx (default: from the file name)').choices(
        CASE_FILE_FORMATS,
      ),
    )
    .action(async (options: ImportOptions) => {
      const format = caseFileFormatOf(options.file, options.format);
      const data = await readFile(options.file).catch(() => {
        throw new CliError('Cannot read the file');
      });
      const job = await withDatabase(io, options, async ({ db }) => {
        const { ctx, auth } = await cliCaseContext(io, db, options.as);
        const progress = startProgress(io.stderr, 'Importing', 0);
        try {
          return await importCases({
            ctx,
            auth,
            file: { format, data },
            onProgress: (p) => progress.update(p.processed, p.total),
          });
        } finally {
          progress.stop();
        }
      });
      writeLine(io.stdout, JSON.stringify(job, null, 2));
      if (job.status !== 'done') {
        throw new CliError(
          job.errorCount > 0
            ? `${job.errorCount} problems in the file; nothing was imported`
            : (job.failure ?? 'the import failed'),
        );
      }
      writeLine(io.stderr, `Imported ${job.inserted} cases.`);
    });
}

/**
 * `ctip cases import|export`: HTCDS case files, run directly on the database as a named user.
 * @param program - the root command
 * @param io - streams, configuration and injected database
 */
export function registerCaseCommands(program: Command, io: CliIo): void {
  const cases = program.command('cases').description('import and export HTCDS case files');
  registerCasesImport(cases, io);
  registerCasesExport(cases, io);
}
