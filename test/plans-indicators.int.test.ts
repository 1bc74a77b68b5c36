/**
 * Plans, indicators area: indicator definitions on framework nodes, country selections with
 * baseline and annual markers, statistics-bound and manual actuals, the on-track rule and the
 * dashboard, through the API on both engines.
 */
import { seedDemoIndicators } from '@ctip/services';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type Client, loginAs, type TestApp } from './app';
import { DB_TARGETS } from './db';

type Json = Record<string, unknown>;

for (const engine of DB_TARGETS) {
  describe(`${engine}: plans indicators`, () => {
    let t: TestApp;
    let th: Client;
    let kh: Client;
    let secretariat: Client;
    let target31: string;
    let target11: string;
    let activity: string;

    beforeAll(async () => {
      t = await buildTestApp(engine);
      [th, kh, secretariat] = await Promise.all([
        loginAs(t.app, 'th.focal'),
        loginAs(t.app, 'kh.focal'),
        loginAs(t.app, 'secretariat'),
      ]);
      const nodes = await t.handle.db
        .selectFrom('plan_node')
        .select(['id', 'kind', 'code'])
        .where('framework_id', '=', 'SPA3')
        .execute();
      const find = (kind: string, code: string) => {
        const n = nodes.find((x) => x.kind === kind && x.code === code);
        if (!n) {
          throw new Error(`SPA3 ${kind} ${code} not seeded`);
        }
        return n.id;
      };
      target31 = find('target', '3.1');
      target11 = find('target', '1.1');
      activity = nodes.find((n) => n.kind === 'activity')?.id as string;
    });
    afterAll(async () => {
      await t.close();
    });

    const req = (
      c: Client,
      method: 'GET' | 'POST' | 'PUT' | 'DELETE',
      url: string,
      payload?: unknown,
    ) => c.request({ method, url, ...(payload === undefined ? {} : { payload: payload as Json }) });

    const audits = async () =>
      t.handle.db
        .selectFrom('audit_event')
        .select(['action', 'outcome', 'details', 'target_type'])
        .where('action', 'in', ['plans.indicator_save', 'access.denied'])
        .orderBy('seq')
        .execute();

    let boundId: string;
    let manualId: string;

    it('defines indicators on framework nodes: Secretariat only, field-named refusals', async () => {
      const def = {
        frameworkId: 'SPA3',
        nodeId: target31,
        code: 'T-3.1-VI',
        title: 'Victims identified',
        unit: 'persons',
        direction: 'Increase',
        statElementCode: 'VICTIMS_IDENTIFIED',
      };
      const denied = await req(th, 'POST', '/api/plans/indicators', def);
      expect(denied.statusCode).toBe(403);
      const badNode = await req(secretariat, 'POST', '/api/plans/indicators', {
        ...def,
        nodeId: activity,
      });
      expect(badNode.statusCode).toBe(400);
      expect(badNode.json().error.field).toBe('nodeId');
      const badEl = await req(secretariat, 'POST', '/api/plans/indicators', {
        ...def,
        statElementCode: 'NO_SUCH',
      });
      expect(badEl.statusCode).toBe(400);
      expect(badEl.json().error.field).toBe('statElementCode');
      const badFilter = await req(secretariat, 'POST', '/api/plans/indicators', {
        ...def,
        statFilter: { sex: 'Q' },
      });
      expect(badFilter.statusCode).toBe(400);
      expect(badFilter.json().error.field).toBe('statFilter.sex');
      const badDir = await req(secretariat, 'POST', '/api/plans/indicators', {
        ...def,
        direction: 'Up',
      });
      expect(badDir.json().error.field).toBe('direction');
      const before = await t.handle.db
        .selectFrom('plan_indicator')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow();
      expect(Number(before.n)).toBe(0);

      const created = await req(secretariat, 'POST', '/api/plans/indicators', def);
      expect(created.statusCode, created.body).toBe(201);
      expect(created.json()).toMatchObject({
        code: 'T-3.1-VI',
        nodeCode: '3.1',
        nodeKind: 'target',
        statElementCode: 'VICTIMS_IDENTIFIED',
        statFilter: {},
        version: 1,
      });
      boundId = created.json().id;
      const dup = await req(secretariat, 'POST', '/api/plans/indicators', def);
      expect(dup.statusCode).toBe(409);
      expect(dup.json().error.field).toBe('code');

      const manual = await req(secretariat, 'POST', '/api/plans/indicators', {
        frameworkId: 'SPA3',
        nodeId: target11,
        code: 'T-1.1-DUR',
        title: 'Months to adopt the NPA',
        unit: 'months',
        direction: 'Decrease',
      });
      expect(manual.statusCode, manual.body).toBe(201);
      manualId = manual.json().id;

      const upd = await req(secretariat, 'PUT', `/api/plans/indicators/${manualId}`, {
        title: 'Months to adopt the national plan',
        version: 1,
      });
      expect(upd.statusCode, upd.body).toBe(200);
      expect(upd.json()).toMatchObject({ title: 'Months to adopt the national plan', version: 2 });
      const staleUpd = await req(secretariat, 'PUT', `/api/plans/indicators/${manualId}`, {
        title: 'Again',
        version: 1,
      });
      expect(staleUpd.statusCode).toBe(409);

      const list = await req(th, 'GET', '/api/plans/indicators?framework=SPA3');
      expect(list.statusCode).toBe(200);
      expect((list.json() as { code: string }[]).map((i) => i.code)).toEqual([
        'T-1.1-DUR',
        'T-3.1-VI',
      ]);
      const saved = (await audits()).filter((a) => a.action === 'plans.indicator_save');
      expect(saved).toHaveLength(3);
    });

    it('lets a country select an indicator with a baseline, only for its own country', async () => {
      const other = await req(th, 'PUT', `/api/plans/indicators/${boundId}/countries/KH`, {
        baselineValue: 10,
        baselineYear: 2010,
      });
      expect(other.statusCode).toBe(403);
      const denied = (await audits()).filter((a) => a.action === 'access.denied');
      expect(denied.length).toBeGreaterThan(0);

      const noYear = await req(th, 'PUT', `/api/plans/indicators/${boundId}/countries/TH`, {
        baselineValue: 10,
      });
      expect(noYear.statusCode).toBe(400);
      expect(noYear.json().error.field).toBe('baselineYear');

      const sel = await req(th, 'PUT', `/api/plans/indicators/${boundId}/countries/TH`, {
        baselineValue: 300,
        baselineYear: 2010,
        baselineNote: 'national database',
      });
      expect(sel.statusCode, sel.body).toBe(200);
      const body = sel.json();
      expect(body).toMatchObject({ countryCode: 'TH', baselineValue: 300, version: 1 });
      // One row per framework year (SPA III, 2011–2015 or as seeded).
      const fw = await t.handle.db
        .selectFrom('plan_framework')
        .select(['period_start', 'period_end', 'extended_to'])
        .where('id', '=', 'SPA3')
        .executeTakeFirstOrThrow();
      const last = fw.extended_to ?? fw.period_end;
      expect(body.years.map((y: { year: number }) => y.year)).toEqual(
        Array.from({ length: last - fw.period_start + 1 }, (_, i) => fw.period_start + i),
      );
      const twice = await req(th, 'PUT', `/api/plans/indicators/${boundId}/countries/TH`, {});
      expect(twice.statusCode).toBe(409);

      const baseline = await req(th, 'PUT', `/api/plans/indicators/${boundId}/countries/TH`, {
        baselineValue: 320,
        version: 1,
      });
      expect(baseline.statusCode, baseline.body).toBe(200);
      expect(baseline.json()).toMatchObject({ baselineValue: 320, baselineYear: 2010, version: 2 });
      const stale = await req(th, 'PUT', `/api/plans/indicators/${boundId}/countries/TH`, {
        baselineValue: 1,
        version: 1,
      });
      expect(stale.statusCode).toBe(409);

      // Kambodia's focal point neither sees Thailand's selection nor its dashboard.
      expect(
        (await req(kh, 'GET', `/api/plans/indicators/${boundId}/countries/TH`)).statusCode,
      ).toBe(403);
      expect((await req(kh, 'GET', '/api/plans/indicator-dashboard?country=TH')).statusCode).toBe(
        403,
      );
      const khList = await req(kh, 'GET', '/api/plans/indicators?framework=SPA3');
      expect(
        (khList.json() as { code: string; countries: string[] }[]).find(
          (i) => i.code === 'T-3.1-VI',
        )?.countries,
      ).toEqual([]);
    });

    it('takes actuals of a bound indicator from Reported statistics only, and refuses manual ones', async () => {
      const db = t.handle.db;
      await db
        .deleteFrom('stat_value')
        .where('data_element', '=', 'VICTIMS_IDENTIFIED')
        .where('country', '=', 'TH')
        .where('period', 'in', ['2012', '2013', '2014'])
        .execute();
      const cell = { data_element: 'VICTIMS_IDENTIFIED', country: 'TH', period_type: 'Yearly' };
      await db
        .insertInto('stat_value')
        .values([
          { ...cell, period: '2012', status: 'Reported', value: 350 },
          { ...cell, period: '2013', status: 'Reported', value: 280 },
          { ...cell, period: '2014', status: 'Missing', value: null },
          // A breakdown is not the total: it must not be read.
          { ...cell, period: '2014', sex: 'F', status: 'Reported', value: 999 },
        ])
        .execute();

      const sel = await req(th, 'GET', `/api/plans/indicators/${boundId}/countries/TH`);
      const version = sel.json().version as number;
      const manual = await req(th, 'PUT', `/api/plans/indicators/${boundId}/countries/TH/years`, {
        version,
        years: [{ year: 2012, markerValue: 330, actualValue: 5 }],
      });
      expect(manual.statusCode).toBe(400);
      expect(manual.json().error.field).toBe('years.0.actualValue');
      const outside = await req(th, 'PUT', `/api/plans/indicators/${boundId}/countries/TH/years`, {
        version,
        years: [{ year: 2030, markerValue: 1 }],
      });
      expect(outside.statusCode).toBe(400);
      expect(outside.json().error.field).toBe('years.0.year');

      const saved = await req(th, 'PUT', `/api/plans/indicators/${boundId}/countries/TH/years`, {
        version,
        years: [
          { year: 2012, markerValue: 330 },
          { year: 2013, markerValue: 340, markerNote: 'raised after review' },
          { year: 2014, markerValue: 350 },
        ],
      });
      expect(saved.statusCode, saved.body).toBe(200);
      const years = saved.json().years as Json[];
      const y = (n: number) => years.find((r) => r.year === n);
      expect(y(2012)).toMatchObject({
        markerValue: 330,
        actualValue: 350,
        actualSource: 'Statistics',
        status: 'on_track',
      });
      expect(y(2013)).toMatchObject({ actualValue: 280, status: 'off_track' });
      expect(y(2014)).toMatchObject({ actualValue: null, actualSource: null, status: 'no_data' });
      expect(saved.json()).toMatchObject({
        status: 'off_track',
        statusYear: 2013,
        version: version + 1,
      });

      const staleYears = await req(
        th,
        'PUT',
        `/api/plans/indicators/${boundId}/countries/TH/years`,
        {
          version,
          years: [],
        },
      );
      expect(staleYears.statusCode).toBe(409);
    });

    it('keeps manual actuals and shows the dashboard per country', async () => {
      const sel = await req(secretariat, 'PUT', `/api/plans/indicators/${manualId}/countries/TH`, {
        baselineValue: 24,
        baselineYear: 2010,
      });
      expect(sel.statusCode, sel.body).toBe(200);
      const years = await req(th, 'PUT', `/api/plans/indicators/${manualId}/countries/TH/years`, {
        version: 1,
        years: [
          { year: 2012, markerValue: 20, actualValue: 18, actualNote: 'cabinet approval' },
          { year: 2013, markerValue: 16 },
        ],
      });
      expect(years.statusCode, years.body).toBe(200);
      const ys = years.json().years as Json[];
      expect(ys.find((r) => r.year === 2012)).toMatchObject({
        actualValue: 18,
        actualSource: 'Manual',
        status: 'on_track',
      });
      expect(years.json()).toMatchObject({ status: 'on_track', statusYear: 2012 });

      const dash = await req(th, 'GET', '/api/plans/indicator-dashboard?framework=SPA3');
      expect(dash.statusCode, dash.body).toBe(200);
      const d = dash.json();
      expect(d.country).toBe('TH');
      expect(d.countries).toEqual(['TH']);
      expect(d.rows.map((r: { indicator: { code: string } }) => r.indicator.code)).toEqual([
        'T-1.1-DUR',
        'T-3.1-VI',
      ]);
      expect(d.totals).toEqual({ on_track: 1, off_track: 1, no_data: 0 });

      const khDash = await req(kh, 'GET', '/api/plans/indicator-dashboard?framework=SPA3');
      expect(khDash.json()).toMatchObject({ country: 'KH', rows: [] });
      const regional = await req(
        secretariat,
        'GET',
        '/api/plans/indicator-dashboard?framework=SPA3&country=TH',
      );
      expect(regional.json().rows).toHaveLength(2);
      expect(regional.json().countries).toHaveLength(6);
      const badFw = await req(secretariat, 'GET', '/api/plans/indicator-dashboard?framework=NOPE');
      expect(badFw.statusCode).toBe(400);
      expect(badFw.json().error.field).toBe('framework');

      // Deselect: stale version refused, then gone with its years.
      const stale = await req(
        th,
        'DELETE',
        `/api/plans/indicators/${manualId}/countries/TH?version=1`,
      );
      expect(stale.statusCode).toBe(409);
      const gone = await req(
        th,
        'DELETE',
        `/api/plans/indicators/${manualId}/countries/TH?version=2`,
      );
      expect(gone.statusCode, gone.body).toBe(204);
      expect(
        (await req(th, 'GET', `/api/plans/indicators/${manualId}/countries/TH`)).statusCode,
      ).toBe(404);
      const ops = (await audits())
        .filter((a) => a.action === 'plans.indicator_save')
        .map((a) => (typeof a.details === 'string' ? JSON.parse(a.details) : a.details).op);
      expect(ops).toEqual(
        expect.arrayContaining(['create', 'update', 'select', 'baseline', 'years', 'deselect']),
      );
    });

    it('seeds demo indicators once, demo-labelled', async () => {
      const first = await seedDemoIndicators(t.ctx);
      expect(first.indicators).toBeGreaterThanOrEqual(4);
      expect(first.selections).toBeGreaterThanOrEqual(16);
      const again = await seedDemoIndicators(t.ctx);
      expect(again).toEqual({ indicators: 0, selections: 0, years: 0 });
      const demo = await t.handle.db
        .selectFrom('plan_indicator')
        .select(['code', 'title', 'source', 'stat_element_code'])
        .where('code', 'like', 'DEMO-%')
        .execute();
      expect(
        demo.every((d) => d.title.startsWith('[Demo]') && /synthetic/.test(d.source ?? '')),
      ).toBe(true);
      expect(demo.some((d) => d.stat_element_code === 'VICTIMS_IDENTIFIED')).toBe(true);
      const dash = await req(th, 'GET', '/api/plans/indicator-dashboard?framework=SPA3');
      expect(dash.json().rows.length).toBeGreaterThanOrEqual(5);
    });
  });
}
