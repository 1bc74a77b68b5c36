import { seedDemoStatisticsApprovals } from '@ctip/services';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type Client, loginAs, type TestApp } from './app';
import { DB_TARGETS } from './db';

// The demo install approves the seeds' published figures of the countries it holds, so the
// regional overview has approved, disclosure-controlled data from the first start.
for (const engine of DB_TARGETS) {
  describe(`${engine}: demo approval of the seeded figures`, () => {
    let t: TestApp;
    let secretariat: Client;

    beforeAll(async () => {
      t = await buildTestApp(engine);
      secretariat = await loginAs(t.app, 'secretariat');
    });
    afterAll(async () => {
      await t?.close();
    });

    it('approves and publishes the COMMIT countries’ seeded sets once, audited', async () => {
      const first = await seedDemoStatisticsApprovals(t.ctx);
      expect(first.approved).toBeGreaterThan(10);
      expect((await seedDemoStatisticsApprovals(t.ctx)).approved).toBe(0);
      const sets = await t.handle.db
        .selectFrom('stat_published_set')
        .select(['country'])
        .distinct()
        .execute();
      const countries = sets.map((s) => s.country).sort();
      // Japan's list and the printed regional totals (XR) are not a COMMIT country's data set.
      expect(countries).toEqual(['KH', 'LA', 'MM', 'TH', 'VN', 'CN'].sort());
      const audited = await t.handle.db
        .selectFrom('audit_event')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('action', '=', 'statistics.approve')
        .executeTakeFirstOrThrow();
      expect(Number(audited.n)).toBe(first.approved);
    });

    it('shows the published figures in the regional overview', async () => {
      const res = await secretariat.request({
        method: 'GET',
        url: '/api/statistics/overview?source=regional&periodFrom=2008&periodTo=2012',
      });
      expect(res.statusCode).toBe(200);
      const table = res.json().identifiedByCountryYear;
      const kh = table.rowHeaders.findIndex((h: string[]) => h[0] === 'KH');
      const y2012 = table.columnHeaders.findIndex((h: string[]) => h[0] === '2012');
      expect(table.cells[kh][y2012]).toMatchObject({ value: 466, status: 'Reported' });
      expect(table.rowHeaders.map((h: string[]) => h[0])).not.toContain('JP');
      // China 2008 is N/A in S002 Table 1: missing, never zero.
      const cn = table.rowHeaders.findIndex((h: string[]) => h[0] === 'CN');
      const y2008 = table.columnHeaders.findIndex((h: string[]) => h[0] === '2008');
      expect(table.cells[cn][y2008]).toMatchObject({ value: null, status: 'Missing' });
    });
  });
}
