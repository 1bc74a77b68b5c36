import { BUILT_IN_ROLES } from '@ctip/domain';
import { describe, expect, it } from 'vitest';
import { DB_TARGETS } from '../../../../test/db';
import { createBlankDb, runCli } from '../test-helpers';
import type { SeedSummary } from './seed';

for (const engine of DB_TARGETS) {
  describe(`${engine}: ctip seed`, () => {
    it('loads reference data and roles once, and demo data with --demo', async () => {
      const handle = await createBlankDb(engine);
      try {
        // First, a plain seed on a migrated database loads everything but demo data.
        const first = await runCli(['seed'], { db: handle });
        expect(first.code).toBe(0);
        const summary = JSON.parse(first.stdout) as SeedSummary;
        expect(summary.reference).toContain('countries');
        expect(summary.roles).toHaveLength(BUILT_IN_ROLES.length);
        expect(summary.demoCreated).toBeNull();
        const users = await handle.db.selectFrom('app_user').select('id').execute();
        expect(users).toHaveLength(0);

        // Then --demo adds the demo agencies and users, and prints their logins on stderr.
        const demo = await runCli(['seed', '--demo'], { db: handle });
        expect(demo.code).toBe(0);
        expect(JSON.parse(demo.stdout)).toEqual({ reference: [], roles: [], demoCreated: true });
        expect(demo.stderr).toMatch(/admin\s+system_admin/);
        const admin = await handle.db
          .selectFrom('app_user')
          .select('username')
          .where('username', '=', 'admin')
          .executeTakeFirst();
        expect(admin).toBeDefined();

        // Finally, running it again changes nothing.
        const again = await runCli(['seed', '--demo'], { db: handle });
        expect(JSON.parse(again.stdout)).toEqual({ reference: [], roles: [], demoCreated: false });
      } finally {
        await handle.close();
      }
    });
  });
}
