import { writeFile } from 'node:fs/promises';
import { CONSENT_PURPOSES, type ConsentPurpose } from '@ctip/domain';
import { CASE_FILE_FORMATS, type CaseFileFormat, exportCases } from '@ctip/services';
import { type Command, Option } from 'commander';
import {
  CliError,
  type CliIo,
  type DatabaseOptions,
  withDatabase,
  withDatabaseOption,
  writeLine,
} from '../context';
import { startProgress } from '../progress';
import { cliCaseContext } from './cases-import';

type ExportOptions = DatabaseOptions & {
  format: CaseFileFormat;
  out?: string;
  as: string;
  purpose?: ConsentPurpose;
  includePersonal?: boolean;
};

/**
 * `ctip cases export --format csv|xlsx --out cases.csv --as <username>`: the cases that user may
 * export, pseudonymous unless `--include-personal --purpose <p>` (then only cases with a covering
 * consent). Without `--out`, a CSV goes to stdout. The summary goes to stderr.
 * @param cases - the `cases` command
 * @param io - streams, configuration and injected database
 */
export function registerCasesExport(cases: Command, io: CliIo): void {
  withDatabaseOption(cases.command('export'))
    .description('export cases as an HTCDS CSV or XLSX file')
    .requiredOption('--as <username>', 'the user exporting (their scope and permissions)')
    .addOption(
      new Option('--format <format>', 'csv or xlsx').choices(CASE_FILE_FORMATS).default('csv'),
    )
    .option('--out <path>', 'write the file here (default: stdout, CSV only)')
    .addOption(
      new Option('--purpose <purpose>', 'consent purpose for personal fields').choices(
        CONSENT_PURPOSES,
      ),
    )
    .option('--include-personal', 'add names, birth date, document and contact (needs consent)')
    .action(async (options: ExportOptions) => {
      if (!options.out && options.format !== 'csv') {
        throw new CliError('--out is required for xlsx', 2);
      }
      const file = await withDatabase(io, options, async ({ db }) => {
        const { ctx, auth } = await cliCaseContext(io, db, options.as);
        const progress = startProgress(io.stderr, 'Exporting', 1);
        try {
          return await exportCases({
            ctx,
            auth,
            query: {
              format: options.format,
              includePersonal: options.includePersonal ?? false,
              ...(options.purpose ? { purpose: options.purpose } : {}),
            },
          });
        } finally {
          progress.update(1, 1);
          progress.stop();
        }
      });
      if (options.out) {
        await writeFile(options.out, file.body, { mode: 0o600 });
      } else {
        io.stdout.write(file.body.toString('utf8'));
      }
      writeLine(
        io.stderr,
        `Exported ${file.exported} cases${file.leftOutNote ? `; ${file.leftOutNote}` : ''}.`,
      );
    });
}
