import type { DbHandle } from '@ctip/db';
import { appendAuditEventNow } from '@ctip/services';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, DB_TARGETS } from '../../../../test/db';
import { cliAuditEvent } from '../system-audit';
import { runCli } from '../test-helpers';

for (const engine of DB_TARGETS) {
  describe(`${engine}: ctip audit verify`, () => {
    let handle: DbHandle;
    beforeAll(async () => {
      handle = await createTestDb(engine);
      for (let i = 0; i < 5; i += 1) {
        await appendAuditEventNow(
          handle.db,
          cliAuditEvent('user.search', { type: 'user', id: null }, { i }),
          new Date(),
        );
      }
    });
    afterAll(async () => {
      await handle.close();
    });

    it('reports an intact chain and writes nothing', async () => {
      const run = await runCli(['audit', 'verify'], { db: handle });
      expect(run).toMatchObject({ code: 0, stdout: 'OK: 5 events\n' });
      const again = await runCli(['audit', 'verify'], { db: handle });
      expect(again.stdout).toBe('OK: 5 events\n');
    });

    it('reports the first altered event and exits 1', async () => {
      await sql`update audit_event set details = '{"i": 99}' where seq = 3`.execute(handle.db);
      const run = await runCli(['audit', 'verify'], { db: handle });
      expect(run.code).toBe(1);
      expect(run.stdout).toBe('BROKEN at seq 3: event content does not match its hash\n');
      expect(run.stderr).toMatch(/the audit chain is broken/);
    });
  });
}
