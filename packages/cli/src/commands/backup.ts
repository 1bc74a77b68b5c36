import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { Command } from 'commander';
import { writeBackup } from '../backup/write-backup';
import {
  CliError,
  type CliIo,
  type DatabaseOptions,
  withDatabase,
  withDatabaseOption,
  writeLine,
} from '../context';
import { formatTable } from '../output';
import { startProgress } from '../progress';

/**
 * Render per-table row counts.
 * @param tables - in the order written
 */
export function rowCountTable(tables: { name: string; rows: number }[]): string {
  const total = tables.reduce((sum, t) => sum + t.rows, 0);
  return formatTable(
    ['table', 'rows'],
    [...tables.map((t) => [t.name, String(t.rows)]), ['(total)', String(total)]],
    ['left', 'right'],
  );
}

/**
 * `ctip backup --out <file>`: a logical, engine-independent backup (gzipped NDJSON) of every table,
 * from one consistent snapshot. Prints row counts per table; progress on a terminal.
 * @param program - the root command
 * @param io - streams and injected database
 */
export function registerBackup(program: Command, io: CliIo): void {
  withDatabaseOption(program.command('backup'))
    .description('write a logical backup of the whole database (restorable on either engine)')
    .requiredOption(
      '--out <file>',
      'file to write (gzipped NDJSON, conventionally .ctip.ndjson.gz)',
    )
    .action(async (options: DatabaseOptions & { out: string }) => {
      const path = resolve(options.out);
      if (!existsSync(dirname(path))) {
        throw new CliError(`No such directory: ${dirname(path)}`);
      }
      const summary = await withDatabase(io, options, async (handle) => {
        const progress = startProgress(io.stderr, 'Backing up', 0);
        try {
          return await writeBackup(handle, path, (done, total) => progress.update(done, total));
        } finally {
          progress.stop();
        }
      });
      io.stdout.write(rowCountTable(summary.tables));
      writeLine(io.stderr, `Backup written to ${path}.`);
    });
}
