import { verifyAuditChain } from '@ctip/services';
import type { Command } from 'commander';
import {
  CliError,
  type CliIo,
  type DatabaseOptions,
  withDatabase,
  withDatabaseOption,
  writeLine,
} from '../context';
import { startProgress } from '../progress';

/**
 * One line for a verification result: `OK: N events` or `BROKEN at seq N: reason`.
 * @param result - from verifyAuditChain
 */
export function formatVerifyResult(result: {
  ok: boolean;
  checked: number;
  firstBrokenSeq: number | null;
  reason: string | null;
}): string {
  return result.ok
    ? `OK: ${result.checked} events`
    : `BROKEN at seq ${result.firstBrokenSeq}: ${result.reason}`;
}

/**
 * `ctip audit verify`: recompute the whole hash chain (progress bar on a terminal). Prints
 * `OK: N events`, or `BROKEN at seq N: reason` and exits 1. Read-only: verifying writes nothing.
 * @param program - the root command
 * @param io - streams and injected database
 */
export function registerAuditCommands(program: Command, io: CliIo): void {
  const audit = program.command('audit').description('audit trail');
  withDatabaseOption(audit.command('verify'))
    .description('verify the hash chain of the audit trail')
    .action(async (options: DatabaseOptions) => {
      const result = await withDatabase(io, options, async ({ db }) => {
        const progress = startProgress(io.stderr, 'Verifying', 0);
        try {
          return await verifyAuditChain(db, (checked, total) => progress.update(checked, total));
        } finally {
          progress.stop();
        }
      });
      writeLine(io.stdout, formatVerifyResult(result));
      if (!result.ok) {
        throw new CliError('the audit chain is broken');
      }
    });
}
