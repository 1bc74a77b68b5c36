import { randomUUID } from 'node:crypto';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type Client, loginAs, type TestApp } from './app';
import { DB_TARGETS } from './db';

type Cell = { value: number | null; status: string; isDerived?: boolean; isLowerBound?: boolean };
type Dims = Partial<Record<'sex' | 'age_group' | 'country_from' | 'country_to', string>>;

for (const engine of DB_TARGETS) {
  describe(`${engine}: statistics derived (tables, overview, comparison)`, () => {
    let t: TestApp;
    let focal: Client;
    let researcher: Client;
    let secretariat: Client;

    async function put(
      country: string,
      period: string,
      dims: Dims,
      value: number | null,
      status = 'Reported',
      element = 'VICTIMS_IDENTIFIED',
    ) {
      await t.ctx.db
        .insertInto('stat_value')
        .values({
          data_element: element,
          country,
          period,
          period_type: 'Yearly',
          ...dims,
          status,
          value,
        })
        .execute();
    }

    async function publish(country: string, cells: [Dims, number | null, string][]) {
      await t.ctx.db
        .insertInto('stat_published_set')
        .values({
          data_set: 'VICTIMS',
          country,
          period: '2020',
          version: 1,
          origin_node: `${country.toLowerCase()}-node`,
          status: 'Approved',
          approved_at: new Date(),
          threshold: 5,
        })
        .execute();
      for (const [dims, value, status] of cells) {
        await t.ctx.db
          .insertInto('stat_published_value')
          .values({
            data_set: 'VICTIMS',
            data_element: 'VICTIMS_IDENTIFIED',
            country,
            period: '2020',
            period_type: 'Yearly',
            ...dims,
            status,
            value,
            source_citation: `${country} national report 2020`,
          })
          .execute();
      }
    }

    const query = (c: Client, body: Record<string, unknown>, url = '/api/statistics/query') =>
      c.request({ method: 'POST', url, payload: body });
    const cellAt = (
      table: { rowHeaders: string[][]; columnHeaders: string[][]; cells: Cell[][] },
      row: string[],
      col: string[],
    ): Cell => {
      const i = table.rowHeaders.findIndex((h) => h.join('|') === row.join('|'));
      const j = table.columnHeaders.findIndex((h) => h.join('|') === col.join('|'));
      return table.cells[i]?.[j] as Cell;
    };

    beforeAll(async () => {
      t = await buildTestApp(engine);
      focal = await loginAs(t.app, 'th.focal');
      researcher = await loginAs(t.app, 'th.researcher');
      secretariat = await loginAs(t.app, 'secretariat');
      // 2020: printed total, sex and sex × age all stored; 2021: only the sex parts.
      await put('TH', '2020', {}, 100);
      await put('TH', '2020', { sex: 'F' }, 60);
      await put('TH', '2020', { sex: 'M' }, 40);
      await put('TH', '2020', { sex: 'F', age_group: 'U18' }, 20);
      await put('TH', '2020', { sex: 'F', age_group: '18+' }, 40);
      await put('TH', '2020', { sex: 'M', age_group: 'U18' }, 10);
      await put('TH', '2020', { sex: 'M', age_group: '18+' }, 30);
      await put('TH', '2021', { sex: 'F' }, 30);
      await put('TH', '2021', { sex: 'M' }, 25);
      // 2022: a small cell; 2023: withheld by the source.
      await put('TH', '2022', {}, 53);
      await put('TH', '2022', { sex: 'F' }, 3);
      await put('TH', '2022', { sex: 'M' }, 50);
      await put('TH', '2023', {}, null, 'SuppressedAtSource');
      await put('KH', '2020', {}, 77);
    }, 120_000);
    afterAll(async () => {
      await t?.close();
    });

    it('never double counts values stored at several levels', async () => {
      const res = await query(focal, {
        dataElement: 'VICTIMS_IDENTIFIED',
        rows: ['sex'],
        columns: ['period'],
        periodFrom: '2020',
        periodTo: '2021',
        internal: true,
      });
      expect(res.statusCode).toBe(200);
      const table = res.json();
      expect(table.columnHeaders).toEqual([['2020'], ['2021'], ['']]);
      expect(cellAt(table, [''], ['2020'])).toEqual({ value: 100, status: 'Reported' });
      expect(cellAt(table, [''], ['2021'])).toMatchObject({ value: 55, isDerived: true });
      expect(cellAt(table, ['F'], [''])).toMatchObject({ value: 90 });
      expect(cellAt(table, [''], [''])).toMatchObject({ value: 155 });
      // Age alone: the total is not added to the sex × age parts.
      const age = await query(focal, {
        dataElement: 'VICTIMS_IDENTIFIED',
        rows: ['age_group'],
        filters: { period: ['2020'] },
        internal: true,
      });
      const a = age.json();
      expect(cellAt(a, ['U18'], [])).toMatchObject({ value: 30, isDerived: true });
      expect(cellAt(a, [''], [])).toMatchObject({ value: 100 });
    });

    it('suppresses small cells and their complements; keeps missing visible', async () => {
      const res = await query(focal, {
        dataElement: 'VICTIMS_IDENTIFIED',
        rows: ['sex'],
        columns: ['period'],
        periodFrom: '2022',
        periodTo: '2023',
      });
      const table = res.json();
      expect(table.disclosure.internal).toBe(false);
      expect(cellAt(table, ['F'], ['2022']).status).toBe('Suppressed');
      expect(cellAt(table, ['F'], ['2022']).value).toBeNull();
      expect(table.disclosure.secondary).toBeGreaterThan(0);
      // M 2022 would give F away by subtraction from the total: withheld too.
      expect(cellAt(table, ['M'], ['2022']).status).toBe('SecondarySuppressed');
      expect(cellAt(table, [''], ['2023'])).toEqual({ value: null, status: 'SuppressedAtSource' });
    });

    it('internal figures need statistic_internal:read and are audited', async () => {
      const denied = await query(researcher, {
        dataElement: 'VICTIMS_IDENTIFIED',
        rows: ['sex'],
        internal: true,
      });
      expect(denied.statusCode).toBe(403);
      const ok = await query(focal, {
        dataElement: 'VICTIMS_IDENTIFIED',
        rows: ['sex'],
        internal: true,
      });
      expect(ok.statusCode).toBe(200);
      expect(ok.json().disclosure.internal).toBe(true);
      const events = await t.ctx.db
        .selectFrom('audit_event')
        .select(['action', 'outcome', 'actor_user_id'])
        .where('action', 'in', ['statistics.read_internal', 'access.denied'])
        .execute();
      expect(events).toContainEqual(
        expect.objectContaining({
          action: 'statistics.read_internal',
          actor_user_id: focal.userId,
        }),
      );
      expect(events).toContainEqual(
        expect.objectContaining({ action: 'access.denied', actor_user_id: researcher.userId }),
      );
    });

    it('keeps a country user to its own country on the national source', async () => {
      const res = await query(focal, {
        dataElement: 'VICTIMS_IDENTIFIED',
        rows: ['country'],
        filters: { period: ['2020'] },
        internal: true,
      });
      expect(res.json().rowHeaders).toEqual([['TH'], ['']]);
      const other = await query(focal, {
        dataElement: 'VICTIMS_IDENTIFIED',
        filters: { country: ['KH'] },
      });
      expect(other.statusCode).toBe(403);
      const region = await query(secretariat, {
        dataElement: 'VICTIMS_IDENTIFIED',
        rows: ['country'],
        filters: { period: ['2020'] },
      });
      expect(region.json().rowHeaders).toEqual([['KH'], ['TH'], ['']]);
      expect(cellAt(region.json(), [''], [])).toMatchObject({ value: 177 });
    });

    it('shows the regional source side by side; totals over withheld parts are lower bounds', async () => {
      await publish('LA', [
        [{}, 30, 'Reported'],
        [{ sex: 'F' }, null, 'Suppressed'],
        [{ sex: 'M' }, null, 'SecondarySuppressed'],
      ]);
      await publish('MM', [
        [{ sex: 'F' }, null, 'Suppressed'],
        [{ sex: 'M' }, 20, 'Reported'],
      ]);
      const res = await query(secretariat, {
        source: 'regional',
        dataElement: 'VICTIMS_IDENTIFIED',
        rows: ['country'],
        columns: ['sex'],
        periodFrom: '2020',
        periodTo: '2020',
      });
      expect(res.statusCode).toBe(200);
      const table = res.json();
      expect(table.rowHeaders).toEqual([['LA'], ['MM'], ['']]);
      expect(cellAt(table, ['LA'], [''])).toEqual({ value: 30, status: 'Reported' });
      expect(cellAt(table, ['MM'], [''])).toMatchObject({ value: 20, isLowerBound: true });
      expect(cellAt(table, [''], ['F'])).toMatchObject({ value: null, status: 'Suppressed' });
      expect(cellAt(table, [''], [''])).toMatchObject({ value: 50, isLowerBound: true });
      expect(table.sources.map((s: { citation: string }) => s.citation)).toContain(
        'LA national report 2020',
      );
      // A country user reads the published figures of every country too.
      const th = await query(focal, {
        source: 'regional',
        dataElement: 'VICTIMS_IDENTIFIED',
        rows: ['country'],
      });
      expect(th.json().rowHeaders).toEqual([['LA'], ['MM'], ['']]);
      const overview = await secretariat.request({
        method: 'GET',
        url: '/api/statistics/overview?source=regional&periodFrom=2020&periodTo=2020',
      });
      expect(overview.statusCode).toBe(200);
      expect(overview.json().approvals).toHaveLength(2);
    });

    it('compares case-derived counts with the official figure and gives reasons', async () => {
      const agency = await t.ctx.db
        .selectFrom('app_user')
        .select(['agency_id'])
        .where('id', '=', focal.userId)
        .executeTakeFirstOrThrow();
      const addCase = async (status: string, date: string, gender: string) => {
        const personId = randomUUID();
        await t.ctx.db.insertInto('person').values({ id: personId, country_code: 'TH' }).execute();
        await t.ctx.db
          .insertInto('case_record')
          .values({
            id: randomUUID(),
            code: `TH-T-${randomUUID().slice(0, 8)}`,
            person_id: personId,
            country_code: 'TH',
            agency_id: agency.agency_id,
            owner_user_id: focal.userId,
            identification_status: status,
            identification_date: date,
            gender,
            age_at_identification: 30,
            created_at: `${date}T10:00:00Z`,
          })
          .execute();
      };
      for (let i = 0; i < 12; i += 1) {
        await addCase('Identified', '2021-03-01', i % 2 === 0 ? 'Female' : 'Male');
      }
      await addCase('Possible', '2021-04-01', 'Female');
      const res = await focal.request({
        method: 'GET',
        url: '/api/statistics/comparison?dataElement=VICTIMS_IDENTIFIED&periodFrom=2020&periodTo=2021&dimension=sex&internal=true',
      });
      expect(res.statusCode).toBe(200);
      const rows = res.json().rows as {
        period: string;
        option: string;
        official: number | null;
        derived: number | null;
        difference: number | null;
        reasons: string[];
        officialStatus: string;
      }[];
      const total2021 = rows.find((r) => r.period === '2021' && r.option === '');
      // 2021 has no printed total: the official figure is the sum of the sex parts (55).
      expect(total2021).toMatchObject({ official: 55, derived: 12, difference: -43 });
      expect(total2021?.reasons).toEqual(
        expect.arrayContaining(['not_all_agencies_use_system', 'possible_victims_not_confirmed']),
      );
      const total2020 = rows.find((r) => r.period === '2020' && r.option === '');
      expect(total2020?.reasons).toContain('identified_before_system');
      // Disclosure control on the derived counts unless internal: 6 and 6 stay, but not 3 or 4.
      const pub = await focal.request({
        method: 'GET',
        url: '/api/statistics/comparison?dataElement=VICTIMS_IDENTIFIED&periodFrom=2022&periodTo=2023',
      });
      const r2023 = (pub.json().rows as { period: string; reasons: string[] }[]).find(
        (r) => r.period === '2023',
      );
      expect(r2023?.reasons).toContain('official_suppressed_at_source');
      const r2022 = (pub.json().rows as { period: string; reasons: string[] }[]).find(
        (r) => r.period === '2022',
      );
      expect(r2022?.reasons).toEqual(['not_all_agencies_use_system']);
    });

    it('downloads the table as shown in CSV and XLSX', async () => {
      const body = {
        dataElement: 'VICTIMS_IDENTIFIED',
        rows: ['sex'],
        columns: ['period'],
        periodFrom: '2022',
        periodTo: '2023',
      };
      const csv = await query(focal, body, '/api/statistics/query?format=csv&lang=en');
      expect(csv.statusCode).toBe(200);
      expect(csv.headers['content-type']).toContain('text/csv');
      const text = csv.body;
      expect(text).toContain('x = withheld by disclosure control');
      expect(text).toContain('(s)');
      expect(text).not.toMatch(/,3,/);
      const xlsx = await focal.request({
        method: 'POST',
        url: '/api/statistics/query?format=xlsx&lang=th',
        payload: body,
      });
      expect(xlsx.statusCode).toBe(200);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
      const sheet = wb.worksheets[0];
      const values = sheet?.getSheetValues().flat().map(String) ?? [];
      expect(values).toContain('x');
      expect(values.some((v) => v.includes('ปกปิด'))).toBe(true);
      // The researcher may read but not export.
      const denied = await query(researcher, body, '/api/statistics/query?format=csv');
      expect(denied.statusCode).toBe(403);
    });
  });
}
