/**
 * Plans, budgets and trainings area: the seeded datasets, the money checks, USD totals, the
 * training events with their targets and counts, country scope, locks and audit rows, through the
 * API on both engines.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type Client, loginAs, type TestApp } from './app';
import { DB_TARGETS } from './db';

type Json = Record<string, unknown>;

for (const engine of DB_TARGETS) {
  describe(`${engine}: plans budgets and trainings`, () => {
    let t: TestApp;
    let th: Client;
    let kh: Client;
    let secretariat: Client;

    beforeAll(async () => {
      t = await buildTestApp(engine);
      [th, kh, secretariat] = await Promise.all([
        loginAs(t.app, 'th.focal'),
        loginAs(t.app, 'kh.focal'),
        loginAs(t.app, 'secretariat'),
      ]);
    });
    afterAll(async () => {
      await t.close();
    });

    const get = (c: Client, url: string) => c.request({ method: 'GET', url });
    const post = (c: Client, url: string, payload: unknown) =>
      c.request({ method: 'POST', url, payload: payload as Json });
    const put = (c: Client, url: string, payload: unknown) =>
      c.request({ method: 'PUT', url, payload: payload as Json });
    const del = (c: Client, url: string) => c.request({ method: 'DELETE', url });
    const audits = async (action: string) =>
      t.handle.db
        .selectFrom('audit_event')
        .select(['action', 'outcome', 'target_id', 'details'])
        .where('action', '=', action)
        .orderBy('seq')
        .execute();

    it('seeds the budget allocations as given: RMB as CNY, stated USD, implied rate, Change rows', async () => {
      const res = await get(secretariat, '/api/plans/budgets');
      expect(res.statusCode, res.body).toBe(200);
      const items = res.json().items as Json[];
      expect(items.filter((i) => i.isSeeded)).toHaveLength(16);
      expect(items).toContainEqual(
        expect.objectContaining({
          countryCode: 'CN',
          amountLocal: 50_000_000,
          currency: 'CNY',
          usdRate: 6.25,
          usdAmount: 8_000_000,
          usdIsStated: true,
          amountText: '50 million RMB (USD 8 million)',
        }),
      );
      expect(items).toContainEqual(
        expect.objectContaining({
          countryCode: 'MM',
          periodKind: 'Change',
          amountLocal: null,
          amountText: 'more than doubled',
        }),
      );
      expect(items).toContainEqual(
        expect.objectContaining({
          countryCode: 'TH',
          yearStart: 2015,
          fiscalYear: true,
          usdRate: 32,
        }),
      );
      const uniap = items.filter((i) => i.entity === 'UNIAP');
      expect(uniap).toHaveLength(3);
      expect(uniap.every((i) => i.countryCode === null)).toBe(true);
      expect(items.some((i) => i.entity === 'JICA' && i.countryCode === null)).toBe(true);
    });

    it('shows a focal point their own country only and refuses another country (audited)', async () => {
      const mine = await get(th, '/api/plans/budgets');
      expect(mine.statusCode).toBe(200);
      const items = mine.json().items as Json[];
      expect(items.length).toBeGreaterThan(0);
      expect(items.every((i) => i.countryCode === 'TH')).toBe(true);
      const before = (await audits('access.denied')).length;
      const other = await get(th, '/api/plans/budgets?country=KH');
      expect(other.statusCode).toBe(403);
      expect((await audits('access.denied')).length).toBe(before + 1);
      const khRow = (await get(kh, '/api/plans/budgets')).json().items[0] as Json;
      const peek = await get(th, `/api/plans/budgets/${khRow.id}`);
      expect(peek.statusCode).toBe(403);
    });

    it('totals USD by country × year (annual rows per year, multi-year by range) and by area', async () => {
      const res = await get(secretariat, '/api/plans/budgets/totals');
      expect(res.statusCode, res.body).toBe(200);
      const totals = res.json();
      expect(totals.byHolderYear).toContainEqual(
        expect.objectContaining({ holder: 'TH', isCountry: true, year: 2014, usd: 6_500_000 }),
      );
      expect(totals.byHolderYear).toContainEqual(
        expect.objectContaining({ holder: 'MM', year: null, period: '2011–2014', usd: 11_600_000 }),
      );
      // The Viet Nam yearly average counts in each year of 2011–2015.
      expect(totals.byHolderYear).toContainEqual(
        expect.objectContaining({ holder: 'VN', year: 2013, usd: 4_000_000 }),
      );
      expect(totals.notSummed).toBe(2);
      const th2014 = await get(secretariat, '/api/plans/budgets/totals?country=TH&year=2014');
      expect(th2014.json().byHolderYear).toEqual([
        expect.objectContaining({ holder: 'TH', year: 2014, usd: 6_500_000 }),
      ]);
    });

    let budgetId = '';

    it('refuses a wrong currency, a missing rate, a reversed period and another country', async () => {
      const base = {
        countryCode: 'TH',
        recipient: 'Test allocation',
        currency: 'THB',
        amountLocal: 3_300_000,
        usdRate: 33,
        periodKind: 'Annual',
        yearStart: 2016,
      };
      const before = await t.handle.db
        .selectFrom('budget_allocation')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .executeTakeFirstOrThrow();
      const wrong = await post(th, '/api/plans/budgets', { ...base, currency: 'VND' });
      expect(wrong.statusCode).toBe(400);
      expect(wrong.json().error.message).toMatch(/^currency/);
      const noRate = await post(th, '/api/plans/budgets', { ...base, usdRate: null });
      expect(noRate.statusCode).toBe(400);
      expect(noRate.json().error.message).toMatch(/^usdRate/);
      const reversed = await post(th, '/api/plans/budgets', { ...base, yearEnd: 2015 });
      expect(reversed.statusCode).toBe(400);
      expect(reversed.json().error.message).toMatch(/^yearEnd/);
      const negative = await post(th, '/api/plans/budgets', { ...base, amountLocal: -5 });
      expect(negative.statusCode).toBe(400);
      expect(negative.body).toMatch(/amountLocal/);
      const badArea = await post(th, '/api/plans/budgets', {
        ...base,
        frameworkId: 'SPA3',
        areaNodeId: '00000000-0000-4000-8000-000000000000',
      });
      expect(badArea.statusCode).toBe(400);
      expect(badArea.json().error.message).toMatch(/^areaNodeId/);
      const forKh = await post(th, '/api/plans/budgets', {
        ...base,
        countryCode: 'KH',
        currency: 'KHR',
      });
      expect(forKh.statusCode).toBe(403);
      const entity = await post(th, '/api/plans/budgets', {
        ...base,
        countryCode: null,
        entity: 'Donor X',
        currency: 'USD',
      });
      expect(entity.statusCode).toBe(403);
      const after = await t.handle.db
        .selectFrom('budget_allocation')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .executeTakeFirstOrThrow();
      expect(Number(after.n)).toBe(Number(before.n));

      const area = await t.handle.db
        .selectFrom('plan_node')
        .select('id')
        .where('framework_id', '=', 'SPA3')
        .where('kind', '=', 'area')
        .where('code', '=', '1')
        .executeTakeFirstOrThrow();
      const ok = await post(th, '/api/plans/budgets', {
        ...base,
        frameworkId: 'SPA3',
        areaNodeId: area.id,
      });
      expect(ok.statusCode, ok.body).toBe(201);
      expect(ok.json()).toMatchObject({ usdAmount: 100_000, usdIsStated: false, areaCode: '1' });
      budgetId = ok.json().id;
      const save = await audits('plans.budget_save');
      expect(save.at(-1)).toMatchObject({ outcome: 'success', target_id: budgetId });
      const byArea = (await get(th, '/api/plans/budgets/totals')).json().byArea as Json[];
      expect(byArea).toContainEqual(expect.objectContaining({ areaCode: '1', usd: 100_000 }));
    });

    it('edits with optimistic locking, deletes by the Secretariat, audited; other countries may not', async () => {
      const current = (await get(th, `/api/plans/budgets/${budgetId}`)).json();
      const body = {
        countryCode: 'TH',
        recipient: 'Test allocation (revised)',
        currency: 'USD',
        amountLocal: 120_000,
        periodKind: 'Annual',
        yearStart: 2016,
        version: current.version,
      };
      const byKh = await put(kh, `/api/plans/budgets/${budgetId}`, body);
      expect(byKh.statusCode).toBe(403);
      const ok = await put(th, `/api/plans/budgets/${budgetId}`, body);
      expect(ok.statusCode, ok.body).toBe(200);
      expect(ok.json()).toMatchObject({ usdAmount: 120_000, usdRate: null, version: 2 });
      const stale = await put(th, `/api/plans/budgets/${budgetId}`, body);
      expect(stale.statusCode).toBe(409);
      // Deleting is the Secretariat's (focal points hold no plan:delete).
      const gone = await del(th, `/api/plans/budgets/${budgetId}`);
      expect(gone.statusCode).toBe(403);
      const removed = await del(secretariat, `/api/plans/budgets/${budgetId}`);
      expect(removed.statusCode).toBe(204);
      expect((await get(th, `/api/plans/budgets/${budgetId}`)).statusCode).toBe(404);
      const ops = (await audits('plans.budget_save'))
        .filter((a) => a.target_id === budgetId)
        .map((a) => (a.details as Json).op);
      expect(ops).toEqual(['create', 'update', 'delete']);
    });

    it('seeds the trainings grouped into events with counts, events_count, targets and quotes', async () => {
      const res = await get(secretariat, '/api/plans/trainings');
      expect(res.statusCode, res.body).toBe(200);
      const items = res.json().items as Json[];
      expect(items.filter((i) => i.isSeeded)).toHaveLength(51);
      const regional = items.filter(
        (i) => i.countryCode === 'KH' && i.title === 'Regional training programmes',
      );
      expect(regional).toHaveLength(2);
      expect(regional).toContainEqual(
        expect.objectContaining({ eventsCount: 2, targets: ['1.2'], areaCode: '1' }),
      );
      const perEvent = regional.find((r) => (r.counts as Json[]).length > 0) as Json;
      expect(perEvent.counts).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ traineeType: 'government_official', sex: 'Total', count: 5 }),
          expect.objectContaining({ traineeType: 'ngo_staff', sex: 'Total', count: 4 }),
        ]),
      );
      expect(perEvent.participants).toBe(9);
      expect(perEvent.quote).toMatch(/5 government officials and 4 non-government/);
      const cm4tip = items.find((i) => String(i.title).startsWith('Thai-Japan Workshop')) as Json;
      expect(cm4tip.counts).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ sex: 'Female', count: 35 }),
          expect.objectContaining({ sex: 'Male', count: 22 }),
        ]),
      );
      expect(cm4tip.participants).toBe(57);
      const bilateral = items.find((i) =>
        String(i.title).startsWith('Training of Trainer on Management'),
      );
      expect(bilateral).toMatchObject({
        startOn: '2018-08-16',
        endOn: '2018-08-17',
        level: 'bilateral',
      });

      const target = await get(secretariat, '/api/plans/trainings?target=1.2');
      expect((target.json().items as Json[]).map((i) => i.title)).toEqual([
        'Regional training programmes',
      ]);
      const la = await get(secretariat, '/api/plans/trainings/totals?country=LA');
      expect(la.statusCode).toBe(200);
      expect(la.json()).toMatchObject({
        events: 7,
        participants: 78 + 440 + 1175 + 76 + 105 + 1874 + 2047,
      });
    });

    it('refuses end before start, negative counts, a target outside the framework; scoped', async () => {
      const base = {
        countryCode: 'TH',
        level: 'national',
        title: 'Victim identification for labour inspectors',
        trainers: 'MSDHS trainers',
        startOn: '2014-03-10',
        endOn: '2014-03-12',
        frameworkId: 'SPA3',
        targets: ['2.2'],
        counts: [
          { traineeType: 'government_official', sex: 'Female', count: 12 },
          { traineeType: 'government_official', sex: 'Male', count: 9 },
        ],
      };
      const reversed = await post(th, '/api/plans/trainings', { ...base, endOn: '2014-03-01' });
      expect(reversed.statusCode).toBe(400);
      expect(reversed.json().error.message).toMatch(/^endOn/);
      const negative = await post(th, '/api/plans/trainings', {
        ...base,
        counts: [{ traineeType: 'ngo_staff', sex: 'Total', count: -1 }],
      });
      expect(negative.statusCode).toBe(400);
      expect(negative.body).toMatch(/count/);
      const badTarget = await post(th, '/api/plans/trainings', { ...base, targets: ['9.9'] });
      expect(badTarget.statusCode).toBe(400);
      expect(badTarget.json().error.message).toMatch(/^targets\.0/);
      const badLevel = await post(th, '/api/plans/trainings', { ...base, level: 'galactic' });
      expect(badLevel.statusCode).toBe(400);
      const forKh = await post(th, '/api/plans/trainings', { ...base, countryCode: 'KH' });
      expect(forKh.statusCode).toBe(403);

      const ok = await post(th, '/api/plans/trainings', base);
      expect(ok.statusCode, ok.body).toBe(201);
      const created = ok.json();
      expect(created).toMatchObject({
        targets: ['2.2'],
        participants: 21,
        yearStart: 2014,
        version: 1,
      });
      expect((await get(kh, `/api/plans/trainings/${created.id}`)).statusCode).toBe(403);
      const khList = (await get(kh, '/api/plans/trainings')).json().items as Json[];
      expect(khList.every((i) => i.countryCode === 'KH')).toBe(true);

      const upd = await put(th, `/api/plans/trainings/${created.id}`, {
        ...base,
        targets: ['2.2', '2.3'],
        version: 1,
      });
      expect(upd.statusCode, upd.body).toBe(200);
      expect(upd.json()).toMatchObject({ targets: ['2.2', '2.3'], version: 2 });
      const stale = await put(th, `/api/plans/trainings/${created.id}`, { ...base, version: 1 });
      expect(stale.statusCode).toBe(409);
      const by23 = (await get(th, '/api/plans/trainings?target=2.3&year=2014')).json();
      expect(by23.items.map((i: Json) => i.id)).toEqual([created.id]);
      expect(by23.totals.byTraineeType).toEqual([
        { traineeType: 'government_official', sex: 'Female', count: 12 },
        { traineeType: 'government_official', sex: 'Male', count: 9 },
      ]);
      const saves = (await audits('plans.training_save')).filter((a) => a.target_id === created.id);
      expect(saves.map((a) => (a.details as Json).op)).toEqual(['create', 'update']);
      expect((await del(th, `/api/plans/trainings/${created.id}`)).statusCode).toBe(403);
      expect((await del(secretariat, `/api/plans/trainings/${created.id}`)).statusCode).toBe(204);
      expect((await get(th, `/api/plans/trainings/${created.id}`)).statusCode).toBe(404);
    });
  });
}
