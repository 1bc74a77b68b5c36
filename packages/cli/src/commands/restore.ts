import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { restoreBackup } from '../backup/restore-backup';
import {
  CliError,
  type CliIo,
  type DatabaseOptions,
  withDatabase,
  withDatabaseOption,
  writeLine,
} from '../context';
import { startProgress } from '../progress';
import { formatVerifyResult } from './audit-verify';
import { rowCountTable } from './backup';

/**
 * `ctip restore --in <file> [--force]`: load a backup into an empty, migrated database in one
 * transaction, then verify the audit chain. Exits 1 if the restored chain is broken.
 * @param program - the root command
 * @param io - streams and injected database
 */
export function registerRestore(program: Command, io: CliIo): void {
  withDatabaseOption(program.command('restore'))
    .description('restore a backup into an empty, migrated database (all or nothing)')
    .requiredOption('--in <file>', 'backup file written by `ctip backup`')
    .option('--force', 'delete every row of the target database first')
    .action(async (options: DatabaseOptions & { in: string; force?: boolean }) => {
      const path = resolve(options.in);
      if (!existsSync(path)) {
        throw new CliError(`No such file: ${path}`);
      }
      const summary = await withDatabase(io, options, async (handle) => {
        const progress = startProgress(io.stderr, 'Restoring', 0);
        try {
          return await restoreBackup(handle, path, {
            force: Boolean(options.force),
            onProgress: (done, total) => progress.update(done, total),
          });
        } finally {
          progress.stop();
        }
      });
      io.stdout.write(rowCountTable(summary.tables));
      writeLine(io.stdout, `audit: ${formatVerifyResult(summary.audit)}`);
      writeLine(
        io.stderr,
        `Restored ${summary.rows} rows from a backup of ${summary.header.createdAt} ` +
          `(${summary.header.source.engine}).`,
      );
      if (!summary.audit.ok) {
        throw new CliError('the restored audit chain is broken (the data was restored)');
      }
    });
}
