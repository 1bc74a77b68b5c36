import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import type { Database, DbHandle } from '@ctip/db';
import { type Kysely, sql } from 'kysely';
import {
  BACKUP_FORMAT,
  BACKUP_VERSION,
  type BackupHeader,
  type BackupRow,
  type BackupTrailer,
} from './format';
import {
  loadAppliedMigrations,
  loadSequences,
  loadTables,
  setPortableTextFormat,
  type TableInfo,
} from './schema';

const BATCH_ROWS = 2000;

/** What a backup wrote. */
export type BackupSummary = {
  path: string;
  tables: { name: string; rows: number }[];
  rows: number;
};

/**
 * Read one table in primary-key order, in batches (keyset pagination: no cursors or streams, which
 * behave differently on PGlite). A table without a primary key is paged by `ctid`, stable within the
 * backup's snapshot.
 */
async function* tableRows(trx: Kysely<Database>, table: TableInfo): AsyncGenerator<BackupRow[]> {
  const keyColumns = table.primaryKey.length > 0 ? table.primaryKey : ['ctid'];
  const types = new Map(table.columns.map((c) => [c.name, c.type]));
  const keyTypes = keyColumns.map((k) => sql.raw(k === 'ctid' ? 'tid' : (types.get(k) ?? 'text')));
  const select = sql.join([
    ...table.columns.map((c) => sql`${sql.id('t', c.name)}::text as ${sql.id(c.name)}`),
    ...keyColumns.map((k, i) => sql`${sql.id('t', k)}::text as ${sql.id(`__key${i}`)}`),
  ]);
  // Qualified: a bare name in ORDER BY would mean the output column, which is the text form.
  const keyList = sql.join(keyColumns.map((k) => sql.id('t', k)));
  let last: (string | null)[] | null = null;
  for (;;) {
    const lastKey = last && sql.join(last.map((v, i) => sql`${v}::text::${keyTypes[i]}`));
    const after = lastKey ? sql`where (${keyList}) > (${lastKey})` : sql``;
    const result = await sql<Record<string, string | null>>`
      select ${select} from ${sql.id(table.name)} as t ${after}
      order by ${keyList} limit ${sql.lit(BATCH_ROWS)}`.execute(trx);
    const rows = result.rows;
    if (rows.length === 0) {
      return;
    }
    yield rows.map((r) => table.columns.map((c) => r[c.name] ?? null));
    if (rows.length < BATCH_ROWS) {
      return;
    }
    const tail = rows[rows.length - 1] as Record<string, string | null>;
    last = keyColumns.map((_, i) => tail[`__key${i}`] ?? null);
  }
}

/**
 * Write a logical backup of every table to `path` (gzipped NDJSON, see format.ts) from one
 * consistent snapshot. The file appears only when complete: it is written under a temporary name
 * and renamed at the end.
 * @param handle - the database to read
 * @param path - the file to create (replaced if present)
 * @param onProgress - called with (rows written, total rows)
 * @returns the tables and row counts written
 */
export async function writeBackup(
  handle: DbHandle,
  path: string,
  onProgress: (done: number, total: number) => void = () => {},
): Promise<BackupSummary> {
  const partial = `${path}.partial-${process.pid}`;
  const gzip = createGzip();
  const done = pipeline(gzip, createWriteStream(partial));
  // Awaited below; a write error also fails the pending `drain` wait, so it surfaces there first.
  done.catch(() => {});
  const write = async (value: unknown) => {
    if (!gzip.write(`${JSON.stringify(value)}\n`)) {
      await once(gzip, 'drain');
    }
  };
  try {
    const summary = await handle.db
      .transaction()
      .setIsolationLevel('repeatable read')
      .execute(async (trx) => {
        await setPortableTextFormat(trx);
        const tables = await loadTables(trx);
        const counts = new Map<string, number>();
        for (const t of tables) {
          const r = await sql<{ n: number }>`select count(*) as n from ${sql.id(t.name)}`.execute(
            trx,
          );
          counts.set(t.name, Number(r.rows[0]?.n ?? 0));
        }
        const version = await sql<{
          v: string;
        }>`select current_setting('server_version') as v`.execute(trx);
        const header: BackupHeader = {
          format: BACKUP_FORMAT,
          version: BACKUP_VERSION,
          createdAt: new Date().toISOString(),
          source: { engine: handle.target.kind, serverVersion: version.rows[0]?.v ?? '' },
          migrations: await loadAppliedMigrations(trx),
          tables: tables.map((t) => ({
            name: t.name,
            columns: t.columns.map((c) => ({ name: c.name, type: c.type })),
            rows: counts.get(t.name) ?? 0,
          })),
          sequences: await loadSequences(trx),
        };
        await write(header);
        const total = header.tables.reduce((sum, t) => sum + t.rows, 0);
        let written = 0;
        onProgress(0, total);
        for (const table of tables) {
          await write({ table: table.name });
          for await (const batch of tableRows(trx, table)) {
            for (const row of batch) {
              await write(row);
            }
            written += batch.length;
            onProgress(written, total);
          }
        }
        const trailer: BackupTrailer = { end: true, rows: written };
        await write(trailer);
        return {
          path,
          tables: header.tables.map((t) => ({ name: t.name, rows: t.rows })),
          rows: written,
        };
      });
    gzip.end();
    await done;
    await rename(partial, path);
    return summary;
  } catch (err) {
    gzip.destroy();
    await done.catch(() => {});
    await rm(partial, { force: true }).catch(() => {});
    throw err;
  }
}
