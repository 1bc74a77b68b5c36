/**
 * Helpers for the CLI's integration tests: run `main` with captured output and an injected database,
 * open blank databases (not even migrated) on either engine, and snapshot a whole database.
 */
import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import { createDb, type DbHandle, migrateToLatest } from '@ctip/db';
import { sql } from 'kysely';
import { inject } from 'vitest';
import type { Engine } from '../../../test/db';
import { loadTables } from './backup/schema';
import { dropDatabase } from './bench/scratch-db';
import type { Input } from './context';
import { main } from './index';

/** What a CLI run printed and returned. */
export type CliRun = { code: number; stdout: string; stderr: string };

/**
 * Run `ctip <args>` in-process.
 * @param args - arguments after the program name
 * @param options.db - the database commands use when no --database-url is given
 * @param options.stdin - text piped on stdin (not a terminal)
 */
export async function runCli(
  args: string[],
  options: { db?: DbHandle; stdin?: string } = {},
): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const stdin = Readable.from(options.stdin === undefined ? [] : [options.stdin]) as Input;
  const code = await main(['node', 'ctip', ...args], {
    stdout: { write: (s: string) => (stdout += s) },
    stderr: { write: (s: string) => (stderr += s) },
    stdin,
    ...(options.db ? { db: options.db } : {}),
  });
  return { code, stdout, stderr };
}

/**
 * A new, empty database on `engine`: no tables at all unless `migrate` (then only what the
 * migrations create, and no reference data). `close()` also drops it on PostgreSQL.
 */
export async function createBlankDb(engine: Engine, migrate = true): Promise<DbHandle> {
  let handle: DbHandle;
  if (engine === 'pglite') {
    handle = await createDb({ kind: 'pglite' });
  } else {
    const adminUrl = inject('postgresAdminUrl');
    const name = `ctip_t_${randomUUID().replaceAll('-', '')}`;
    const admin = await createDb({ kind: 'postgres', url: adminUrl, poolSize: 1 });
    await sql`create database ${sql.id(name)}`.execute(admin.db);
    const url = new URL(adminUrl);
    url.pathname = `/${name}`;
    const inner = await createDb({ kind: 'postgres', url: url.toString(), poolSize: 3 });
    handle = {
      ...inner,
      close: async () => {
        await inner.close();
        await dropDatabase(admin.db, name);
        await admin.close();
      },
    };
  }
  if (migrate) {
    await migrateToLatest(handle.db);
  }
  return handle;
}

/**
 * Every row of every table (migration bookkeeping aside) as canonical JSON text, by primary key, with
 * timestamps in UTC: two databases hold the same data exactly when their snapshots are equal.
 */
export async function snapshotDb(handle: DbHandle): Promise<Record<string, string[]>> {
  return handle.db.transaction().execute(async (trx) => {
    await sql`set local timezone = 'UTC'`.execute(trx);
    const out: Record<string, string[]> = {};
    for (const table of await loadTables(trx)) {
      const order = table.primaryKey.length > 0 ? table.primaryKey : ['ctid'];
      const rows = await sql<{ j: string }>`
        select to_jsonb(t)::text as j from ${sql.id(table.name)} t
        order by ${sql.join(order.map((c) => sql.ref(`t.${c}`)))}`.execute(trx);
      out[table.name] = rows.rows.map((r) => r.j);
    }
    return out;
  });
}

/** Row count of every table (migration bookkeeping aside). */
export async function rowCounts(handle: DbHandle): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const table of await loadTables(handle.db)) {
    const r = await sql<{ n: number }>`select count(*) as n from ${sql.id(table.name)}`.execute(
      handle.db,
    );
    out[table.name] = Number(r.rows[0]?.n);
  }
  return out;
}
