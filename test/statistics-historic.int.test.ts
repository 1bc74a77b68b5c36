import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type DbHandle, seedReferenceData } from '@ctip/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildHistoricValues,
  buildStatisticsHistoricRows,
  HISTORIC_SOURCES,
  loadStatisticsHistoric,
  validateHistoricBlocks,
} from '../packages/db/src/seed/reference/statistics-historic.dataset';
import { createTestDb, DB_TARGETS } from './db';

const DATA = join(import.meta.dirname, '..', 'packages/db/src/seed/reference/data');

/** Rows of a seed CSV copy, read independently of the dataset's parser. */
function csvRows(file: string): Record<string, string>[] {
  const lines = readFileSync(join(DATA, file), 'utf8').trim().split(/\r?\n/);
  const split = (line: string) => {
    const out: string[] = [];
    let cur = '';
    let quoted = false;
    for (let i = 0; i < line.length; i++) {
      const ch = line[i];
      if (ch === '"') {
        if (quoted && line[i + 1] === '"') {
          cur += '"';
          i++;
        } else {
          quoted = !quoted;
        }
      } else if (ch === ',' && !quoted) {
        out.push(cur);
        cur = '';
      } else {
        cur += ch;
      }
    }
    out.push(cur);
    return out;
  };
  const header = split(lines[0] as string);
  return lines.slice(1).map((l) => {
    const cells = split(l);
    return Object.fromEntries(header.map((h, i) => [h, cells[i] ?? '']));
  });
}

const DIMS = [
  'sex',
  'age_group',
  'nationality',
  'exploitation',
  'country_from',
  'country_to',
  'channel',
  'victim_category',
  'agency_type',
  'trainee_type',
] as const;

type Row = Record<string, unknown>;
const cellId = (r: Row) =>
  [r.data_element, r.country, r.period, ...DIMS.map((d) => `${d}=${r[d]}`)].join('|');

/** The findings the printed tables produce under the built-in rules (see the statistics README). */
const EXPECTED_FINDINGS = [
  {
    rule_code: 'COUNTRY_TO_SUM',
    data_element: 'NATIONALS_IDENTIFIED_ABROAD',
    country: 'TH',
    period: '2015',
    actual: 17,
    expected: 74,
    violation_key: 'COUNTRY_TO_SUM|NATIONALS_IDENTIFIED_ABROAD|TH||2015|',
  },
  {
    rule_code: 'NATIONALITY_SUM',
    data_element: 'VICTIMS_ASSISTED',
    country: 'TH',
    period: '2017',
    actual: 14,
    expected: 9,
    violation_key:
      'NATIONALITY_SUM|VICTIMS_ASSISTED|TH||2017|sex=F;age_group=0-14;exploitation=forced_labour;agency_type=shelter',
  },
  {
    rule_code: 'NATIONALITY_SUM',
    data_element: 'VICTIMS_ASSISTED',
    country: 'TH',
    period: '2017',
    actual: 4,
    expected: 1,
    violation_key:
      'NATIONALITY_SUM|VICTIMS_ASSISTED|TH||2017|sex=F;age_group=15-17;exploitation=forced_labour;agency_type=shelter',
  },
  {
    rule_code: 'NATIONALITY_SUM',
    data_element: 'VICTIMS_ASSISTED',
    country: 'TH',
    period: '2017',
    actual: 21,
    expected: 24,
    violation_key:
      'NATIONALITY_SUM|VICTIMS_ASSISTED|TH||2017|sex=M;age_group=0-14;exploitation=forced_labour;agency_type=shelter',
  },
  {
    rule_code: 'NATIONALITY_SUM',
    data_element: 'VICTIMS_ASSISTED',
    country: 'TH',
    period: '2017',
    actual: 6,
    expected: 11,
    violation_key:
      'NATIONALITY_SUM|VICTIMS_ASSISTED|TH||2017|sex=M;age_group=15-17;exploitation=forced_labour;agency_type=shelter',
  },
  {
    rule_code: 'PAST_RANGE',
    data_element: 'VICTIMS_IDENTIFIED',
    country: 'JP',
    period: '2006',
    actual: 3,
    expected: 7,
    violation_key: 'PAST_RANGE|VICTIMS_IDENTIFIED|JP||2006|nationality=TH',
  },
  {
    rule_code: 'REGION_SUM',
    data_element: 'VICTIMS_IDENTIFIED',
    country: 'XR',
    period: '2012',
    actual: 31533,
    expected: 32180,
    violation_key: 'REGION_SUM|VICTIMS_IDENTIFIED|XR||2012|',
  },
];

