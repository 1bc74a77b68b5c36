import { readFile, writeFile } from 'node:fs/promises';
import { basename } from 'node:path';
import {
  type ColumnMapping,
  ColumnMappingSchema,
  IMPORT_FORMATS,
  type ImportFormat,
} from '@ctip/domain';
import { exportStatValues, importStatFile, loadSavedMapping } from '@ctip/services';
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

type ImportOptions = DatabaseOptions & {
  as: string;
  mapping?: string;
  format?: ImportFormat;
  sheet?: string;
  source?: string;
};
type ExportOptions = DatabaseOptions & {
  as: string;
  format: ImportFormat;
  dataSet?: string;
  dataElement?: string;
  country?: string;
  periodFrom?: string;
  periodTo?: string;
  internal?: boolean;
  out?: string;
};

/**
 * `ctip stats import <file> --as <user> [--mapping <saved name | mapping.json>] [--format]` and
 * `ctip stats export --as <user> --data-set|--data-element … [--out file]`.
 */
export function registerStatsCommands(program: Command, io: CliIo): void {
  const stats = program.command('stats').description('import and export aggregate statistics');
  withDatabaseOption(stats.command('import'))
    .description('import a statistics file (CSV, XLSX, ADX), all values or none')
    .argument('<file>', 'the file')
    .requiredOption('--as <username>', 'the user importing (their scope decides)')
    .option('--mapping <name-or-json>', 'a saved mapping name, or a JSON file of a column mapping')
    .addOption(
      new Option('--format <format>', 'csv, xlsx or adx (default: from the name)').choices(
        IMPORT_FORMATS,
      ),
    )
    .option('--sheet <name>', 'XLSX sheet')
    .option('--source <code>', 'stat_source code recorded on the values')
    .action(async (file: string, options: ImportOptions) => {
      const data = await readFile(file).catch(() => {
        throw new CliError('Cannot read the file');
      });
      const job = await withDatabase(io, options, async ({ db }) => {
        const { ctx, auth } = await cliCaseContext(io, db, options.as);
        let mapping: ColumnMapping | undefined;
        if (options.mapping) {
          if (options.mapping.endsWith('.json')) {
            const text = await readFile(options.mapping, 'utf8').catch(() => {
              throw new CliError('Cannot read the mapping file');
            });
            mapping = ColumnMappingSchema.parse(JSON.parse(text));
          } else {
            mapping = await loadSavedMapping(ctx, options.mapping);
          }
        }
        const progress = startProgress(io.stderr, 'Importing', 0);
        try {
          return await importStatFile({
            ctx,
            auth,
            file: {
              fileName: basename(file),
              data,
              ...(options.format ? { format: options.format } : {}),
              ...(options.sheet ? { sheet: options.sheet } : {}),
            },
            mapping,
            source: options.source,
            onProgress: (j) => progress.update(j.progress.processed, j.progress.total),
          });
        } finally {
          progress.stop();
        }
      });
      writeLine(io.stdout, JSON.stringify(job, null, 2));
      if (job.status !== 'Done') {
        throw new CliError(`${job.errorCount} problems in the file; nothing was imported`);
      }
      writeLine(
        io.stderr,
        `Imported: ${job.inserted} inserted, ${job.updated} updated, ${job.unchanged} unchanged.`,
      );
    });
  withDatabaseOption(stats.command('export'))
    .description('export raw values (long layout), disclosure-controlled unless --internal')
    .requiredOption('--as <username>', 'the user exporting')
    .addOption(
      new Option('--format <format>', 'csv, xlsx or adx').choices(IMPORT_FORMATS).default('csv'),
    )
    .option('--data-set <code>', 'data set')
    .option('--data-element <code>', 'data element')
    .option('--country <code>', 'country')
    .option('--period-from <id>', 'first period')
    .option('--period-to <id>', 'last period')
    .option('--internal', 'unsuppressed internal figures (needs statistic_internal:read)')
    .option('--out <path>', 'write to this file (default: stdout)')
    .action(async (options: ExportOptions) => {
      const file = await withDatabase(io, options, async ({ db }) => {
        const { ctx, auth } = await cliCaseContext(io, db, options.as);
        return exportStatValues({
          ctx,
          auth,
          query: {
            format: options.format,
            ...(options.dataSet ? { dataSet: options.dataSet } : {}),
            ...(options.dataElement ? { dataElement: options.dataElement } : {}),
            ...(options.country ? { country: options.country } : {}),
            ...(options.periodFrom ? { periodFrom: options.periodFrom } : {}),
            ...(options.periodTo ? { periodTo: options.periodTo } : {}),
            internal: options.internal ? 'true' : 'false',
          },
        });
      });
      if (options.out) {
        await writeFile(options.out, file.body);
      } else {
        io.stdout.write(
          file.body.toString(file.mediaType.startsWith('application/vnd') ? 'base64' : 'utf8'),
        );
      }
      writeLine(io.stderr, `Exported ${file.exported} values (${file.suppressed} suppressed).`);
    });
}
