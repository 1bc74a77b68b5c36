import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import type { DbHandle } from '@ctip/db';
import { seedDemoData } from '@ctip/services';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, DB_TARGETS } from '../../../../test/db';
import { createBlankDb, rowCounts, runCli, snapshotDb } from '../test-helpers';

const dir = mkdtempSync(join(tmpdir(), 'ctip-restore-'));
let source: DbHandle;
let good: string;
let lines: string[];

/** Write a variant of the good backup, its lines changed by `edit`. */
function variant(name: string, edit: (lines: string[]) => string[]): string {
  const file = join(dir, name);
  writeFileSync(file, gzipSync(`${edit([...lines]).join('\n')}\n`));
  return file;
}

/** The table counts of a database nothing was restored into. */
async function expectUntouched(target: DbHandle): Promise<void> {
  const counts = await rowCounts(target);
  expect(Object.entries(counts).filter(([, n]) => n > 0)).toEqual([['audit_head', 1]]);
  const head = await target.db.selectFrom('audit_head').select('seq').executeTakeFirstOrThrow();
  expect(head.seq).toBe(0);
}

beforeAll(async () => {
  source = await createTestDb('pglite');
  await seedDemoData(source.db);
  good = join(dir, 'good.ctip.ndjson.gz');
  expect((await runCli(['backup', '--out', good], { db: source })).code).toBe(0);
  lines = gunzipSync(readFileSync(good)).toString('utf8').trimEnd().split('\n');
});

afterAll(async () => {
  await source.close();
  rmSync(dir, { recursive: true, force: true });
});

for (const engine of DB_TARGETS) {
  describe(`${engine}: ctip restore refuses`, () => {
    let target: DbHandle;
    beforeAll(async () => {
      target = await createBlankDb(engine);
    });
    afterAll(async () => {
      await target.close();
    });

    it('a truncated file, and leaves the target empty', async () => {
      const bytes = readFileSync(good);
      const file = join(dir, 'truncated.gz');
      writeFileSync(file, bytes.subarray(0, Math.floor(bytes.length * 0.6)));
      const run = await runCli(['restore', '--in', file], { db: target });
      expect(run.code).toBe(1);
      expect(run.stderr).toMatch(/corrupt backup/);
      await expectUntouched(target);
    });

    it('a file cut at a line boundary (no end marker)', async () => {
      const file = variant('cut.gz', (l) => l.slice(0, l.length - 3));
      const run = await runCli(['restore', '--in', file], { db: target });
      expect(run.code).toBe(1);
      expect(run.stderr).toMatch(/corrupt backup: the file ends/);
      await expectUntouched(target);
    });

    it('damaged bytes', async () => {
      const bytes = Buffer.from(readFileSync(good));
      for (let i = 200; i < bytes.length - 100; i += 997) {
        bytes[i] = (bytes[i] as number) ^ 0xff;
      }
      const file = join(dir, 'damaged.gz');
      writeFileSync(file, bytes);
      const run = await runCli(['restore', '--in', file], { db: target });
      expect(run.code).toBe(1);
      await expectUntouched(target);
    });

    it('a bad value late in the file, rolling back every table loaded before it', async () => {
      // The last row of app_user gets an id that is not a UUID; country, agency … load first.
      const file = variant('bad-value.gz', (l) => {
        const start = l.indexOf(JSON.stringify({ table: 'app_user' }));
        const next = l.findIndex((x, i) => i > start && x.startsWith('{'));
        const row = JSON.parse(l[next - 1] as string) as string[];
        row[0] = 'not-a-uuid';
        l[next - 1] = JSON.stringify(row);
        return l;
      });
      const run = await runCli(['restore', '--in', file], { db: target });
      expect(run.code).toBe(1);
      expect(run.stderr).toMatch(/uuid/i);
      await expectUntouched(target);
    });

    it('a file that is not a ctip backup', async () => {
      const file = join(dir, 'other.gz');
      writeFileSync(file, gzipSync('{"hello": "world"}\n'));
      const run = await runCli(['restore', '--in', file], { db: target });
      expect(run.code).toBe(1);
      expect(run.stderr).toMatch(/not a ctip backup header/);
      const plain = join(dir, 'plain.txt');
      writeFileSync(plain, 'not gzip at all');
      expect((await runCli(['restore', '--in', plain], { db: target })).code).toBe(1);
      expect(
        (await runCli(['restore', '--in', join(dir, 'missing.gz')], { db: target })).stderr,
      ).toMatch(/No such file/);
      await expectUntouched(target);
    });

    it('a database that is not migrated', async () => {
      const blank = await createBlankDb(engine, false);
      try {
        const run = await runCli(['restore', '--in', good], { db: blank });
        expect(run.code).toBe(1);
        expect(run.stderr).toMatch(/the database is not migrated \(run `ctip migrate`\)/);
      } finally {
        await blank.close();
      }
    });

    it('a backup taken at another migration', async () => {
      const file = variant('migrations.gz', (l) => {
        const header = JSON.parse(l[0] as string);
        header.migrations.push('2099_01_01_0000_future');
        l[0] = JSON.stringify(header);
        return l;
      });
      const run = await runCli(['restore', '--in', file], { db: target });
      expect(run.code).toBe(1);
      expect(run.stderr).toMatch(/does not match the backup. Missing here: 2099_01_01_0000_future/);
      await expectUntouched(target);
    });

    it('a database that holds data, unless --force', async () => {
      const busy = await createTestDb(engine);
      try {
        const before = await snapshotDb(busy);
        const run = await runCli(['restore', '--in', good], { db: busy });
        expect(run.code).toBe(1);
        expect(run.stderr).toMatch(
          /target database is not empty \(data in [^)]*\bcountry\b.*--force/,
        );
        expect(await snapshotDb(busy)).toEqual(before);

        const forced = await runCli(['restore', '--in', good, '--force'], { db: busy });
        expect(forced.code).toBe(0);
        expect(await snapshotDb(busy)).toEqual(await snapshotDb(source));
      } finally {
        await busy.close();
      }
    });
  });
}
