import type { Database, DbHandle } from '@ctip/db';
import { type AuditVerifyResult, verifyAuditChain } from '@ctip/services';
import { type Kysely, sql } from 'kysely';
import { CliError } from '../context';
import { type BackupHeader, parseHeader, readGzipLines } from './format';
import { loadSections } from './load-rows';
import {
  loadAppliedMigrations,
  loadSequences,
  loadTables,
  setPortableTextFormat,
  type TableInfo,
} from './schema';

/**
 * Rows the migrations themselves insert. A table holding only these still counts as empty; they are
 * deleted before the backup's rows are loaded. (The audit chain's head starts at seq 0.)
 */
const MIGRATION_ROWS: Record<string, string> = { audit_head: 'seq = 0' };

/** What a restore did. */
export type RestoreSummary = {
  header: BackupHeader;
  tables: { name: string; rows: number }[];
  rows: number;
  audit: AuditVerifyResult;
};

type Trx = Kysely<Database>;

function sameList(a: string[], b: string[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

/** @throws CliError unless the target has exactly the backup's migrations and tables */
function checkCompatible(header: BackupHeader, migrations: string[], tables: TableInfo[]): void {
  if (!sameList(header.migrations, migrations)) {
    const missing = header.migrations.filter((m) => !migrations.includes(m));
    const extra = migrations.filter((m) => !header.migrations.includes(m));
    throw new CliError(
      'The database schema does not match the backup. ' +
        (missing.length ? `Missing here: ${missing.join(', ')}. ` : '') +
        (extra.length ? `Not in the backup: ${extra.join(', ')}. ` : '') +
        'Restore with the CTIP version that took the backup, into a database migrated to the same point.',
    );
  }
  const names = new Set(tables.map((t) => t.name));
  for (const table of header.tables) {
    const target = tables.find((t) => t.name === table.name);
    if (!target) {
      throw new CliError(`The database has no table ${table.name}, which the backup holds`);
    }
    const want = target.columns.map((c) => c.name).sort();
    const have = table.columns.map((c) => c.name).sort();
    if (!sameList(want, have)) {
      throw new CliError(`Table ${table.name} has other columns here than in the backup`);
    }
    names.delete(table.name);
  }
  if (names.size > 0) {
    throw new CliError(`The backup lacks table(s) ${[...names].join(', ')}`);
  }
}

/** @throws CliError listing the tables that hold data */
async function requireEmpty(trx: Trx, tables: TableInfo[]): Promise<void> {
  const busy: string[] = [];
  for (const t of tables) {
    const seeded = MIGRATION_ROWS[t.name];
    const where = seeded ? sql`where not (${sql.raw(seeded)})` : sql``;
    const r = await sql<{ present: boolean }>`
      select exists (select 1 from ${sql.id(t.name)} ${where}) as present`.execute(trx);
    if (r.rows[0]?.present) {
      busy.push(t.name);
    }
  }
  if (busy.length > 0) {
    throw new CliError(
      `The target database is not empty (data in ${busy.join(', ')}). Restore needs an empty, ` +
        'migrated database (create one and run `ctip migrate`), or pass --force to delete ' +
        'everything in this one first.',
    );
  }
}

/** Put sequences where the source had them. */
async function restoreSequences(trx: Trx, header: BackupHeader): Promise<void> {
  const present = new Set((await loadSequences(trx)).map((s) => s.name));
  for (const s of header.sequences) {
    if (!present.has(s.name)) {
      throw new CliError(`The database has no sequence ${s.name}, which the backup holds`);
    }
    const value = s.lastValue ?? s.startValue;
    await sql`select setval(format('%I', ${s.name}::text)::regclass, ${value}::text::bigint,
      ${s.lastValue !== null})`.execute(trx);
  }
}

/**
 * Restore a backup into an empty, migrated database (or, with `force`, one emptied first), in ONE
 * transaction: any failure, including a damaged or truncated file, leaves the database as it was.
 * Afterwards the audit chain is verified.
 * @param handle - the target database
 * @param path - the backup file
 * @param options.force - delete every row of the target first
 * @param options.onProgress - called with (rows loaded, total rows)
 * @throws CliError (schema mismatch, target not empty), CorruptBackupError, database errors
 */
export async function restoreBackup(
  handle: DbHandle,
  path: string,
  options: { force?: boolean; onProgress?: (done: number, total: number) => void } = {},
): Promise<RestoreSummary> {
  const lines = readGzipLines(path)[Symbol.asyncIterator]();
  try {
    const first = await lines.next();
    const header = parseHeader(first.done ? undefined : first.value);
    const total = header.tables.reduce((sum, t) => sum + t.rows, 0);
    const rows = await handle.db.transaction().execute(async (trx) => {
      await setPortableTextFormat(trx);
      const tables = await loadTables(trx);
      checkCompatible(header, await loadAppliedMigrations(trx), tables);
      // Nobody else writes while the emptiness check holds and the rows load.
      const all = sql.join(tables.map((t) => sql.id(t.name)));
      await sql`lock table ${all} in access exclusive mode`.execute(trx);
      if (options.force) {
        await sql`truncate table ${all}`.execute(trx);
      } else {
        await requireEmpty(trx, tables);
        for (const [name, where] of Object.entries(MIGRATION_ROWS)) {
          if (tables.some((t) => t.name === name)) {
            await sql`delete from ${sql.id(name)} where ${sql.raw(where)}`.execute(trx);
          }
        }
      }
      let loaded = 0;
      options.onProgress?.(0, total);
      const count = await loadSections(trx, lines, header, tables, (n) => {
        loaded += n;
        options.onProgress?.(loaded, total);
      });
      await restoreSequences(trx, header);
      return count;
    });
    const audit = await verifyAuditChain(handle.db);
    return {
      header,
      tables: header.tables.map((t) => ({ name: t.name, rows: t.rows })),
      rows,
      audit,
    };
  } finally {
    await lines.return?.(undefined);
  }
}
