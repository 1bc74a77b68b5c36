import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, DB_TARGETS } from '../../../test/db';
import type { DbHandle } from './connect';
import { migrateToLatest } from './migrate';

for (const engine of DB_TARGETS) {
  describe(`${engine}: ${migrateToLatest.name}`, () => {
    let h: DbHandle;
    beforeAll(async () => {
      h = await createTestDb(engine);
    });
    afterAll(async () => {
      await h.close();
    });

    it('is a no-op on an up-to-date database', async () => {
      expect(await migrateToLatest(h.db)).toEqual({ applied: [] });
    });

    it('starts the audit chain at the genesis hash', async () => {
      const head = await h.db.selectFrom('audit_head').selectAll().executeTakeFirstOrThrow();
      expect(head).toEqual({ id: 1, seq: 0, hash: '0'.repeat(64) });
    });
  });
}
