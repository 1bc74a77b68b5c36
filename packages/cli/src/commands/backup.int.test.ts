import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DbHandle } from '@ctip/db';
import { loadTestConfig } from '@ctip/server';
import {
  createAgency,
  createUser,
  DEMO_PASSWORD,
  findUsers,
  loadActor,
  login,
  seedDemoData,
  setUserDisabled,
  systemMeta,
} from '@ctip/services';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, DB_TARGETS, type Engine } from '../../../../test/db';
import { generateBenchData } from '../bench/generate';
import { createBlankDb, runCli, snapshotDb } from '../test-helpers';

const dir = mkdtempSync(join(tmpdir(), 'ctip-backup-'));

/** A node with history: demo data, then changes made through the use cases and the CLI. */
async function buildNode(engine: Engine): Promise<DbHandle> {
  const handle = await createTestDb(engine);
  await seedDemoData(handle.db);
  const ctx = { db: handle.db, config: loadTestConfig().services, now: () => new Date() };
  const admin = await handle.db
    .selectFrom('app_user')
    .select('id')
    .where('username', '=', 'admin')
    .executeTakeFirstOrThrow();
  const actor = await loadActor(handle.db, admin.id);
  if (!actor) {
    throw new Error('no admin actor');
  }
  const auth = { actor, sessionId: 'test', meta: systemMeta('test') };
  // First, an administrator registers a ministry and a provincial office under it.
  const ministry = await createAgency({
    ctx,
    auth,
    input: {
      name: 'Ministry of Interior',
      shortName: 'MoI',
      type: 'government',
      countryCode: 'KH',
    },
  });
  const office = await createAgency({
    ctx,
    auth,
    input: {
      name: 'MoI Provincial Office, Koh Kong',
      type: 'government',
      countryCode: 'KH',
      parentId: ministry.id,
    },
  });
  // Then creates and later disables a user there, and searches the user list.
  const role = await handle.db
    .selectFrom('role')
    .select('id')
    .where('key', '=', 'case_worker')
    .executeTakeFirstOrThrow();
  const user = await createUser({
    ctx,
    auth,
    input: {
      username: 'kh.dara',
      displayName: 'ដារា កែវ (Dara Keo)',
      agencyId: office.id,
      roleIds: [role.id],
      password: 'a long enough password',
      locale: 'km',
    },
  });
  await setUserDisabled({ ctx, auth, id: user.id, disabled: true });
  await findUsers({ ctx, auth, query: { page: 1, pageSize: 25, q: 'dara' } });
  // Logins, one failed, leave sessions, counters and events behind.
  await login({
    ctx,
    input: { username: 'admin', password: DEMO_PASSWORD },
    meta: systemMeta('t'),
  });
  await expect(
    login({ ctx, input: { username: 'th.police', password: 'wrong' }, meta: systemMeta('t') }),
  ).rejects.toThrow();
  // Finally, a user is added from the command line.
  const added = await runCli(
    [
      'users',
      'add',
      '--username',
      'th.cli',
      '--display-name',
      'Added By CLI',
      '--agency',
      'DATIP',
      '--role',
      'researcher',
      '--password-stdin',
    ],
    { db: handle, stdin: 'another long password\n' },
  );
  expect(added.code).toBe(0);
  return handle;
}

async function auditHead(handle: DbHandle) {
  return handle.db.selectFrom('audit_head').selectAll().executeTakeFirstOrThrow();
}

const sources = new Map<Engine, { handle: DbHandle; file: string }>();

beforeAll(async () => {
  for (const engine of DB_TARGETS) {
    const handle = await buildNode(engine);
    const file = join(dir, `${engine}.ctip.ndjson.gz`);
    const run = await runCli(['backup', '--out', file], { db: handle });
    expect(run.code).toBe(0);
    sources.set(engine, { handle, file });
  }
}, 120_000);

afterAll(async () => {
  for (const { handle } of sources.values()) {
    await handle.close();
  }
  rmSync(dir, { recursive: true, force: true });
});

describe('ctip backup', () => {
  it('prints the row count of every table', async () => {
    const { file } = sources.get('pglite') as { file: string };
    expect(file).toMatch(/pglite/);
    const run = await runCli(['backup', '--out', join(dir, 'again.gz')], {
      db: sources.get('pglite')?.handle as DbHandle,
    });
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^table\s+\|\s+rows$/m);
    expect(run.stdout).toMatch(/^app_user\s+\|\s+17$/m);
    expect(run.stdout).toMatch(/^country\s+\|\s+\d+$/m);
    expect(run.stderr).toMatch(/Backup written to/);
  });
});

