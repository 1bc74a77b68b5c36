import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { Kysely, PGliteDialect, PostgresDialect } from 'kysely';
import pg from 'pg';
import type { Database } from './tables/database';

/** Where the data lives. Nothing outside this file knows which engine runs. */
export type DbTarget =
  | { kind: 'postgres'; url: string; poolSize?: number }
  | { kind: 'pglite'; dataDir?: string; loadDataDir?: Blob };

export type Db = Kysely<Database>;

/** A connected database with the handle to close it. */
export type DbHandle = {
  db: Db;
  target: DbTarget;
  close: () => Promise<void>;
  /** PGlite only: a gzipped tarball of the data directory (used to clone test databases quickly). */
  dumpDataDir?: () => Promise<Blob>;
};

const INT8_OID = 20;
const NUMERIC_OID = 1700;
const DATE_OID = 1082;

// Same result types on both engines: int8 and numeric as JS numbers (counts and ids stay < 2^53).
pg.types.setTypeParser(INT8_OID, (v: string) => Number(v));
pg.types.setTypeParser(NUMERIC_OID, (v: string) => Number(v));
// Calendar dates stay ISO strings (`YYYY-MM-DD`): a Date would shift them by the server's zone.
pg.types.setTypeParser(DATE_OID, (v: string) => v);

/**
 * Parse a DATABASE_URL: `postgres://…` / `postgresql://…`, `pglite:memory`, or `pglite:<dir>`.
 * @throws Error when the URL has neither form.
 */
export function parseDatabaseUrl(url: string): DbTarget {
  if (url.startsWith('postgres://') || url.startsWith('postgresql://')) {
    return { kind: 'postgres', url };
  }
  if (url === 'pglite:memory' || url === 'pglite:') {
    return { kind: 'pglite' };
  }
  if (url.startsWith('pglite:')) {
    return { kind: 'pglite', dataDir: url.slice('pglite:'.length) };
  }
  throw new Error('DATABASE_URL must start with postgres://, postgresql:// or pglite:');
}

/** Open a database. For a PGlite directory, the directory is created if absent. */
export async function createDb(target: DbTarget): Promise<DbHandle> {
  if (target.kind === 'postgres') {
    const pool = new pg.Pool({ connectionString: target.url, max: target.poolSize ?? 10 });
    // An idle client whose server connection drops (restart, terminate) emits 'error' on the pool;
    // without a listener that would crash the process. The pool discards the client by itself.
    pool.on('error', () => {});
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    return { db, target, close: () => db.destroy() };
  }
  if (target.dataDir) {
    mkdirSync(target.dataDir, { recursive: true });
  }
  const pglite = await PGlite.create({
    ...(target.dataDir ? { dataDir: target.dataDir } : {}),
    ...(target.loadDataDir ? { loadDataDir: target.loadDataDir } : {}),
    parsers: {
      [INT8_OID]: (v: string) => Number(v),
      [NUMERIC_OID]: (v: string) => Number(v),
      [DATE_OID]: (v: string) => v,
    },
  });
  const db = new Kysely<Database>({ dialect: new PGliteDialect({ pglite }) });
  return {
    db,
    target,
    close: async () => {
      await db.destroy();
      if (!pglite.closed) {
        await pglite.close();
      }
    },
    dumpDataDir: () => pglite.dumpDataDir('gzip'),
  };
}
