import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DbHandle } from '@ctip/db';
import { loadTestConfig } from '@ctip/server';
import { type ImportJob, seedDemoData } from '@ctip/services';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, DB_TARGETS } from '../../../../test/db';
import { main } from '../index';

/** Run `ctip <args>` with the test configuration (encryption keys) and the injected database. */
async function run(handle: DbHandle, args: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await main(['node', 'ctip', ...args], {
    stdout: { write: (s: string) => (stdout += s) },
    stderr: { write: (s: string) => (stderr += s) },
    db: handle,
    config: loadTestConfig(),
  });
  return { code, stdout, stderr };
}

const CSV = [
  'prs_FirstName,prs_SecondName,prs_Gender,prs_Nationality,vic_FormOfExploitation',
  'Sokha,Chan,Female,KH,ForcedLabour',
  'Aung,Kyaw,Male,MM,Begging;ForcedLabour',
  'Lan,Nguyen,Female,VN,SexualExploitation',
].join('\n');

for (const engine of DB_TARGETS) {
  describe(`${engine}: ctip cases import / export`, () => {
    let handle: DbHandle;
    let dir: string;
    beforeAll(async () => {
      handle = await createTestDb(engine);
      await seedDemoData(handle.db);
      dir = mkdtempSync(join(tmpdir(), 'ctip-cases-'));
    });
    afterAll(async () => {
      await handle.close();
      rmSync(dir, { recursive: true, force: true });
    });

    it('imports a CSV as the named user, then exports it as XLSX and CSV', async () => {
      // First, the caseworker's file is imported from the command line.
      const file = join(dir, 'in.csv');
      writeFileSync(file, CSV);
      const imported = await run(handle, [
        'cases',
        'import',
        '--file',
        file,
        '--as',
        'th.caseworker',
      ]);
      expect(imported.code, imported.stderr).toBe(0);
      const job = JSON.parse(imported.stdout) as ImportJob;
      expect(job).toMatchObject({ status: 'done', inserted: 3 });
      const audit = await handle.db
        .selectFrom('audit_event')
        .select(['user_agent', 'details', 'actor_user_id'])
        .where('action', '=', 'case.import')
        .executeTakeFirstOrThrow();
      expect(audit).toMatchObject({ user_agent: 'cli', details: { rows: 3 } });
      expect(audit.actor_user_id).not.toBeNull();

      // Then exported: XLSX to a file, CSV (pseudonymous) to stdout.
      const out = join(dir, 'out.xlsx');
      const xlsx = await run(handle, [
        'cases',
        'export',
        '--format',
        'xlsx',
        '--out',
        out,
        '--as',
        'th.caseworker',
      ]);
      expect(xlsx.code, xlsx.stderr).toBe(0);
      expect(xlsx.stderr).toContain('Exported 3 cases');
      expect(readFileSync(out).subarray(0, 2).toString()).toBe('PK');
      const csv = await run(handle, ['cases', 'export', '--as', 'th.caseworker']);
      expect(csv.code).toBe(0);
      expect(csv.stdout).toContain('cas_Code');
      expect(csv.stdout).not.toContain('Sokha');

      // And the XLSX imports again (the round trip).
      const again = await run(handle, ['cases', 'import', '--file', out, '--as', 'th.caseworker']);
      expect(again.code, again.stderr).toBe(0);
      expect((JSON.parse(again.stdout) as ImportJob).inserted).toBe(3);
    });

    it('reports bad rows, imports nothing and exits 1; refuses a user without export', async () => {
      const file = join(dir, 'bad.csv');
      writeFileSync(file, `${CSV}\nX,Y,Robot,KH,ForcedLabour\n`);
      const before = await handle.db.selectFrom('case_record').select('id').execute();
      const res = await run(handle, ['cases', 'import', '--file', file, '--as', 'th.caseworker']);
      expect(res.code).toBe(1);
      const job = JSON.parse(res.stdout) as ImportJob;
      expect(job.errors).toEqual([
        { row: 5, column: 'prs_Gender', message: 'is not a value of the picklist' },
      ]);
      const after = await handle.db.selectFrom('case_record').select('id').execute();
      expect(after.length).toBe(before.length);

      const denied = await run(handle, ['cases', 'export', '--as', 'th.police']);
      expect(denied.code).toBe(1);
      expect(denied.stderr).toContain('FORBIDDEN');
    });
  });
}
