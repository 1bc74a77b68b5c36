import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ColumnMapping } from '@ctip/domain';
import {
  type AuthContext,
  exportStatValues,
  importStatFile,
  loadActor,
  systemMeta,
} from '@ctip/services';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type Client, loginAs, type TestApp } from './app';
import { DB_TARGETS } from './db';

const FIX = join(import.meta.dirname, 'fixtures', 'statistics-exchange');
const TABLE1 = readFileSync(
  join(FIX, 's002_table1_officially_identified_trafficked_persons_2008_2012.csv'),
);
const REPAT = readFileSync(
  join(FIX, 'combined_repatriations_by_country_pair_year_sex_age_long.csv'),
);
const MSDHS = readFileSync(
  join(
    FIX,
    's004_thailand_msdhs_shelter_victims_2017_by_nationality_exploitation_age_sex_wide.csv',
  ),
);

const TABLE1_MAPPING: ColumnMapping = {
  layout: 'wide',
  fields: {
    dataElement: { fixed: 'VICTIMS_IDENTIFIED' },
    country: { column: 'country' },
    dimensions: {},
  },
  columns: ['2008', '2009', '2010', '2011', '2012'].map((y) => ({
    column: `y${y}`,
    period: y,
    dimensions: {},
  })),
  optionMaps: {},
  skipRows: [],
};

const REPAT_MAPPING: ColumnMapping = {
  layout: 'long',
  fields: {
    dataElement: { fixed: 'VICTIMS_RETURNED' },
    country: { column: 'reporting_country' },
    period: { column: 'year' },
    dimensions: {
      country_from: { column: 'from_country' },
      country_to: { column: 'to_country' },
      channel: { column: 'channel' },
      sex: { column: 'sex' },
      age_group: { column: 'age_group' },
    },
  },
  value: { column: 'count' },
  optionMaps: {},
  skipRows: [],
};

function msdhsMapping(): ColumnMapping {
  const header = MSDHS.toString('utf8').split(/\r?\n/)[0]?.split(',') ?? [];
  const columns = header
    .filter((h) => h !== 'nationality' && h !== 'total')
    .map((h) => {
      const m = /^(.*)_(0_14|15_17|18_up)_(M|F)$/.exec(h) as RegExpExecArray;
      return {
        column: h,
        dimensions: {
          exploitation: m[1] as string,
          age_group: m[2] as string,
          sex: m[3] as string,
        },
      };
    });
  return {
    layout: 'wide',
    fields: {
      dataElement: { fixed: 'VICTIMS_ASSISTED' },
      country: { fixed: 'TH' },
      period: { fixed: '2017' },
      dimensions: { nationality: { column: 'nationality' } },
    },
    columns: [...columns, { column: 'total', dimensions: {} }],
    optionMaps: { nationality: { COLUMN_TOTAL_REPORTED: '' } },
    skipRows: [],
  };
}