for (const from of DB_TARGETS) {
  for (const to of DB_TARGETS) {
    describe(`${from} → ${to}: ctip restore`, () => {
      it('restores a node equal to the original: same rows, same audit chain', async () => {
        const source = sources.get(from) as { handle: DbHandle; file: string };
        const target = await createBlankDb(to);
        try {
          const run = await runCli(['restore', '--in', source.file], { db: target });
          expect(run.stderr).toMatch(/Restored \d+ rows/);
          expect(run.code).toBe(0);
          const original = await snapshotDb(source.handle);
          expect(Object.keys(original)).toEqual(
            expect.arrayContaining(['agency', 'app_user', 'audit_event', 'audit_head', 'session']),
          );
          expect(original.agency?.length).toBeGreaterThan(15);
          const restored = await snapshotDb(target);
          expect(restored).toEqual(original);
          expect(await auditHead(target)).toEqual(await auditHead(source.handle));

          const events = original.audit_event?.length ?? 0;
          expect(events).toBeGreaterThan(5);
          expect(run.stdout).toMatch(new RegExp(`^audit: OK: ${events} events$`, 'm'));
          const verify = await runCli(['audit', 'verify'], { db: target });
          expect(verify).toMatchObject({ code: 0, stdout: `OK: ${events} events\n` });
        } finally {
          await target.close();
        }
      });

      it('round-trips every column type exactly, self-references and sequences too', async () => {
        // A table the migrations do not have, created on both sides: the backup is generic.
        const ddl = sql`create table zz_types (
          id int generated always as identity primary key,
          parent int references zz_types(id),
          b bytea, n numeric, f float8, r real, a text[], ts timestamptz, d date, iv interval,
          j jsonb, js json, u uuid, t text, big bigint, ch char(3), bo boolean)`;
        const source = await createBlankDb(from);
        const target = await createBlankDb(to);
        try {
          await ddl.execute(source.db);
          await ddl.execute(target.db);
          await sql`insert into zz_types overriding system value values
            (1, 3, '\\x00ff10', 12345678901234567890.123456789, 0.1 + 0.2, 1.1,
             '{a,"b c",NULL}', '2026-01-02 03:04:05.123456+07', '1999-12-31',
             '1 year 2 mons 3 days 04:05:06.789', '{"b": 1, "a": [1, 2, {"x": null}]}',
             '{"dup": 1, "dup": 2}', '6f1c1f7e-3c1a-4a8e-9b43-0a4c2d1e5f60',
             E'ស្វាគមន៍ 🎉 "quotes" \\n new line \\\\ backslash', 9007199254740993, 'ab', true),
            (3, null, null, null, 'NaN', '-Infinity', '{}', 'infinity', null, null, 'null',
             '[]', null, '', -9223372036854775808, null, false)`.execute(source.db);
          await sql`select setval('zz_types_id_seq', 41)`.execute(source.db);
          // A table without a primary key is paged by ctid.
          for (const db of [source.db, target.db]) {
            await sql`create table zz_nopk (v text, n int)`.execute(db);
          }
          await sql`insert into zz_nopk values ('x', 1), ('x', 1), (null, 2)`.execute(source.db);
          const file = join(dir, `types-${from}-${to}.gz`);
          expect((await runCli(['backup', '--out', file], { db: source })).code).toBe(0);
          const run = await runCli(['restore', '--in', file], { db: target });
          expect(run.stderr).toMatch(/Restored 6 rows/);
          expect(run.code).toBe(0);
          expect(await snapshotDb(target)).toEqual(await snapshotDb(source));
          const next = sql<{ id: number }>`insert into zz_types default values returning id`;
          expect((await next.execute(target.db)).rows).toEqual([{ id: 42 }]);
        } finally {
          await source.close();
          await target.close();
        }
      });
    });
  }
}

const PAIRS: [Engine, Engine][] =
  DB_TARGETS.length > 1
    ? [
        ['pglite', 'postgres'],
        ['postgres', 'pglite'],
      ]
    : [['pglite', 'pglite']];

for (const [from, to] of PAIRS) {
  describe(`${from} → ${to}: ctip backup and restore of larger tables`, () => {
    it('pages through tables of several batches, composite keys included', async () => {
      // 2,500 generated users: app_user, user_role (composite key) and audit_event each span two
      // backup batches of 2,000 rows and several insert batches.
      const source = await createTestDb(from);
      const target = await createBlankDb(to);
      try {
        await seedDemoData(source.db);
        await generateBenchData(source.db, 2500);
        const file = join(dir, `large-${from}-${to}.gz`);
        expect((await runCli(['backup', '--out', file], { db: source })).code).toBe(0);
        const run = await runCli(['restore', '--in', file], { db: target });
        expect(run.code).toBe(0);
        expect(run.stdout).toMatch(/^audit: OK: 2500 events$/m);
        const restored = await snapshotDb(target);
        expect(restored.user_role).toHaveLength(2515);
        expect(restored).toEqual(await snapshotDb(source));
      } finally {
        await source.close();
        await target.close();
      }
    }, 120_000);
  });
}
