import { createReadStream } from 'node:fs';
import { pipeline } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import { createGunzip } from 'node:zlib';
import type { SequenceInfo } from './schema';

/*
 * A ctip backup is gzipped NDJSON, independent of the engine it was taken on:
 *   line 1        header  {format, version, createdAt, source, migrations, tables, sequences}
 *   per table     {"table": name}, then one JSON array per row: the column values in header order,
 *                 each as PostgreSQL's text form (or null), in primary-key order
 *   last line     trailer {"end": true, "rows": total}
 * Tables come in foreign-key order. Text forms are taken with fixed settings (UTC, ISO dates, hex
 * bytea) and read back through each column type's input function, so every type round-trips exactly.
 */

export const BACKUP_FORMAT = 'ctip-backup';
export const BACKUP_VERSION = 1;

/** A table in the header. */
export type BackupTable = { name: string; columns: { name: string; type: string }[]; rows: number };

/** The first line of a backup. */
export type BackupHeader = {
  format: typeof BACKUP_FORMAT;
  version: typeof BACKUP_VERSION;
  createdAt: string;
  source: { engine: string; serverVersion: string };
  /** Migrations applied on the source, in order; a restore target must have exactly these. */
  migrations: string[];
  tables: BackupTable[];
  sequences: SequenceInfo[];
};

/** The last line of a backup: its absence means the file was cut short. */
export type BackupTrailer = { end: true; rows: number };

/** A row: values in the header's column order. */
export type BackupRow = (string | null)[];

/** An error in the backup file itself (not in the database). */
export class CorruptBackupError extends Error {
  constructor(message: string) {
    super(`corrupt backup: ${message}`);
    this.name = 'CorruptBackupError';
  }
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
const isStringArray = (v: unknown): v is string[] =>
  Array.isArray(v) && v.every((x) => typeof x === 'string');

/**
 * Check the header line.
 * @param line - the first line of the file
 * @throws CorruptBackupError when it is not a ctip backup of a supported version
 */
export function parseHeader(line: string | undefined): BackupHeader {
  let value: unknown;
  try {
    value = JSON.parse(line ?? '');
  } catch {
    throw new CorruptBackupError('the first line is not a ctip backup header');
  }
  if (!isObject(value) || value.format !== BACKUP_FORMAT) {
    throw new CorruptBackupError('the first line is not a ctip backup header');
  }
  if (value.version !== BACKUP_VERSION) {
    throw new CorruptBackupError(
      `format version ${String(value.version)} is not supported (this CLI reads ${BACKUP_VERSION})`,
    );
  }
  const tables = value.tables;
  const tablesOk =
    Array.isArray(tables) &&
    tables.every(
      (t) =>
        isObject(t) &&
        typeof t.name === 'string' &&
        Number.isInteger(t.rows) &&
        Array.isArray(t.columns) &&
        t.columns.every((c) => isObject(c) && typeof c.name === 'string'),
    );
  if (!tablesOk || !isStringArray(value.migrations) || !Array.isArray(value.sequences)) {
    throw new CorruptBackupError('the header is incomplete');
  }
  return value as unknown as BackupHeader;
}

/**
 * The lines of a gzipped file, decoded as UTF-8. A truncated or damaged gzip stream makes the
 * iteration throw.
 * @param path - the gzipped file
 * @throws CorruptBackupError when the file cannot be read or inflated
 */
export async function* readGzipLines(path: string): AsyncGenerator<string> {
  const gunzip = createGunzip();
  pipeline(createReadStream(path), gunzip, () => {});
  const decoder = new StringDecoder('utf8');
  let rest = '';
  try {
    for await (const chunk of gunzip) {
      rest += decoder.write(chunk as Buffer);
      const lines = rest.split('\n');
      rest = lines.pop() ?? '';
      yield* lines;
    }
  } catch (err) {
    throw new CorruptBackupError(`cannot read the file (${(err as Error).message})`);
  } finally {
    gunzip.destroy();
  }
  rest += decoder.end();
  if (rest !== '') {
    yield rest;
  }
}
