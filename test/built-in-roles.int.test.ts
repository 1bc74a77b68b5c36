import { ensureBuiltInRoles, seedDemoData } from '@ctip/services';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, DB_TARGETS } from './db';

for (const engine of DB_TARGETS) {
  describe(`${engine}: built-in role grants`, () => {
    let handle: Awaited<ReturnType<typeof createTestDb>>;
    beforeAll(async () => {
      handle = await createTestDb(engine);
      await seedDemoData(handle.db);
    });
    afterAll(async () => handle.close());

    async function grants(roleKey: string): Promise<string[]> {
      const rows = await handle.db
        .selectFrom('role_permission')
        .innerJoin('role', 'role.id', 'role_permission.role_id')
        .select(['resource', 'action', 'scope'])
        .where('role.key', '=', roleKey)
        .execute();
      return rows.map((r) => `${r.resource}:${r.action}:${r.scope}`).sort();
    }

    it('adds grants a release added, keeps what an administrator removed', async () => {
      const db = handle.db;
      const role = await db
        .selectFrom('role')
        .select('id')
        .where('key', '=', 'case_worker')
        .executeTakeFirstOrThrow();
      // An older release: no screening grants, and its sync record did not know them either.
      await db
        .deleteFrom('role_permission')
        .where('role_id', '=', role.id)
        .where('resource', '=', 'screening')
        .execute();
      const setting = await db
        .selectFrom('setting')
        .select('value')
        .where('key', '=', 'built_in_role_grants')
        .executeTakeFirstOrThrow();
      const synced = setting.value as Record<string, string[]>;
      synced.case_worker = (synced.case_worker ?? []).filter((k) => !k.startsWith('screening:'));
      await db
        .updateTable('setting')
        .set({ value: JSON.stringify(synced) })
        .where('key', '=', 'built_in_role_grants')
        .execute();
      // Meanwhile an administrator took case export away from case workers.
      await db
        .deleteFrom('role_permission')
        .where('role_id', '=', role.id)
        .where('resource', '=', 'case')
        .where('action', '=', 'export')
        .execute();

      await ensureBuiltInRoles(db);

      const now = await grants('case_worker');
      expect(now).toContain('screening:create:agency');
      expect(now).toContain('screening:read:agency');
      expect(now).not.toContain('case:export:agency');
    });
  });
}
