/**
 * Plans, workplans area: national plans of action (seeded from S002 Table 2) and annual workplans
 * with their activities, through the API on both engines.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type Client, loginAs, type TestApp } from './app';
import { DB_TARGETS } from './db';

type Json = Record<string, unknown>;

for (const engine of DB_TARGETS) {
  describe(`${engine}: plans workplans`, () => {
    let t: TestApp;
    let th: Client;
    let kh: Client;
    let secretariat: Client;
    let spa3: { first: number; last: number };
    let activityNodes: { id: string; code: string }[];
    let targetNode: string;
    let otherFrameworkActivity: string | null;
    let thAgency: string;
    let khAgency: string;

    beforeAll(async () => {
      t = await buildTestApp(engine);
      [th, kh, secretariat] = await Promise.all([
        loginAs(t.app, 'th.focal'),
        loginAs(t.app, 'kh.focal'),
        loginAs(t.app, 'secretariat'),
      ]);
      const db = t.handle.db;
      const fw = await db
        .selectFrom('plan_framework')
        .selectAll()
        .where('id', '=', 'SPA3')
        .executeTakeFirstOrThrow();
      spa3 = { first: fw.period_start, last: fw.extended_to ?? fw.period_end };
      activityNodes = await db
        .selectFrom('plan_node')
        .select(['id', 'code'])
        .where('framework_id', '=', 'SPA3')
        .where('kind', '=', 'activity')
        .orderBy('position')
        .limit(3)
        .execute();
      targetNode = (
        await db
          .selectFrom('plan_node')
          .select('id')
          .where('framework_id', '=', 'SPA3')
          .where('kind', '=', 'target')
          .executeTakeFirstOrThrow()
      ).id;
      otherFrameworkActivity =
        (
          await db
            .selectFrom('plan_node')
            .select('id')
            .where('framework_id', '!=', 'SPA3')
            .executeTakeFirst()
        )?.id ?? null;
      const agency = async (country: string) =>
        (
          await db
            .selectFrom('agency')
            .select('id')
            .where('country_code', '=', country)
            .where('deleted_at', 'is', null)
            .executeTakeFirstOrThrow()
        ).id;
      thAgency = await agency('TH');
      khAgency = await agency('KH');
    });
    afterAll(async () => {
      await t.close();
    });

    const get = (c: Client, url: string) => c.request({ method: 'GET', url });
    const put = (c: Client, url: string, payload: unknown) =>
      c.request({ method: 'PUT', url, payload: payload as Json });
    const post = (c: Client, url: string, payload?: unknown) =>
      c.request({
        method: 'POST',
        url,
        ...(payload === undefined ? {} : { payload: payload as Json }),
      });
    const del = (c: Client, url: string) => c.request({ method: 'DELETE', url });

    const audits = async (action: string) =>
      t.handle.db
        .selectFrom('audit_event')
        .select(['action', 'outcome', 'details', 'actor_user_id', 'target_id'])
        .where('action', '=', action)
        .orderBy('seq')
        .execute();

    it('lists the seeded national plans, each country seeing only its own', async () => {
      const all = await get(secretariat, '/api/plans/national-plans');
      expect(all.statusCode, all.body).toBe(200);
      const plans = all.json() as Json[];
      expect(plans.filter((p) => p.isSeeded)).toHaveLength(10);
      expect(plans).toContainEqual(
        expect.objectContaining({
          countryCode: 'TH',
          ordinal: 2,
          yearApproved: 2010,
          periodStart: 2011,
          periodEnd: 2016,
          title: null,
        }),
      );
      const own = (await get(th, '/api/plans/national-plans')).json() as Json[];
      expect(own.length).toBeGreaterThan(0);
      expect(own.every((p) => p.countryCode === 'TH')).toBe(true);
      const other = await get(th, '/api/plans/national-plans?country=KH');
      expect(other.statusCode).toBe(403);
      const denied = await audits('access.denied');
      expect(denied.some((d) => d.actor_user_id === th.userId && d.target_id === 'KH')).toBe(true);
    });

    it('records and amends a national plan, refusing a bad period and a stale version', async () => {
      const bad = await post(th, '/api/plans/national-plans', {
        countryCode: 'TH',
        ordinal: 3,
        periodStart: 2017,
        periodEnd: 2015,
      });
      expect(bad.statusCode).toBe(400);
      expect(bad.json().error.message).toMatch(/^periodEnd/);
      const foreign = await post(th, '/api/plans/national-plans', {
        countryCode: 'KH',
        ordinal: 3,
        periodStart: 2017,
        periodEnd: 2021,
      });
      expect(foreign.statusCode).toBe(403);
      const made = await post(th, '/api/plans/national-plans', {
        countryCode: 'TH',
        ordinal: 3,
        title: 'Third national plan (test)',
        periodStart: 2017,
        periodEnd: 2021,
      });
      expect(made.statusCode, made.body).toBe(201);
      const npa = made.json();
      const dup = await post(th, '/api/plans/national-plans', {
        countryCode: 'TH',
        ordinal: 3,
        periodStart: 2017,
        periodEnd: 2021,
      });
      expect(dup.statusCode).toBe(400);
      expect(dup.json().error.message).toMatch(/^ordinal/);
      const body = { ordinal: 3, title: 'Renamed', periodStart: 2017, periodEnd: 2022 };
      const ok = await put(th, `/api/plans/national-plans/${npa.id}`, { ...body, version: 1 });
      expect(ok.statusCode, ok.body).toBe(200);
      expect(ok.json()).toMatchObject({ title: 'Renamed', periodEnd: 2022, version: 2 });
      const staleRes = await put(th, `/api/plans/national-plans/${npa.id}`, {
        ...body,
        version: 1,
      });
      expect(staleRes.statusCode).toBe(409);
      const byKh = await put(kh, `/api/plans/national-plans/${npa.id}`, { ...body, version: 2 });
      expect(byKh.statusCode).toBe(403);
      const saved = await audits('plans.national_plan_save');
      expect(saved.map((a) => (a.details as Json).op)).toEqual(['create', 'update']);
    });

    let workplanId = '';

    it('starts a workplan only inside the framework period, with the right currency', async () => {
      const base = { countryCode: 'TH', frameworkId: 'SPA3', currency: 'THB', usdRate: 32.5 };
      const early = await post(th, '/api/plans/workplans', { ...base, year: spa3.first - 1 });
      expect(early.statusCode).toBe(400);
      expect(early.json().error.message).toMatch(/^year/);
      const late = await post(th, '/api/plans/workplans', { ...base, year: spa3.last + 1 });
      expect(late.statusCode).toBe(400);
      const wrongCurrency = await post(th, '/api/plans/workplans', {
        ...base,
        currency: 'VND',
        year: spa3.first,
      });
      expect(wrongCurrency.statusCode).toBe(400);
      expect(wrongCurrency.json().error.message).toMatch(/^currency/);
      const unknownFw = await post(th, '/api/plans/workplans', {
        ...base,
        frameworkId: 'NOPE',
        year: spa3.first,
      });
      expect(unknownFw.statusCode).toBe(400);
      expect(unknownFw.json().error.message).toMatch(/^frameworkId/);
      const khNpa = (await get(kh, '/api/plans/national-plans')).json()[0].id;
      const foreignNpa = await post(th, '/api/plans/workplans', {
        ...base,
        year: spa3.first,
        nationalPlanId: khNpa,
      });
      expect(foreignNpa.statusCode).toBe(400);
      expect(foreignNpa.json().error.message).toMatch(/^nationalPlanId/);
      const forKh = await post(th, '/api/plans/workplans', {
        ...base,
        countryCode: 'KH',
        currency: 'KHR',
        year: spa3.first,
      });
      expect(forKh.statusCode).toBe(403);

      // The last year of the framework counts (the extension included).
      const made = await post(th, '/api/plans/workplans', { ...base, year: spa3.last });
      expect(made.statusCode, made.body).toBe(201);
      const wp = made.json();
      expect(wp).toMatchObject({
        countryCode: 'TH',
        year: spa3.last,
        status: 'Draft',
        currency: 'THB',
        usdRate: 32.5,
        activities: [],
      });
      expect(wp.frameworkActivities.length).toBeGreaterThan(10);
      expect(wp.frameworkActivities[0]).toEqual(
        expect.objectContaining({ areaCode: expect.any(String) }),
      );
      expect(wp.agencies.map((a: Json) => a.id)).toContain(thAgency);
      expect(wp.agencies.map((a: Json) => a.id)).not.toContain(khAgency);
      workplanId = wp.id;
      const again = await post(th, '/api/plans/workplans', { ...base, year: spa3.last });
      expect(again.statusCode).toBe(409);
    });

    it('adds activities: refuses a non-activity, another framework, foreign agencies, no rate', async () => {
      const url = `/api/plans/workplans/${workplanId}/activities`;
      const [a1, a2] = activityNodes;
      const target = await post(th, url, { nodeId: targetNode, title: 'x' });
      expect(target.statusCode).toBe(400);
      expect(target.json().error.message).toMatch(/^nodeId: is a target/);
      if (otherFrameworkActivity) {
        const other = await post(th, url, { nodeId: otherFrameworkActivity, title: 'x' });
        expect(other.statusCode).toBe(400);
        expect(other.json().error.message).toMatch(/^nodeId/);
      }
      const missing = await post(th, url, { nodeId: crypto.randomUUID(), title: 'x' });
      expect(missing.statusCode).toBe(400);
      const foreignLead = await post(th, url, {
        nodeId: a1?.id,
        title: 'x',
        leadAgencyId: khAgency,
      });
      expect(foreignLead.statusCode).toBe(400);
      expect(foreignLead.json().error.message).toMatch(/^leadAgencyId/);
      const foreignPartner = await post(th, url, {
        nodeId: a1?.id,
        title: 'x',
        partnerAgencyIds: [thAgency, khAgency],
      });
      expect(foreignPartner.json().error.message).toMatch(/^partnerAgencyIds\.1/);
      const byKh = await post(kh, url, { nodeId: a1?.id, title: 'x' });
      expect(byKh.statusCode).toBe(403);

      const one = await post(th, url, {
        nodeId: a1?.id,
        title: 'Train border officials on victim identification',
        titleLocal: 'อบรมเจ้าหน้าที่ด่านพรมแดนเรื่องการคัดแยกผู้เสียหาย',
        leadAgencyId: thAgency,
        partnersText: 'IOM, UNICEF',
        plannedAmount: 650000,
      });
      expect(one.statusCode, one.body).toBe(201);
      const two = await post(th, url, {
        nodeId: a2?.id,
        title: 'Data workshop',
        leadAgencyText: 'Provincial task force',
        plannedAmount: 100000,
        plannedUsdRate: 40,
      });
      expect(two.statusCode, two.body).toBe(201);
      const wp = two.json();
      expect(wp.activities).toHaveLength(2);
      expect(wp.activities[0]).toMatchObject({
        nodeCode: a1?.code,
        leadAgencyId: thAgency,
        plannedAmount: 650000,
        plannedUsd: 20000,
      });
      expect(wp.activities[1]).toMatchObject({
        plannedUsd: 2500,
        leadAgencyText: 'Provincial task force',
      });
      expect(wp.totals.plannedUsd).toBe(22500);
      expect(wp.totals.byArea.reduce((n: number, a: Json) => n + Number(a.activityCount), 0)).toBe(
        2,
      );

      // Without a workplan rate, an amount in baht needs its own rate.
      const noRate = await put(th, `/api/plans/workplans/${workplanId}`, {
        version: wp.version,
        usdRate: null,
      });
      expect(noRate.statusCode).toBe(400);
      expect(noRate.json().error.message).toMatch(/^usdRate/);
      const currency = await put(th, `/api/plans/workplans/${workplanId}`, {
        version: wp.version,
        currency: 'USD',
      });
      expect(currency.statusCode).toBe(400);
      expect(currency.json().error.message).toMatch(/^currency/);
    });

    it('edits an activity under its version lock and removes one', async () => {
      const wp = (await get(th, `/api/plans/workplans/${workplanId}`)).json();
      const act = wp.activities[1];
      const url = `/api/plans/workplans/${workplanId}/activities/${act.id}`;
      const negative = await put(th, url, { version: act.version, plannedAmount: -5 });
      expect(negative.statusCode).toBe(400);
      expect(negative.json().error.message).toMatch(/plannedAmount/);
      const ok = await put(th, url, { version: act.version, title: 'Data workshop (2 days)' });
      expect(ok.statusCode, ok.body).toBe(200);
      const stale = await put(th, url, { version: act.version, title: 'Lost update' });
      expect(stale.statusCode).toBe(409);
      const header = await put(th, `/api/plans/workplans/${workplanId}`, {
        version: wp.version,
        title: 'Thailand COMMIT workplan',
        status: 'Adopted',
      });
      expect(header.statusCode, header.body).toBe(200);
      expect(header.json()).toMatchObject({ title: 'Thailand COMMIT workplan', status: 'Adopted' });
      const staleHeader = await put(th, `/api/plans/workplans/${workplanId}`, {
        version: wp.version,
        title: 'x',
      });
      expect(staleHeader.statusCode).toBe(409);
      const gone = await del(th, url);
      expect(gone.statusCode, gone.body).toBe(200);
      expect(gone.json().activities).toHaveLength(1);
      const ops = (await audits('plans.workplan_save')).map((a) => (a.details as Json).op);
      expect(ops).toEqual(
        expect.arrayContaining([
          'create',
          'activity_add',
          'activity_update',
          'update',
          'activity_remove',
        ]),
      );
    });

    it('keeps other countries out of a workplan and its lists', async () => {
      expect((await get(kh, `/api/plans/workplans/${workplanId}`)).statusCode).toBe(403);
      expect((await get(kh, '/api/plans/workplans?country=TH')).statusCode).toBe(403);
      const khList = (await get(kh, '/api/plans/workplans')).json();
      expect(khList.items.every((w: Json) => w.countryCode === 'KH')).toBe(true);
      const thList = (await get(th, '/api/plans/workplans')).json();
      expect(thList.items.map((w: Json) => w.id)).toContain(workplanId);
      expect(thList.frameworks.map((f: Json) => f.id)).toContain('SPA3');
      const regional = (await get(secretariat, '/api/plans/workplans?country=TH')).json();
      expect(regional.items).toContainEqual(
        expect.objectContaining({ id: workplanId, activityCount: 1, plannedUsd: 20000 }),
      );
      expect((await get(th, `/api/plans/workplans/${crypto.randomUUID()}`)).statusCode).toBe(404);
    });

    it("copies last year's workplan into another year, not outside the framework", async () => {
      // The test workplan is in the framework's last year; copy it back into the first.
      const outside = await post(th, `/api/plans/workplans/${workplanId}/copy`, {});
      expect(outside.statusCode).toBe(400);
      expect(outside.json().error.message).toMatch(/^year/);
      const byKh = await post(kh, `/api/plans/workplans/${workplanId}/copy`, { year: spa3.first });
      expect(byKh.statusCode).toBe(403);
      const copy = await post(th, `/api/plans/workplans/${workplanId}/copy`, { year: spa3.first });
      expect(copy.statusCode, copy.body).toBe(201);
      const wp = copy.json();
      expect(wp).toMatchObject({ year: spa3.first, status: 'Draft', currency: 'THB' });
      expect(wp.id).not.toBe(workplanId);
      expect(wp.activities).toHaveLength(1);
      expect(wp.activities[0]).toMatchObject({ plannedAmount: 650000, leadAgencyId: thAgency });
      const twice = await post(th, `/api/plans/workplans/${workplanId}/copy`, { year: spa3.first });
      expect(twice.statusCode).toBe(409);
      const copied = (await audits('plans.workplan_save')).filter(
        (a) => (a.details as Json).op === 'copy',
      );
      expect(copied).toHaveLength(1);
      expect(copied[0]).toMatchObject({ actor_user_id: th.userId, target_id: wp.id });
    });
  });
}
