/**
 * Reintegration and follow-up through the real API: follow-ups scheduled at 3, 6 and 12 months with
 * their tasks, outcomes with the re-trafficking and broker flags set on the case, client feedback,
 * and the follow-up report scoped to what the caller may read (codes only).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type Client, loginAs, type TestApp } from './app';
import { DB_TARGETS } from './db';
import { insertFixtureCase, protectionCounts } from './protection-fixtures';

for (const engine of DB_TARGETS) {
  describe(`${engine}: reintegration and follow-up`, () => {
    let t: TestApp;
    let th: Client;
    let kh: Client;
    let focal: Client;
    const thCase = () =>
      insertFixtureCase(t.handle.db, {
        agencyId: th.agencyId,
        ownerUserId: th.userId,
        countryCode: 'TH',
        nationality: 'LA',
      });

    beforeAll(async () => {
      t = await buildTestApp(engine);
      th = await loginAs(t.app, 'th.caseworker');
      kh = await loginAs(t.app, 'kh.caseworker');
      focal = await loginAs(t.app, 'th.focal');
    });
    afterAll(async () => {
      await t?.close();
    });

    it('schedules follow-ups at 3, 6 and 12 months and moves the case to FollowUp', async () => {
      const c = await thCase();
      const res = await th.request({
        method: 'POST',
        url: `/api/cases/${c.id}/reintegration`,
        payload: { date: '2026-01-31' },
      });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json().followUps).toEqual([
        { monthsAfter: 3, scheduledOn: '2026-04-30' },
        { monthsAfter: 6, scheduledOn: '2026-07-31' },
        { monthsAfter: 12, scheduledOn: '2027-01-31' },
      ]);
      const list = await th.request({ method: 'GET', url: `/api/cases/${c.id}/follow-ups` });
      expect(list.json()).toMatchObject({ reintegratedOn: '2026-01-31', status: 'FollowUp' });
      expect(list.json().followUps.map((f: { monthsAfter: number }) => f.monthsAfter)).toEqual([
        3, 6, 12,
      ]);
      const tasks = await th.request({ method: 'GET', url: '/api/tasks' });
      const mine = tasks
        .json()
        .filter((x: { caseCode: string }) => x.caseCode === c.code)
        .map((x: { kind: string; dueOn: string }) => [x.kind, x.dueOn]);
      expect(mine).toEqual([
        ['follow_up', '2026-04-30'],
        ['follow_up', '2026-07-31'],
        ['follow_up', '2027-01-31'],
      ]);
      const history = await t.handle.db
        .selectFrom('case_history')
        .select('action')
        .where('case_id', '=', c.id)
        .execute();
      expect(history.map((h) => h.action)).toContain('case.reintegrate');
    });

    it('takes configurable months and refuses a bad date naming the field, writing nothing', async () => {
      const c = await thCase();
      const before = await protectionCounts(t.handle.db);
      const bad = await th.request({
        method: 'POST',
        url: `/api/cases/${c.id}/reintegration`,
        payload: { date: '2026-13-01' },
      });
      expect(bad.statusCode).toBe(400);
      expect(bad.json().error.field).toBe('date');
      expect(await protectionCounts(t.handle.db)).toEqual(before);
      const ok = await th.request({
        method: 'POST',
        url: `/api/cases/${c.id}/reintegration`,
        payload: { date: '2026-01-15', months: [1, 24] },
      });
      expect(ok.json().followUps.map((f: { scheduledOn: string }) => f.scheduledOn)).toEqual([
        '2026-02-15',
        '2028-01-15',
      ]);
    });

    it('records an outcome with the re-trafficking flag, which the report shows by code', async () => {
      const c = await thCase();
      await th.request({
        method: 'POST',
        url: `/api/cases/${c.id}/reintegration`,
        payload: { date: '2026-01-01' },
      });
      const list = await th.request({ method: 'GET', url: `/api/cases/${c.id}/follow-ups` });
      const first = list.json().followUps[0] as { id: string };
      const rec = await th.request({
        method: 'POST',
        url: `/api/follow-ups/${first.id}`,
        payload: {
          doneOn: '2026-04-02',
          method: 'HomeVisit',
          wellbeing: 'Poor',
          outcome: 'Recruited again by the same broker',
          isRetrafficked: true,
        },
      });
      expect(rec.statusCode, rec.body).toBe(200);
      const row = await t.handle.db
        .selectFrom('case_record')
        .select(['is_retrafficked', 'became_broker'])
        .where('id', '=', c.id)
        .executeTakeFirstOrThrow();
      expect(row).toEqual({ is_retrafficked: true, became_broker: false });
      const stored = await t.handle.db
        .selectFrom('follow_up')
        .select('outcome_enc')
        .where('id', '=', first.id)
        .executeTakeFirstOrThrow();
      expect(stored.outcome_enc).not.toContain('broker');
      const after = await th.request({ method: 'GET', url: `/api/cases/${c.id}/follow-ups` });
      expect(after.json().followUps[0]).toMatchObject({
        doneOn: '2026-04-02',
        outcome: 'Recruited again by the same broker',
        isRetrafficked: true,
      });

      const fb = await th.request({
        method: 'POST',
        url: `/api/cases/${c.id}/feedback`,
        payload: {
          satisfaction: 4,
          serviceType: 'Shelter',
          givenOn: '2026-04-02',
          comment: 'Kind staff',
        },
      });
      expect(fb.statusCode, fb.body).toBe(201);
      const badFb = await th.request({
        method: 'POST',
        url: `/api/cases/${c.id}/feedback`,
        payload: { satisfaction: 6, givenOn: '2026-04-02' },
      });
      expect(badFb.json().error.field).toBe('satisfaction');

      for (const who of [th, focal]) {
        const report = await who.request({ method: 'GET', url: '/api/reports/follow-up' });
        expect(report.statusCode, report.body).toBe(200);
        const body = report.json();
        expect(body.retrafficked.caseCodes).toContain(c.code);
        expect(body.followUps.done).toBeGreaterThanOrEqual(1);
        expect(body.satisfaction).toContainEqual({ serviceType: 'Shelter', average: 4, count: 1 });
        expect(report.body).not.toContain('Recruited again');
        expect(report.body).not.toContain('Kind staff');
      }
      const period = await th.request({
        method: 'GET',
        url: '/api/reports/follow-up?from=2026-04-01&to=2026-04-30',
      });
      expect(period.json().retrafficked.caseCodes).toEqual([c.code]);
      const elsewhere = await kh.request({ method: 'GET', url: '/api/reports/follow-up' });
      expect(elsewhere.statusCode).toBe(200);
      expect(elsewhere.json().retrafficked.caseCodes).not.toContain(c.code);
    });

    it('keeps a Cambodian case worker out of a Thai case’s follow-ups (403)', async () => {
      const c = await thCase();
      await th.request({
        method: 'POST',
        url: `/api/cases/${c.id}/reintegration`,
        payload: { date: '2026-01-01' },
      });
      const list = await th.request({ method: 'GET', url: `/api/cases/${c.id}/follow-ups` });
      const first = list.json().followUps[0] as { id: string };
      const before = await protectionCounts(t.handle.db);
      const calls = [
        { method: 'GET' as const, url: `/api/cases/${c.id}/follow-ups` },
        {
          method: 'POST' as const,
          url: `/api/cases/${c.id}/reintegration`,
          payload: { date: '2026-02-01' },
        },
        {
          method: 'POST' as const,
          url: `/api/follow-ups/${first.id}`,
          payload: { doneOn: '2026-04-01', method: 'Phone', wellbeing: 'Good', becameBroker: true },
        },
        {
          method: 'POST' as const,
          url: `/api/cases/${c.id}/feedback`,
          payload: { satisfaction: 1, givenOn: '2026-04-01' },
        },
      ];
      for (const call of calls) {
        expect((await kh.request(call)).statusCode, call.url).toBe(403);
      }
      expect(await protectionCounts(t.handle.db)).toEqual(before);
      const row = await t.handle.db
        .selectFrom('case_record')
        .select(['became_broker', 'reintegrated_on'])
        .where('id', '=', c.id)
        .executeTakeFirstOrThrow();
      expect(row).toEqual({ became_broker: false, reintegrated_on: '2026-01-01' });
    });
  });
}
