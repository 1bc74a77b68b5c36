/**
 * Prepares, once per test run, a migrated database with reference data for each engine:
 * a PGlite data-dir dump that every test file loads, and a PostgreSQL template database that every
 * test file clones (CREATE DATABASE … TEMPLATE). PostgreSQL is used when TEST_DATABASE_URL is set or
 * the local server at 127.0.0.1:5432 answers; TEST_ENGINES=pglite forces PGlite only.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createDb, migrateToLatest, seedReferenceData } from '@ctip/db';
import pg from 'pg';
import type { TestProject } from 'vitest/node';

const TMP = join(import.meta.dirname, '..', '.tmp');
/** Unique per run, so concurrent runs on one server do not drop each other's template. */
const TEMPLATE_DB = `ctip_test_template_${process.pid}_${Date.now().toString(36)}`;

async function postgresAdminUrl(): Promise<string | null> {
  if (process.env.TEST_ENGINES === 'pglite') {
    return null;
  }
  const url = process.env.TEST_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/test';
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.end();
    return url;
  } catch (err) {
    if (process.env.TEST_DATABASE_URL || process.env.CI) {
      throw new Error(
        `PostgreSQL at TEST_DATABASE_URL is not reachable: ${(err as Error).message}`,
      );
    }
    return null;
  }
}

function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  mkdirSync(TMP, { recursive: true });
  // PGlite: migrate and seed once, dump the data dir.
  const lite = await createDb({ kind: 'pglite' });
  await migrateToLatest(lite.db);
  await seedReferenceData(lite.db);
  const dump = await lite.dumpDataDir?.();
  if (dump) {
    writeFileSync(join(TMP, 'pglite-template.tar.gz'), Buffer.from(await dump.arrayBuffer()));
  }
  await lite.close();
  const adminUrl = await postgresAdminUrl();
  if (adminUrl) {
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${TEMPLATE_DB} WITH (FORCE)`);
    await admin.query(`CREATE DATABASE ${TEMPLATE_DB}`);
    await admin.end();
    const tpl = await createDb({
      kind: 'postgres',
      url: withDatabase(adminUrl, TEMPLATE_DB),
      poolSize: 1,
    });
    await migrateToLatest(tpl.db);
    await seedReferenceData(tpl.db);
    await tpl.close();
  }
  project.provide('postgresAdminUrl', adminUrl ?? '');
  project.provide('postgresTemplateDb', adminUrl ? TEMPLATE_DB : '');
  writeFileSync(join(TMP, 'engines.json'), JSON.stringify({ postgres: Boolean(adminUrl) }));
  return async () => {
    if (adminUrl) {
      const admin = new pg.Client({ connectionString: adminUrl });
      await admin.connect();
      await admin.query(`DROP DATABASE IF EXISTS ${TEMPLATE_DB} WITH (FORCE)`);
      await admin.end();
    }
  };
}

declare module 'vitest' {
  export interface ProvidedContext {
    postgresAdminUrl: string;
    postgresTemplateDb: string;
  }
}