for (const engine of DB_TARGETS) {
  describe(`${engine}: statistics exchange`, () => {
    let t: TestApp;
    let regional: AuthContext;
    let focal: Client;
    let secretariat: Client;

    beforeAll(async () => {
      t = await buildTestApp(engine);
      const admin = await t.ctx.db
        .selectFrom('app_user')
        .select('id')
        .where('username', '=', 'admin')
        .executeTakeFirstOrThrow();
      const actor = await loadActor(t.ctx.db, admin.id);
      if (!actor) {
        throw new Error('no admin');
      }
      regional = {
        actor: {
          ...actor,
          permissions: [
            ...actor.permissions,
            { resource: 'statistic', action: 'create', scope: 'region' },
            { resource: 'statistic', action: 'export', scope: 'region' },
            { resource: 'statistic_internal', action: 'read', scope: 'region' },
          ],
        },
        sessionId: 'test',
        meta: systemMeta('test'),
      };
      focal = await loginAs(t.app, 'th.focal');
      secretariat = await loginAs(t.app, 'secretariat');
    }, 120_000);

    afterAll(async () => {
      await t?.close();
    });

    it('imports Table 1 (wide) and a re-import changes nothing', async () => {
      const file = { fileName: 'table1.csv', data: TABLE1 };
      const first = await importStatFile({
        ctx: t.ctx,
        auth: regional,
        file,
        mapping: TABLE1_MAPPING,
      });
      expect(first.errors).toEqual([]);
      expect(first.status).toBe('Done');
      // 7 rows (6 countries + Total as XR) × 5 years.
      expect(first.inserted + first.updated + first.unchanged).toBe(35);
      const china2008 = await t.ctx.db
        .selectFrom('stat_value')
        .select(['status', 'value', 'printed'])
        .where('data_element', '=', 'VICTIMS_IDENTIFIED')
        .where('country', '=', 'CN')
        .where('period', '=', '2008')
        .where('sex', '=', '')
        .executeTakeFirstOrThrow();
      expect(china2008).toMatchObject({ status: 'Missing', value: null, printed: 'N/A' });
      const again = await importStatFile({
        ctx: t.ctx,
        auth: regional,
        file,
        mapping: TABLE1_MAPPING,
      });
      expect(again).toMatchObject({ status: 'Done', inserted: 0, updated: 0, unchanged: 35 });
    });

    it('imports the combined repatriations (long) and the MSDHS wide table', async () => {
      const repat = await importStatFile({
        ctx: t.ctx,
        auth: regional,
        file: { fileName: 'repat.csv', data: REPAT },
        mapping: REPAT_MAPPING,
      });
      expect(repat.errors).toEqual([]);
      expect(repat.status).toBe('Done');
      expect(repat.inserted + repat.updated + repat.unchanged).toBe(78);
      const again = await importStatFile({
        ctx: t.ctx,
        auth: regional,
        file: { fileName: 'repat.csv', data: REPAT },
        mapping: REPAT_MAPPING,
      });
      expect(again).toMatchObject({ inserted: 0, updated: 0 });
      const msdhs = await importStatFile({
        ctx: t.ctx,
        auth: regional,
        file: { fileName: 'msdhs.csv', data: MSDHS },
        mapping: msdhsMapping(),
      });
      expect(msdhs.errors).toEqual([]);
      expect(msdhs.status).toBe('Done');
      const thai = await t.ctx.db
        .selectFrom('stat_value')
        .select('value')
        .where('data_element', '=', 'VICTIMS_ASSISTED')
        .where('nationality', '=', 'TH')
        .where('exploitation', '=', '')
        .executeTakeFirstOrThrow();
      expect(thai.value).toBe(132);
    });

    it('a file with one bad row writes nothing and reports the row and column (HTTP)', async () => {
      const count = async () =>
        Number(
          (
            await t.ctx.db
              .selectFrom('stat_value')
              .select((eb) => eb.fn.countAll<number>().as('n'))
              .executeTakeFirstOrThrow()
          ).n,
        );
      const before = await count();
      const csv =
        'data_element,country,period,sex,value\nVICTIMS_IDENTIFIED,TH,2019,M,10\nVICTIMS_IDENTIFIED,TH,2019,F,abc\n';
      const start = await focal.request({
        method: 'POST',
        url: '/api/statistics/imports',
        payload: { fileName: 'bad.csv', contentBase64: Buffer.from(csv).toString('base64') },
      });
      expect(start.statusCode).toBe(202);
      let job = start.json();
      for (let i = 0; i < 100 && (job.status === 'Validating' || job.status === 'Importing'); i++) {
        await new Promise((r) => setTimeout(r, 50));
        job = (
          await focal.request({ method: 'GET', url: `/api/statistics/imports/${job.id}` })
        ).json();
      }
      expect(job.status).toBe('Failed');
      expect(job.errors).toEqual([
        expect.objectContaining({ row: 2, column: 'value', field: 'value', code: 'bad_value' }),
      ]);
      expect(await count()).toBe(before);
      // Another country is outside the focal point's scope.
      const other = await focal.request({
        method: 'POST',
        url: '/api/statistics/imports',
        payload: {
          fileName: 't1.csv',
          contentBase64: TABLE1.toString('base64'),
          mapping: TABLE1_MAPPING,
        },
      });
      let j2 = other.json();
      for (let i = 0; i < 100 && (j2.status === 'Validating' || j2.status === 'Importing'); i++) {
        await new Promise((r) => setTimeout(r, 50));
        j2 = (
          await focal.request({ method: 'GET', url: `/api/statistics/imports/${j2.id}` })
        ).json();
      }
      expect(j2.status).toBe('Failed');
      expect(j2.errors.some((e: { code: string }) => e.code === 'out_of_scope')).toBe(true);
    });

    it('saves a mapping, previews a matching file and reuses the mapping', async () => {
      const save = await focal.request({
        method: 'POST',
        url: '/api/statistics/mappings',
        payload: { name: 'MSDHS shelter 2017', mapping: msdhsMapping() },
      });
      expect(save.statusCode).toBe(201);
      const saved = save.json();
      const preview = await focal.request({
        method: 'POST',
        url: '/api/statistics/imports/preview',
        payload: { fileName: 'msdhs.csv', contentBase64: MSDHS.toString('base64') },
      });
      expect(preview.statusCode).toBe(200);
      const p = preview.json();
      expect(p.detectedLayout).toBe('wide');
      expect(p.matchingMappings.map((m: { id: string }) => m.id)).toContain(saved.id);
      const job = await importStatFile({
        ctx: t.ctx,
        auth: regional,
        file: { fileName: 'msdhs.csv', data: MSDHS },
        mappingId: saved.id,
      });
      expect(job).toMatchObject({ status: 'Done', inserted: 0, updated: 0 });
      const list = await focal.request({ method: 'GET', url: '/api/statistics/mappings' });
      expect(list.json().items).toHaveLength(1);
      const del = await focal.request({
        method: 'DELETE',
        url: `/api/statistics/mappings/${saved.id}`,
      });
      expect(del.statusCode).toBe(204);
      const denied = await secretariat.request({ method: 'GET', url: '/api/statistics/mappings' });
      expect(denied.statusCode).toBe(403);
    });

    it('ADX and CSV internal exports re-import to no change', async () => {
      for (const format of ['adx', 'csv'] as const) {
        const file = await exportStatValues({
          ctx: t.ctx,
          auth: regional,
          query: { format, dataSet: 'REPATRIATION', internal: 'true' },
        });
        expect(file.exported).toBeGreaterThan(60);
        const job = await importStatFile({
          ctx: t.ctx,
          auth: regional,
          file: { fileName: file.fileName, data: file.body },
        });
        expect(job.errors).toEqual([]);
        expect(job).toMatchObject({ status: 'Done', inserted: 0, updated: 0 });
      }
    });

    it('exports are disclosure-controlled unless internal, which needs the permission', async () => {
      const res = await secretariat.request({
        method: 'GET',
        url: '/api/statistics/export?format=csv&dataSet=VICTIMS&country=TH',
      });
      expect(res.statusCode).toBe(200);
      const lines = res.body.split(/\r?\n/);
      // Thai nationals, sexual exploitation, 0-14, M = 1: below the threshold.
      const suppressedLines = lines.filter((l) => l.includes(',Suppressed,'));
      expect(suppressedLines.length).toBeGreaterThan(0);
      expect(suppressedLines.every((l) => l.endsWith(',Suppressed,'))).toBe(true);
      expect(Number(res.headers['x-ctip-suppressed'])).toBeGreaterThan(0);
      const internal = await secretariat.request({
        method: 'GET',
        url: '/api/statistics/export?format=csv&dataSet=VICTIMS&country=TH&internal=true',
      });
      expect(internal.statusCode).toBe(403);
      const own = await focal.request({
        method: 'GET',
        url: '/api/statistics/export?format=xlsx&dataSet=VICTIMS&internal=true',
      });
      expect(own.statusCode).toBe(200);
      expect(own.headers['x-ctip-internal']).toBe('true');
      const elsewhere = await focal.request({
        method: 'GET',
        url: '/api/statistics/export?format=csv&dataSet=VICTIMS&country=KH',
      });
      expect(elsewhere.statusCode).toBe(403);
    });
  });
}