for (const engine of DB_TARGETS) {
  describe(`${engine}: statistics_historic`, () => {
    let h: DbHandle;
    beforeAll(async () => {
      h = await createTestDb(engine);
    });
    afterAll(async () => {
      await h.close();
    });

    const allValues = () =>
      h.db
        .selectFrom('stat_value')
        .innerJoin('stat_source', 'stat_source.id', 'stat_value.source_id')
        .selectAll('stat_value')
        .select(['stat_source.code as source_code', 'stat_source.citation'])
        .orderBy('stat_value.id')
        .execute();

    it('cites one source per seed table', async () => {
      const sources = await h.db.selectFrom('stat_source').selectAll().orderBy('code').execute();
      const codes = Object.values(HISTORIC_SOURCES).map((s) => s.code);
      expect(sources.map((s) => s.code)).toEqual(expect.arrayContaining(codes));
      const table1 = sources.find((s) => s.code === 'S002_TABLE1');
      expect(table1).toMatchObject({
        citation: 'S002 Table 1: officially identified trafficked persons 2008–2012',
        seed_file: 's002_table1_officially_identified_trafficked_persons_2008_2012.csv',
      });
      for (const s of Object.values(HISTORIC_SOURCES)) {
        expect(csvRows(s.seedFile).length).toBeGreaterThan(0);
      }
    });

    it('stores every printed cell exactly as printed, with its source, and nothing else', async () => {
      const rows = await allValues();
      const expected = buildHistoricValues();
      expect(rows).toHaveLength(320);
      expect(expected).toHaveLength(320);
      const byId = new Map(rows.map((r) => [cellId(r), r]));
      const files = new Map<string, Record<string, string>[]>();
      for (const v of expected) {
        // The printed cell, read from the CSV copy by this test.
        let csv = files.get(v.cell.file);
        if (!csv) {
          csv = csvRows(v.cell.file);
          files.set(v.cell.file, csv);
        }
        const text = (csv[v.cell.row]?.[v.cell.column] ?? '').trim();
        expect(text).not.toBe('');
        const row = byId.get(
          cellId({
            data_element: v.dataElement,
            country: v.country,
            period: v.period,
            ...Object.fromEntries(DIMS.map((d) => [d, v.disaggregation[d] ?? ''])),
          }),
        );
        expect(row, `${v.cell.file} row ${v.cell.row} ${v.cell.column}`).toBeDefined();
        if (!row) {
          continue;
        }
        expect(row.source_code).toBe(HISTORIC_SOURCES[v.source].code);
        if (text === 'N/A' || text === '-') {
          expect(row).toMatchObject({ status: 'Missing', value: null, printed: text });
        } else {
          expect(row.status).toBe('Reported');
          expect(Number(row.value)).toBe(Number(text));
          if (v.dataElement !== 'BUDGET_USD') {
            expect(row.printed).toBe(text);
          }
        }
      }
      // Never a silent zero: every stored row has printed text; Missing rows have no number.
      for (const r of rows) {
        expect(r.printed?.trim()).toBeTruthy();
        expect(r.status === 'Reported').toBe(r.value !== null);
      }
      expect(rows.filter((r) => r.status === 'Missing')).toHaveLength(15);
    });

    it('reads the tables as printed (spot checks)', async () => {
      const rows = await allValues();
      const find = (p: Partial<Row>) =>
        rows.filter((r) => Object.entries(p).every(([k, v]) => (r as Row)[k] === v));
      const one = (p: Partial<Row>) => {
        const dims = Object.fromEntries(DIMS.map((d) => [d, '']));
        const found = find({ ...dims, ...p });
        expect(found, JSON.stringify(p)).toHaveLength(1);
        return found[0] as Row;
      };
      // S002 Table 1: China 2008 is N/A; the Total row is the regional unit.
      expect(
        one({ data_element: 'VICTIMS_IDENTIFIED', country: 'CN', period: '2008' }),
      ).toMatchObject({
        status: 'Missing',
        value: null,
        printed: 'N/A',
        source_code: 'S002_TABLE1',
      });
      expect(
        one({ data_element: 'VICTIMS_IDENTIFIED', country: 'XR', period: '2012' }),
      ).toMatchObject({ value: 31533, citation: expect.stringContaining('S002 Table 1') });
      // No multi-year totals.
      expect(rows.some((r) => !/^\d{4}(Oct)?$/.test(r.period))).toBe(false);
      expect(rows.some((r) => r.value === 3143 || r.value === 92877 || r.value === 807)).toBe(
        false,
      );
      // Cambodia–Viet Nam counts victims and vulnerable people.
      expect(
        one({
          data_element: 'VICTIMS_RETURNED',
          country: 'KH',
          period: '2016',
          country_from: 'VN',
          country_to: 'KH',
          victim_category: 'victim_or_vulnerable',
          sex: 'F',
        }).value,
      ).toBe(124);
      // Lao official channel, printed totals as TOTAL cells.
      expect(
        one({
          data_element: 'VICTIMS_RETURNED',
          country: 'LA',
          period: '2016',
          country_from: 'TH',
          country_to: 'LA',
          channel: 'official',
        }).value,
      ).toBe(99);
      expect(
        one({
          data_element: 'VICTIMS_RETURNED',
          country: 'LA',
          period: '2018',
          country_from: 'CN',
          country_to: 'LA',
          sex: 'M',
          age_group: 'U18',
        }),
      ).toMatchObject({ status: 'Reported', value: 0, printed: '0' });
      // Myanmar's dash is Missing, not zero.
      expect(
        one({
          data_element: 'VICTIMS_RETURNED',
          country: 'MM',
          period: '2016',
          country_from: 'CN',
          country_to: 'MM',
          channel: 'g2g',
          sex: 'M',
          age_group: '18+',
        }),
      ).toMatchObject({ status: 'Missing', value: null, printed: '-' });
      // Viet Nam.
      expect(one({ data_element: 'SUSPECTS', country: 'VN', period: '2017' }).value).toBe(491);
      // MSDHS shelters 2017: leaf, row total, printed column total, reported subtotal, grand total.
      const shelter = { data_element: 'VICTIMS_ASSISTED', country: 'TH', period: '2017' };
      expect(
        one({
          ...shelter,
          agency_type: 'shelter',
          nationality: 'MM',
          exploitation: 'forced_labour',
          age_group: '18+',
          sex: 'M',
        }).value,
      ).toBe(59);
      expect(one({ ...shelter, agency_type: 'shelter', nationality: 'TH' }).value).toBe(132);
      expect(
        one({
          ...shelter,
          agency_type: 'shelter',
          exploitation: 'forced_labour',
          age_group: '0-14',
          sex: 'M',
        }).value,
      ).toBe(21);
      expect(
        one({ ...shelter, agency_type: 'shelter', exploitation: 'begging', age_group: '0-14' })
          .value,
      ).toBe(6);
      expect(one({ ...shelter, agency_type: 'shelter' }).value).toBe(360);
      expect(
        one({
          ...shelter,
          agency_type: 'shelter',
          nationality: 'TH',
          exploitation: 'begging',
          age_group: '18+',
          sex: 'F',
        }).note,
      ).toContain('sex label inferred');
      // Thai victims abroad, Taiwan and the Total row.
      expect(
        one({
          data_element: 'NATIONALS_IDENTIFIED_ABROAD',
          country: 'TH',
          period: '2017',
          country_to: 'TW',
        }).value,
      ).toBe(3);
      expect(
        one({ data_element: 'NATIONALS_IDENTIFIED_ABROAD', country: 'TH', period: '2015' }).value,
      ).toBe(17);
      // Japan by nationality.
      expect(
        one({
          data_element: 'VICTIMS_IDENTIFIED',
          country: 'JP',
          period: '2016',
          nationality: 'KH',
        }).value,
      ).toBe(7);
      // Budgets: the Thai budget year 2015 is the fiscal year 2014Oct.
      expect(one({ data_element: 'BUDGET_USD', country: 'TH', period: '2014Oct' })).toMatchObject({
        period_type: 'FinancialYear',
        value: 15_530_000,
      });
      expect(one({ data_element: 'BUDGET_USD', country: 'LA', period: '2014' }).value).toBe(
        246_660,
      );
      expect(rows.filter((r) => r.data_element === 'BUDGET_USD')).toHaveLength(3);
    });

    it('records the validation findings of the printed tables', async () => {
      const found = await h.db
        .selectFrom('stat_violation')
        .select([
          'rule_code',
          'data_element',
          'country',
          'period',
          'actual',
          'expected',
          'violation_key',
          'status',
          'cells',
        ])
        .orderBy('violation_key')
        .execute();
      expect(
        found.map(({ status: _s, cells: _c, ...rest }) => ({
          ...rest,
          actual: Number(rest.actual),
          expected: Number(rest.expected),
        })),
      ).toEqual(
        [...EXPECTED_FINDINGS].sort((a, b) => (a.violation_key < b.violation_key ? -1 : 1)),
      );
      expect(found.every((f) => f.status === 'Open')).toBe(true);
      const region = found.find((f) => f.rule_code === 'REGION_SUM');
      expect(region?.cells).toHaveLength(7);
    });

    it('changes nothing when seeded again, and keeps an annotation', async () => {
      const snapshot = async () => ({
        values: await h.db.selectFrom('stat_value').selectAll().orderBy('id').execute(),
        sources: await h.db.selectFrom('stat_source').selectAll().orderBy('id').execute(),
        violations: await h.db.selectFrom('stat_violation').selectAll().orderBy('id').execute(),
      });
      const before = await snapshot();
      expect(await seedReferenceData(h.db)).toEqual({ loaded: [] });
      await h.db.transaction().execute((trx) => loadStatisticsHistoric(trx));
      expect(await snapshot()).toEqual(before);

      const key = 'REGION_SUM|VICTIMS_IDENTIFIED|XR||2012|';
      await h.db
        .updateTable('stat_violation')
        .set({ status: 'Annotated', annotation: 'as printed in S002 Table 1' })
        .where('violation_key', '=', key)
        .execute();
      const findings = await h.db.transaction().execute((trx) => loadStatisticsHistoric(trx));
      expect(findings.map((f) => f.key).sort()).toEqual(
        EXPECTED_FINDINGS.map((f) => f.violation_key).sort(),
      );
      const kept = await h.db
        .selectFrom('stat_violation')
        .selectAll()
        .where('violation_key', '=', key)
        .executeTakeFirstOrThrow();
      expect(kept).toMatchObject({ status: 'Annotated', annotation: 'as printed in S002 Table 1' });
      expect(await h.db.selectFrom('stat_violation').selectAll().execute()).toHaveLength(
        EXPECTED_FINDINGS.length,
      );
    });

    it('resolves a finding the data no longer shows and reopens it when it returns', async () => {
      const key = 'COUNTRY_TO_SUM|NATIONALS_IDENTIFIED_ABROAD|TH||2015|';
      // Someone corrects the printed Total (outside the seed); re-validating resolves the finding.
      await h.db
        .updateTable('stat_value')
        .set({ value: 74 })
        .where('data_element', '=', 'NATIONALS_IDENTIFIED_ABROAD')
        .where('period', '=', '2015')
        .where('country_to', '=', '')
        .execute();
      const rows = buildStatisticsHistoricRows().values;
      await h.db.transaction().execute((trx) => validateHistoricBlocks(trx, rows));
      const resolved = await h.db
        .selectFrom('stat_violation')
        .selectAll()
        .where('violation_key', '=', key)
        .executeTakeFirstOrThrow();
      expect(resolved.status).toBe('Resolved');
      expect(resolved.resolved_at).not.toBeNull();
      // Re-seeding restores the printed figure and reopens it.
      await h.db.transaction().execute((trx) => loadStatisticsHistoric(trx));
      const reopened = await h.db
        .selectFrom('stat_violation')
        .selectAll()
        .where('violation_key', '=', key)
        .executeTakeFirstOrThrow();
      expect(reopened).toMatchObject({ status: 'Open', resolved_at: null });
    });
  });
}
