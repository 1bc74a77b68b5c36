import { createDb, type DbHandle, type DbTarget, parseDatabaseUrl } from '@ctip/db';
import type { AppConfig } from '@ctip/server';
import { type Command, InvalidArgumentError } from 'commander';

/** Somewhere the CLI writes text: process.stdout/stderr, or a buffer in tests. */
export type Output = { write: (chunk: string) => unknown; isTTY?: boolean };

/** Where the CLI reads piped input (passwords with --password-stdin). */
export type Input = NodeJS.ReadableStream & {
  isTTY?: boolean;
  setRawMode?: (raw: boolean) => void;
};

/**
 * What `main` runs against. `bin.ts` passes the process streams and the configuration parsed from the
 * environment; tests pass buffers and an open database.
 */
export type CliIo = {
  stdout: Output;
  stderr: Output;
  /** Default: process.stdin. */
  stdin?: Input;
  /**
   * An open database to use when no `--database-url` is given. The CLI never closes it (the caller
   * owns it). Tests pass a handle from `createTestDb`.
   */
  db?: DbHandle;
  /** Configuration parsed once from the environment (DATABASE_URL …); absent in tests. */
  config?: AppConfig;
};

/** An error with a message for the user and an exit code (1 error, 2 usage). */
export class CliError extends Error {
  readonly exitCode: number;

  constructor(message: string, exitCode = 1) {
    super(message);
    this.name = 'CliError';
    this.exitCode = exitCode;
  }
}

/** Options every database command accepts. */
export type DatabaseOptions = { databaseUrl?: DbTarget };

/**
 * Parse a `--database-url` value into a target.
 * @throws InvalidArgumentError (a usage error, exit 2) for any other form
 */
export function parseDatabaseOption(value: string): DbTarget {
  try {
    return parseDatabaseUrl(value);
  } catch (err) {
    throw new InvalidArgumentError((err as Error).message.replace('DATABASE_URL', 'the URL'));
  }
}

/**
 * Add the shared `--database-url` option to a command (STYLE §9: shared options from one factory).
 * @returns the same command, for chaining
 */
export function withDatabaseOption(command: Command): Command {
  return command.option(
    '--database-url <url>',
    'postgres://…, pglite:<dir> or pglite:memory (default: DATABASE_URL)',
    parseDatabaseOption,
  );
}

/**
 * Run `fn` against the database chosen by, in order: `--database-url`, the handle injected by the
 * caller, the configured DATABASE_URL. A database opened here is closed afterwards.
 * @throws CliError when no database is known
 */
export async function withDatabase<T>(
  io: CliIo,
  options: DatabaseOptions,
  fn: (handle: DbHandle) => Promise<T>,
): Promise<T> {
  if (!options.databaseUrl && io.db) {
    return fn(io.db);
  }
  const target = options.databaseUrl ?? io.config?.db;
  if (!target) {
    throw new CliError('No database: set DATABASE_URL or pass --database-url');
  }
  const handle = await createDb(target);
  try {
    return await fn(handle);
  } finally {
    await handle.close();
  }
}

/** Write one line to an output. */
export function writeLine(out: Output, line = ''): void {
  out.write(`${line}\n`);
}

/** Parse a positive integer option value. @throws InvalidArgumentError */
export function parsePositiveInt(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) {
    throw new InvalidArgumentError('must be a positive integer');
  }
  return n;
}
