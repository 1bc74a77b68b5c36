import type { DbHandle } from '@ctip/db';
import type { User } from '@ctip/domain';
import { seedDemoData } from '@ctip/services';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, DB_TARGETS } from '../../../../test/db';
import { runCli } from '../test-helpers';

for (const engine of DB_TARGETS) {
  describe(`${engine}: ctip users list`, () => {
    let handle: DbHandle;
    beforeAll(async () => {
      handle = await createTestDb(engine);
      await seedDemoData(handle.db);
    });
    afterAll(async () => {
      await handle.close();
    });

    it('prints every user as JSON, by username, and audits the listing', async () => {
      const run = await runCli(['users', 'list', '--json'], { db: handle });
      expect(run.code).toBe(0);
      const users = JSON.parse(run.stdout) as User[];
      expect(users).toHaveLength(15);
      const names = users.map((u) => u.username);
      expect(names).toEqual([...names].sort());
      expect(users.find((u) => u.username === 'admin')).toMatchObject({
        roleKeys: ['system_admin'],
        countryCode: 'TH',
      });
      expect(JSON.stringify(users)).not.toMatch(/password|totp/i);
      const audit = await handle.db
        .selectFrom('audit_event')
        .select(['action', 'user_agent', 'details'])
        .where('action', '=', 'user.search')
        .execute();
      expect(audit).toEqual([
        expect.objectContaining({
          user_agent: 'cli',
          details: expect.objectContaining({ results: 15 }),
        }),
      ]);
    });

    it('prints a table by default', async () => {
      const run = await runCli(['users', 'list'], { db: handle });
      expect(run.code).toBe(0);
      const lines = run.stdout.trim().split('\n');
      expect(lines[0]).toMatch(/^username\s+\| display name\s+\| country/);
      expect(lines).toHaveLength(2 + 15);
      expect(run.stdout).toMatch(/th\.caseworker\s+\| Thailand Case Worker\s+\| TH/);
    });
  });
}
