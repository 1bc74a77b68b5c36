import type { DbHandle } from '@ctip/db';
import { loadTestConfig } from '@ctip/server';
import { DEMO_PASSWORD, login, seedDemoData, systemMeta, verifyAuditChain } from '@ctip/services';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, DB_TARGETS } from '../../../../test/db';
import { runCli } from '../test-helpers';
import type { DisableResult } from './users-disable';

for (const engine of DB_TARGETS) {
  describe(`${engine}: ctip users disable`, () => {
    let handle: DbHandle;
    beforeAll(async () => {
      handle = await createTestDb(engine);
      await seedDemoData(handle.db);
    });
    afterAll(async () => {
      await handle.close();
    });

    it('disables the account, revokes its sessions and audits it', async () => {
      // First, the police officer logs in twice, opening two sessions.
      const ctx = { db: handle.db, config: loadTestConfig().services, now: () => new Date() };
      for (let i = 0; i < 2; i += 1) {
        await login({
          ctx,
          input: { username: 'th.police', password: DEMO_PASSWORD },
          meta: systemMeta('test'),
        });
      }

      // Then an administrator disables the account from the command line.
      const run = await runCli(['users', 'disable', 'TH.Police'], { db: handle });
      expect(run.code).toBe(0);
      const result = JSON.parse(run.stdout) as DisableResult;
      expect(result).toMatchObject({ username: 'th.police', changed: true, sessionsRevoked: 2 });

      const user = await handle.db
        .selectFrom('app_user')
        .select('is_disabled')
        .where('id', '=', result.id)
        .executeTakeFirstOrThrow();
      expect(user.is_disabled).toBe(true);
      const live = await handle.db
        .selectFrom('session')
        .select('id')
        .where('user_id', '=', result.id)
        .where('revoked_at', 'is', null)
        .execute();
      expect(live).toEqual([]);
      const event = await handle.db
        .selectFrom('audit_event')
        .selectAll()
        .where('action', '=', 'user.disable')
        .executeTakeFirstOrThrow();
      expect(event).toMatchObject({ target_id: result.id, actor_user_id: null, user_agent: 'cli' });
      expect((await verifyAuditChain(handle.db)).ok).toBe(true);

      // Finally, a second run changes nothing.
      const again = await runCli(['users', 'disable', 'th.police'], { db: handle });
      expect(again.code).toBe(0);
      expect(JSON.parse(again.stdout)).toMatchObject({ changed: false, sessionsRevoked: 0 });
      expect(again.stderr).toMatch(/already disabled/);
    });

    it('fails for an unknown user', async () => {
      const run = await runCli(['users', 'disable', 'nobody'], { db: handle });
      expect(run.code).toBe(1);
      expect(run.stderr).toMatch(/No user named 'nobody'/);
    });
  });
}
