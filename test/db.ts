/**
 * Test databases on both engines. Every database test loops over DB_TARGETS:
 *   for (const engine of DB_TARGETS) describe(`${engine}: …`, () => { … })
 * Each call to createTestDb gives a fresh, migrated database with reference data.
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createDb, type DbHandle } from '@ctip/db';
import pg from 'pg';
import { inject } from 'vitest';

export type Engine = 'pglite' | 'postgres';

const TMP = join(import.meta.dirname, '..', '.tmp');
const adminUrl = inject('postgresAdminUrl');
const templateDb = inject('postgresTemplateDb');

/** The engines this run tests on: PGlite always, PostgreSQL when reachable. */
export const DB_TARGETS: Engine[] = adminUrl ? ['pglite', 'postgres'] : ['pglite'];

function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

/** A fresh database cloned from the run's template; `close()` also drops it (PostgreSQL). */
export async function createTestDb(engine: Engine): Promise<DbHandle> {
  if (engine === 'pglite') {
    const dump = readFileSync(join(TMP, 'pglite-template.tar.gz'));
    return createDb({ kind: 'pglite', loadDataDir: new Blob([dump]) });
  }
  const name = `ctip_t_${randomUUID().replaceAll('-', '')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name} TEMPLATE ${templateDb}`);
  } finally {
    await admin.end();
  }
  const handle = await createDb({
    kind: 'postgres',
    url: withDatabase(adminUrl, name),
    poolSize: 5,
  });
  return {
    ...handle,
    close: async () => {
      await handle.close();
      const a = new pg.Client({ connectionString: adminUrl });
      await a.connect();
      await a.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await a.end();
    },
  };
}
