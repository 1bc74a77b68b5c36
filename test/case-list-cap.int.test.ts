/**
 * Large case lists: the count stops at CASE_COUNT_CAP and says it is a lower bound, while paging
 * still reaches every case.
 */
import { CASE_COUNT_CAP } from '@ctip/services';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type Client, loginAs, type TestApp } from './app';
import { DB_TARGETS } from './db';

for (const engine of DB_TARGETS) {
  describe(`${engine}: capped case counts`, () => {
    let t: TestApp;
    let cw: Client;
    const n = CASE_COUNT_CAP + 30;

    beforeAll(async () => {
      t = await buildTestApp(engine);
      cw = await loginAs(t.app, 'th.caseworker');
      // More cases than the cap, in the case worker's agency (coded fields only).
      await sql`insert into person (id, country_code)
        select md5('p' || g)::uuid, 'TH' from generate_series(1, ${n}::int) g`.execute(t.handle.db);
      await sql`insert into case_record (id, code, person_id, country_code, agency_id, owner_user_id, created_at)
        select md5('c' || g)::uuid, 'TH-CAP-' || g, md5('p' || g)::uuid, 'TH', ${cw.agencyId}::uuid,
          ${cw.userId}::uuid, now() - (g || ' minutes')::interval
        from generate_series(1, ${n}::int) g`.execute(t.handle.db);
    });
    afterAll(async () => t.close());

    it('reports a lower bound above the cap, an exact count below it', async () => {
      const many = await cw.request({ method: 'GET', url: '/api/cases?pageSize=50' });
      expect(many.statusCode, many.body).toBe(200);
      expect(many.json()).toMatchObject({ total: CASE_COUNT_CAP, totalIsLowerBound: true });
      const few = await cw.request({ method: 'GET', url: '/api/cases?code=TH-CAP-100' });
      const body = few.json();
      // TH-CAP-100 and TH-CAP-1000…1009 (with n above 1,009).
      expect(body.total).toBe(11);
      expect(body.totalIsLowerBound).toBeUndefined();
    });

    it('pages past the cap', async () => {
      const last = await cw.request({
        method: 'GET',
        url: `/api/cases?pageSize=200&page=${Math.ceil(n / 200)}`,
      });
      expect(last.statusCode, last.body).toBe(200);
      const items = last.json().items as { code: string }[];
      expect(items.length).toBe(n % 200 || 200);
      // Newest first: the last page ends with the oldest case.
      expect(items.at(-1)?.code).toBe(`TH-CAP-${n}`);
    });
  });
}
