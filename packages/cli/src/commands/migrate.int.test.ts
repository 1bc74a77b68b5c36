import { MIGRATIONS } from '@ctip/db';
import { describe, expect, it } from 'vitest';
import { DB_TARGETS } from '../../../../test/db';
import { createBlankDb, runCli } from '../test-helpers';

for (const engine of DB_TARGETS) {
  describe(`${engine}: ctip migrate`, () => {
    it('applies every migration to a blank database, then reports it up to date', async () => {
      const handle = await createBlankDb(engine, false);
      try {
        const first = await runCli(['migrate'], { db: handle });
        expect(first.code).toBe(0);
        expect(first.stdout.trim().split('\n')).toEqual(Object.keys(MIGRATIONS));
        expect(first.stderr).toContain(`Applied ${Object.keys(MIGRATIONS).length} migrations`);

        const second = await runCli(['migrate'], { db: handle });
        expect(second.code).toBe(0);
        expect(second.stdout).toBe('');
        expect(second.stderr).toMatch(/Already up to date/);
      } finally {
        await handle.close();
      }
    });
  });
}
