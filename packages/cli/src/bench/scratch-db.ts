import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { createDb, type Db, type DbHandle, type DbTarget } from '@ctip/db';
import { sql } from 'kysely';

/**
 * Drop a database whose pool was just closed. Closing a pool does not wait for its connections to
 * end, and `WITH (FORCE)` would kill one still ending, whose client then raises an error nobody
 * listens to. So wait for them (object_in_use), forcing only as a last resort.
 * @param admin - a connection to another database of the same server
 * @param name - the database to drop
 */
export async function dropDatabase(admin: Db, name: string): Promise<void> {
  for (let attempt = 0; attempt < 50; attempt += 1) {
    try {
      await sql`drop database if exists ${sql.id(name)}`.execute(admin);
      return;
    } catch (err) {
      if ((err as { code?: string }).code !== '55006') {
        throw err;
      }
      await sleep(100);
    }
  }
  await sql`drop database if exists ${sql.id(name)} with (force)`.execute(admin);
}

/** A throw-away database for one benchmark run. */
export type ScratchDb = {
  handle: DbHandle;
  /** Human description: engine and where. */
  description: string;
  /** Close it and, on PostgreSQL, drop it. */
  drop: () => Promise<void>;
};

/**
 * Open a fresh, empty database on the engine of `target`: a new `ctip_bench_<random>` database on
 * the same PostgreSQL server (the URL's database is only used to create and drop it), or an
 * in-memory PGlite (never the configured data directory).
 * @param target - the engine, and for PostgreSQL the server (through any database on it)
 * @param options.poolSize - connections of the PostgreSQL pool (default: the driver's 10)
 */
export async function openScratchDb(
  target: DbTarget,
  options: { poolSize?: number } = {},
): Promise<ScratchDb> {
  if (target.kind === 'pglite') {
    const handle = await createDb({ kind: 'pglite' });
    return { handle, description: 'PGlite (in memory)', drop: () => handle.close() };
  }
  const name = `ctip_bench_${randomBytes(6).toString('hex')}`;
  const admin = await createDb({ kind: 'postgres', url: target.url, poolSize: 1 });
  try {
    await sql`create database ${sql.id(name)}`.execute(admin.db);
  } catch (err) {
    await admin.close();
    throw err;
  }
  const url = new URL(target.url);
  url.pathname = `/${name}`;
  const handle = await createDb({
    kind: 'postgres',
    url: url.toString(),
    ...(options.poolSize ? { poolSize: options.poolSize } : {}),
  });
  const version = await sql<{ v: string }>`select current_setting('server_version') as v`.execute(
    handle.db,
  );
  return {
    handle,
    description: `PostgreSQL ${version.rows[0]?.v ?? ''} at ${url.host} (scratch database ${name})`,
    drop: async () => {
      try {
        await handle.close();
        await dropDatabase(admin.db, name);
      } finally {
        await admin.close();
      }
    },
  };
}
