import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  BUILT_IN_VALIDATION_RULES,
  type Disaggregation,
  disaggregationKey,
  periodsBefore,
  REGION_UNIT,
  runValidation,
  STAT_DIMENSIONS,
  type StatCell,
  type StatValueStatus,
  type ValidationViolation,
} from '@ctip/domain';
import { type Insertable, sql, type Transaction } from 'kysely';
import type { Database } from '../../tables/database';
import type { StatSourceTable, StatValueTable } from '../../tables/statistics.table';
import { batchRows, contentVersion, type ReferenceDataset } from './dataset';

/**
 * The `statistics_historic` dataset: the published figures of the seeds, exactly as printed, each
 * value citing its source table (stat_source). Built at load time from copies of the seed CSVs in
 * `data/` (the shared folder does not ship).
 *
 * Reading rules:
 * - a number is Reported with that value; `printed` keeps the cell's text;
 * - `N/A` is Missing (value null, printed `N/A`);
 * - `-` (a dash, printed by Myanmar's tables) is Missing too, printed `-`: it is not turned into a
 *   zero (never a silent zero), and a Missing part makes a sum unverifiable, not wrong;
 * - a blank cell is not stored (the printed table leaves it empty; validation counts an absent part
 *   as zero, as the printed totals do);
 * - a printed total (row, column, Total row, subtotal) is stored as the TOTAL cell of its
 *   dimensions, so the validation rules compare it with its parts;
 * - multi-year totals are not a period and are left out (HISTORIC_OMISSIONS).
 */

/** Where the seed CSV copies sit. */
export const HISTORIC_DATA_DIR = join(import.meta.dirname, 'data');

/** Parse a CSV file of `data/` (RFC 4180 quoting; CRLF or LF). The first row is the header. */
export function readSeedCsv(file: string): Record<string, string>[] {
  const text = readFileSync(join(HISTORIC_DATA_DIR, file), 'utf8').replace(/^\uFEFF/, '');
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i += 1) {
    const ch = text[i] as string;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i += 1;
      } else if (ch === '"') {
        quoted = false;
      } else {
        field += ch;
      }
    } else if (ch === '"') {
      quoted = true;
    } else if (ch === ',') {
      row.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') {
        i += 1;
      }
      row.push(field);
      field = '';
      rows.push(row);
      row = [];
    } else {
      field += ch;
    }
  }
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  const [header, ...body] = rows;
  if (!header) {
    return [];
  }
  return body
    .filter((r) => r.some((c) => c !== ''))
    .map((r) => Object.fromEntries(header.map((h, i) => [h, r[i] ?? ''])));
}

const S000 = 'S000 (000_f01d4cfa8d6d26f7, Final Report on SPA III)';
const S002_DOC = 'UNIAP Final Report Phase III (S002, 002_1b1eb71d80ed60a9)';
const S004_DOC = '9th Mekong Regional Workshop, 2019 (S004, 004_2ed2d2edad141e38)';

/** One source table of the seeds. */
export type HistoricSource = {
  code: string;
  title: string;
  citation: string;
  publisher: string;
  seedFile: string;
};

const source = (
  code: string,
  tag: string,
  title: string,
  publisher: string,
  seedFile: string,
): HistoricSource => ({ code, title, citation: `${tag} ${title}`, publisher, seedFile });

/** Every source table the dataset reads, by code. */
export const HISTORIC_SOURCES = {
  table1: source(
    'S002_TABLE1',
    'S002',
    'Table 1: officially identified trafficked persons 2008–2012',
    S002_DOC,
    's002_table1_officially_identified_trafficked_persons_2008_2012.csv',
  ),
  khFromVn: source(
    'S004_KH_RETURNED_FROM_VN',
    'S004',
    'Cambodia: victims and vulnerable people repatriated from Viet Nam 2015–2017, by sex',
    S004_DOC,
    's004_cambodia_victims_and_vulnerable_people_repatriated_from_vietnam_2015_2017.csv',
  ),
  khFromCn: source(
    'S004_KH_RETURNED_FROM_CN',
    'S004',
    'Cambodia: victims repatriated from China 2015–2017, by sex',
    S004_DOC,
    's004_cambodia_victims_repatriated_from_china_2015_2017.csv',
  ),
  khFromTh: source(
    'S004_KH_RETURNED_FROM_TH',
    'S004',
    'Cambodia: victims repatriated from Thailand 2015–2017, by sex',
    S004_DOC,
    's004_cambodia_victims_repatriated_from_thailand_2015_2017.csv',
  ),
  laFromCn: source(
    'S004_LA_RETURNED_FROM_CN',
    'S004',
    'Lao PDR: victims of trafficking returned from China 2016–2018, by age and sex',
    S004_DOC,
    's004_lao_vot_returned_from_china_2016_2018.csv',
  ),
  laFromTh: source(
    'S004_LA_RETURNED_FROM_TH',
    'S004',
    'Lao PDR: victims of trafficking returned from Thailand through the official channel 2016–2018, by age and sex',
    S004_DOC,
    's004_lao_vot_returned_from_thailand_official_channel_2016_2018.csv',
  ),
  mmFromCn: source(
    'S004_MM_RETURNED_FROM_CN',
    'S004',
    'Myanmar: victims returned from China through the G to G channel 2016–2018, by age and sex',
    S004_DOC,
    's004_myanmar_victims_returned_g2g_from_china_2016_2018.csv',
  ),
  mmFromId: source(
    'S004_MM_RETURNED_FROM_ID',
    'S004',
    'Myanmar: victims returned from Indonesia through the G to G channel 2016–2018, by age and sex',
    S004_DOC,
    's004_myanmar_victims_returned_g2g_from_indonesia_2016_2018.csv',
  ),
  mmFromTh: source(
    'S004_MM_RETURNED_FROM_TH',
    'S004',
    'Myanmar: victims returned from Thailand through the G to G channel 2016–2018, by age and sex',
    S004_DOC,
    's004_myanmar_victims_returned_g2g_from_thailand_2016_2018.csv',
  ),
  vnJustice: source(
    'S004_VN_CASES_SUSPECTS_VICTIMS',
    'S004',
    'Viet Nam: trafficking cases, suspects and victims 2016–2018',
    S004_DOC,
    's004_vietnam_tip_cases_suspects_victims_2016_2018.csv',
  ),
  msdhs: source(
    'S004_TH_MSDHS_SHELTER_2017',
    'S004',
    'Thailand: victims of trafficking assisted in MSDHS shelters 2017, by nationality, form of exploitation, age and sex (with printed row and column totals)',
    S004_DOC,
    's004_thailand_msdhs_shelter_victims_2017_by_nationality_exploitation_age_sex_wide.csv',
  ),
  msdhsSubtotals: source(
    'S004_TH_MSDHS_SHELTER_2017_SUBTOTALS',
    'S004',
    'Thailand: victims of trafficking assisted in MSDHS shelters 2017, printed subtotals by form of exploitation and age',
    S004_DOC,
    's004_thailand_msdhs_shelter_victims_2017_reported_subtotals.csv',
  ),
  thAbroad: source(
    'S004_TH_VICTIMS_ABROAD',
    'S004',
    'Thailand: Thai victims trafficked abroad, by country, 2015–2017',
    S004_DOC,
    's004_thai_victims_trafficked_abroad_by_country_2015_2017.csv',
  ),
  japan: source(
    'S004_JP_VICTIMS_GMS_NATIONALITIES',
    'S004',
    'Japan: victims of trafficking of GMS nationalities 2001–2016',
    S004_DOC,
    's004_japan_victims_from_gms_nationalities_2001_2016.csv',
  ),
  budgets: source(
    'S000_BUDGET_ALLOCATIONS',
    'S000',
    'Government budget allocations to anti-trafficking, with the stated USD equivalents',
    S000,
    'government_and_programme_budget_allocations.csv',
  ),
} as const satisfies Record<string, HistoricSource>;
type SourceKey = keyof typeof HISTORIC_SOURCES;

/** What the dataset leaves out of the seed tables it reads, and why. */
export const HISTORIC_OMISSIONS: readonly string[] = [
  'S002 Table 1 total_reported (2008–2012 per country): a multi-year sum, not a period.',
  'S002 Table 1 key_destination_countries: a list of country names, not a count.',
  'S004 repatriation tables (Cambodia, Lao PDR, Myanmar): the Total rows over all years are not a period.',
  'S004 Myanmar tables: the running number column (no).',
  'S004 Japan list: "Myanmar, all years, 0" has no period.',
  'Budget allocations without a single year or fiscal year (per year of SPA III, annually, multi-year totals, changes, averages) and those of UNIAP and JICA (not a reporting country).',
];

/** Printed country, nationality and destination names → ISO 3166-1 alpha-2. */
export const PRINTED_COUNTRY_CODES: Readonly<Record<string, string>> = {
  Cambodia: 'KH',
  Cambodian: 'KH',
  China: 'CN',
  'Lao PDR': 'LA',
  Laotian: 'LA',
  Myanmar: 'MM',
  Myanmarese: 'MM',
  Thailand: 'TH',
  Thai: 'TH',
  'Viet Nam': 'VN',
  Vietnam: 'VN',
  Vietnamese: 'VN',
  Indonesia: 'ID',
  Indonesian: 'ID',
  Malaysia: 'MY',
  Ugandan: 'UG',
  Japan: 'JP',
  'South Africa': 'ZA',
  Bahrain: 'BH',
  UAE: 'AE',
  Taiwan: 'TW',
  'Hong Kong': 'HK',
  Switzerland: 'CH',
  Denmark: 'DK',
  Italy: 'IT',
  Finland: 'FI',
  Israel: 'IL',
  USA: 'US',
  'South Korea': 'KR',
  Oman: 'OM',
  Total: REGION_UNIT,
};

function code(printed: string): string {
  const c = PRINTED_COUNTRY_CODES[printed.trim()];
  if (!c) {
    throw new Error(`statistics_historic: no country code for "${printed}"`);
  }
  return c;
}

/** One value to seed, before it becomes a stat_value row. */
export type HistoricValue = {
  source: SourceKey;
  dataElement: string;
  country: string;
  period: string;
  periodType: 'Yearly' | 'FinancialYear';
  disaggregation: Disaggregation;
  status: StatValueStatus;
  value: number | null;
  printed: string;
  note: string | null;
  /** Where it came from: `file#row/column`, for the seeding test. */
  cell: { file: string; row: number; column: string };
};

/** How a printed cell reads: a number, Missing (N/A, -), or nothing to store (blank). */
export function readPrinted(
  text: string,
): { status: StatValueStatus; value: number | null } | null {
  const t = text.trim();
  if (t === '') {
    return null;
  }
  if (t === 'N/A' || t === '-') {
    return { status: 'Missing', value: null };
  }
  if (!/^\d+(\.\d+)?$/.test(t)) {
    throw new Error(`statistics_historic: not a number: "${text}"`);
  }
  return { status: 'Reported', value: Number(t) };
}

type Builder = {
  add: (
    v: Omit<HistoricValue, 'status' | 'value' | 'printed' | 'periodType' | 'note'> & {
      text: string;
      periodType?: HistoricValue['periodType'];
      note?: string | null;
    },
  ) => void;
  values: HistoricValue[];
};

function builder(): Builder {
  const values: HistoricValue[] = [];
  return {
    values,
    add: ({ text, periodType = 'Yearly', note = null, ...rest }) => {
      const read = readPrinted(text);
      if (read) {
        values.push({ ...rest, periodType, note, printed: text.trim(), ...read });
      }
    },
  };
}

const isYear = (s: string): boolean => /^\d{4}$/.test(s.trim());

function table1(b: Builder): void {
  const file = HISTORIC_SOURCES.table1.seedFile;
  readSeedCsv(file).forEach((r, row) => {
    for (const year of ['2008', '2009', '2010', '2011', '2012']) {
      const column = `y${year}`;
      b.add({
        source: 'table1',
        dataElement: 'VICTIMS_IDENTIFIED',
        country: code(r.country ?? ''),
        period: year,
        disaggregation: {},
        text: r[column] ?? '',
        cell: { file, row, column },
      });
    }
  });
}

/** Cambodia's tables: year, male, female, total (from `from` to KH). */
function cambodia(b: Builder, key: 'khFromVn' | 'khFromCn' | 'khFromTh', from: string): void {
  const file = HISTORIC_SOURCES[key].seedFile;
  const base: Disaggregation = { country_from: from, country_to: 'KH' };
  if (key === 'khFromVn') {
    base.victim_category = 'victim_or_vulnerable';
  }
  readSeedCsv(file).forEach((r, row) => {
    const year = r.year ?? '';
    if (!isYear(year)) {
      return;
    }
    const cols: [string, Disaggregation][] = [
      ['male', { sex: 'M' }],
      ['female', { sex: 'F' }],
      ['total', {}],
    ];
    for (const [column, d] of cols) {
      b.add({
        source: key,
        dataElement: 'VICTIMS_RETURNED',
        country: 'KH',
        period: year,
        disaggregation: { ...base, ...d },
        text: r[column] ?? '',
        cell: { file, row, column },
      });
    }
  });
}

/** Lao and Myanmar tables: sex × (under 18, adult/above 18, total), and the total. */
function byAgeAndSex(
  b: Builder,
  key: 'laFromCn' | 'laFromTh' | 'mmFromCn' | 'mmFromId' | 'mmFromTh',
  reporter: 'LA' | 'MM',
  from: string,
  channel: string | null,
): void {
  const file = HISTORIC_SOURCES[key].seedFile;
  const adult = reporter === 'LA' ? 'adult' : 'above18';
  const base: Disaggregation = { country_from: from, country_to: reporter };
  if (channel) {
    base.channel = channel;
  }
  readSeedCsv(file).forEach((r, row) => {
    const year = r.year ?? '';
    if (!isYear(year)) {
      return;
    }
    const cols: [string, Disaggregation][] = [
      ['male_under18', { sex: 'M', age_group: 'U18' }],
      [`male_${adult}`, { sex: 'M', age_group: '18+' }],
      ['male_total', { sex: 'M' }],
      ['female_under18', { sex: 'F', age_group: 'U18' }],
      [`female_${adult}`, { sex: 'F', age_group: '18+' }],
      ['female_total', { sex: 'F' }],
      ['total', {}],
    ];
    for (const [column, d] of cols) {
      b.add({
        source: key,
        dataElement: 'VICTIMS_RETURNED',
        country: reporter,
        period: year,
        disaggregation: { ...base, ...d },
        text: r[column] ?? '',
        cell: { file, row, column },
      });
    }
  });
}

function vietnam(b: Builder): void {
  const file = HISTORIC_SOURCES.vnJustice.seedFile;
  readSeedCsv(file).forEach((r, row) => {
    const cols: [string, string][] = [
      ['cases', 'INVESTIGATIONS'],
      ['suspects', 'SUSPECTS'],
      ['victims', 'VICTIMS_IDENTIFIED'],
    ];
    for (const [column, dataElement] of cols) {
      b.add({
        source: 'vnJustice',
        dataElement,
        country: 'VN',
        period: r.year ?? '',
        disaggregation: {},
        text: r[column] ?? '',
        cell: { file, row, column },
      });
    }
  });
}

const EXPLOITATIONS: readonly string[] = ['sexual_exploitation', 'forced_labour', 'begging'];
const MSDHS_AGES: readonly [string, string][] = [
  ['0_14', '0-14'],
  ['15_17', '15-17'],
  ['18_up', '18+'],
];
const SUBTOTAL_EXPLOITATION: Readonly<Record<string, string>> = {
  'Sexual Exploitation': 'sexual_exploitation',
  'Forced Labour': 'forced_labour',
  Begging: 'begging',
  ALL: '',
};
const SUBTOTAL_AGE: Readonly<Record<string, string>> = {
  '0 - 14': '0-14',
  '15 - 17': '15-17',
  '18 up': '18+',
  ALL: '',
};
/** The long file's note on the one cell whose sex label the transcription inferred. */
const MSDHS_NOTES: Readonly<Record<string, string>> = {
  'Thai|begging_18_up_F':
    'sex label inferred: source header has no M/F sub-labels under Begging 18 up; value sits in the 2nd (F) position',
};

function msdhs(b: Builder): void {
  const shelter: Disaggregation = { agency_type: 'shelter' };
  const file = HISTORIC_SOURCES.msdhs.seedFile;
  readSeedCsv(file).forEach((r, row) => {
    const printedName = r.nationality ?? '';
    const nationality = printedName === 'COLUMN_TOTAL_REPORTED' ? '' : code(printedName);
    const nat: Disaggregation = nationality ? { nationality } : {};
    for (const exploitation of EXPLOITATIONS) {
      for (const [agePart, age] of MSDHS_AGES) {
        for (const sex of ['M', 'F']) {
          const column = `${exploitation}_${agePart}_${sex}`;
          b.add({
            source: 'msdhs',
            dataElement: 'VICTIMS_ASSISTED',
            country: 'TH',
            period: '2017',
            disaggregation: { ...shelter, ...nat, exploitation, age_group: age, sex },
            text: r[column] ?? '',
            note: MSDHS_NOTES[`${printedName}|${column}`] ?? null,
            cell: { file, row, column },
          });
        }
      }
    }
    b.add({
      source: 'msdhs',
      dataElement: 'VICTIMS_ASSISTED',
      country: 'TH',
      period: '2017',
      disaggregation: { ...shelter, ...nat },
      text: r.total ?? '',
      cell: { file, row, column: 'total' },
    });
  });
  const subFile = HISTORIC_SOURCES.msdhsSubtotals.seedFile;
  readSeedCsv(subFile).forEach((r, row) => {
    const exploitation = SUBTOTAL_EXPLOITATION[r.exploitation ?? ''];
    const age = SUBTOTAL_AGE[r.age_group ?? ''];
    if (exploitation === undefined || age === undefined) {
      throw new Error(`statistics_historic: unknown subtotal row ${r.exploitation}/${r.age_group}`);
    }
    const d: Disaggregation = { ...shelter };
    if (exploitation) {
      d.exploitation = exploitation;
    }
    if (age) {
      d.age_group = age;
    }
    b.add({
      source: 'msdhsSubtotals',
      dataElement: 'VICTIMS_ASSISTED',
      country: 'TH',
      period: '2017',
      disaggregation: d,
      text: r.reported_subtotal ?? '',
      cell: { file: subFile, row, column: 'reported_subtotal' },
    });
  });
}

function thaiAbroad(b: Builder): void {
  const file = HISTORIC_SOURCES.thAbroad.seedFile;
  readSeedCsv(file).forEach((r, row) => {
    const printed = r.country ?? '';
    const to = printed === 'Total' ? '' : code(printed);
    for (const year of ['2015', '2016', '2017']) {
      const column = `y${year}`;
      b.add({
        source: 'thAbroad',
        dataElement: 'NATIONALS_IDENTIFIED_ABROAD',
        country: 'TH',
        period: year,
        disaggregation: to ? { country_to: to } : {},
        text: r[column] ?? '',
        cell: { file, row, column },
      });
    }
  });
}

function japan(b: Builder): void {
  const file = HISTORIC_SOURCES.japan.seedFile;
  readSeedCsv(file).forEach((r, row) => {
    const year = r.year ?? '';
    if (!isYear(year)) {
      return;
    }
    b.add({
      source: 'japan',
      dataElement: 'VICTIMS_IDENTIFIED',
      country: 'JP',
      period: year,
      disaggregation: { nationality: code(r.nationality ?? '') },
      text: r.victims ?? '',
      cell: { file, row, column: 'victims' },
    });
  });
}

/**
 * Budgets with one year or one fiscal year, at the stated USD equivalent (`printed` keeps the
 * source's wording; the note the local amount). Thailand's "budget year 2015 (1 October 2014 – 30
 * September 2015)" is the fiscal year 2014Oct; a plain year stays a calendar year as printed.
 */
function budgets(b: Builder): void {
  const file = HISTORIC_SOURCES.budgets.seedFile;
  readSeedCsv(file).forEach((r, row) => {
    const country = PRINTED_COUNTRY_CODES[r.country_or_entity ?? ''];
    const usd = r.usd_equivalent_stated ?? '';
    if (!country || usd === '') {
      return;
    }
    let period: string | null = null;
    let periodType: HistoricValue['periodType'] = 'Yearly';
    const p = (r.period ?? '').trim();
    const fiscal = /^budget year (\d{4}) \(from 1 October (\d{4})/.exec(p);
    if (fiscal && Number(fiscal[2]) === Number(fiscal[1]) - 1) {
      period = `${fiscal[2]}Oct`;
      periodType = 'FinancialYear';
    } else if (isYear(p) && (r.period_kind ?? '').startsWith('annual')) {
      period = p;
    }
    if (period === null) {
      return;
    }
    const text = r.amount_text_exact ?? '';
    const read = readPrinted(usd);
    if (!read) {
      return;
    }
    b.values.push({
      source: 'budgets',
      dataElement: 'BUDGET_USD',
      country,
      period,
      periodType,
      disaggregation: {},
      ...read,
      printed: text,
      note: `${r.recipient_or_purpose}: ${r.amount_local} ${r.currency} as printed "${text}"; USD as stated (period printed: ${p})`,
      cell: { file, row, column: 'usd_equivalent_stated' },
    });
  });
}

/** Every value of the dataset, in source order. */
export function buildHistoricValues(): HistoricValue[] {
  const b = builder();
  table1(b);
  cambodia(b, 'khFromCn', 'CN');
  cambodia(b, 'khFromTh', 'TH');
  cambodia(b, 'khFromVn', 'VN');
  byAgeAndSex(b, 'laFromCn', 'LA', 'CN', null);
  byAgeAndSex(b, 'laFromTh', 'LA', 'TH', 'official');
  byAgeAndSex(b, 'mmFromCn', 'MM', 'CN', 'g2g');
  byAgeAndSex(b, 'mmFromId', 'MM', 'ID', 'g2g');
  byAgeAndSex(b, 'mmFromTh', 'MM', 'TH', 'g2g');
  vietnam(b);
  msdhs(b);
  thaiAbroad(b);
  japan(b);
  budgets(b);
  return b.values;
}

/** A stable uuid from a text (so a re-seed reuses the same ids). */
export function stableUuid(text: string): string {
  const h = createHash('sha256').update(text).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

export const sourceId = (key: SourceKey): string =>
  stableUuid(`stat_source:${HISTORIC_SOURCES[key].code}`);

type ValueRow = Insertable<StatValueTable> & {
  data_element: string;
  country: string;
  period: string;
};

/** Every row of the dataset, by table. */
export function buildStatisticsHistoricRows(): {
  sources: Insertable<StatSourceTable>[];
  values: ValueRow[];
} {
  const sources = (Object.keys(HISTORIC_SOURCES) as SourceKey[]).map((key) => {
    const s = HISTORIC_SOURCES[key];
    return {
      id: sourceId(key),
      code: s.code,
      title: s.title,
      citation: s.citation,
      publisher: s.publisher,
      seed_file: s.seedFile,
    };
  });
  const seen = new Set<string>();
  const values = buildHistoricValues().map((v) => {
    const id = `${v.dataElement}|${v.country}|${v.period}|${disaggregationKey(v.disaggregation)}`;
    if (seen.has(id)) {
      throw new Error(`statistics_historic: two values for one cell: ${id}`);
    }
    seen.add(id);
    const row: ValueRow = {
      data_element: v.dataElement,
      country: v.country,
      province: '',
      period: v.period,
      period_type: v.periodType,
      status: v.status,
      value: v.value,
      printed: v.printed,
      note: v.note,
      source_id: sourceId(v.source),
    };
    for (const dim of STAT_DIMENSIONS) {
      row[dim] = v.disaggregation[dim] ?? '';
    }
    return row;
  });
  return { sources, values };
}

type Trx = Transaction<Database>;

const CELL_COLUMNS = ['data_element', 'country', 'province', 'period', ...STAT_DIMENSIONS] as const;

function cellOfRow(r: {
  data_element: string;
  country: string;
  province: string;
  period: string;
  status: string;
  value: number | null;
}): StatCell {
  const d: Disaggregation = {};
  const rec = r as unknown as Record<string, string>;
  for (const dim of STAT_DIMENSIONS) {
    const o = rec[dim];
    if (o) {
      d[dim] = o;
    }
  }
  return {
    dataElement: r.data_element,
    country: r.country,
    province: r.province,
    period: r.period,
    disaggregation: d,
    status: r.status as StatValueStatus,
    value: r.value === null ? null : Number(r.value),
  };
}

/**
 * Run the built-in (and enabled) validation rules over the periods the dataset wrote, per element
 * with every country of the period (so the regional Total row is compared with the countries), and
 * record the findings. A finding already recorded keeps its status when Annotated and is left as
 * is when nothing about it changed; an Open finding of those blocks that no longer holds is
 * Resolved.
 * @returns The findings, in runValidation's order.
 */
export async function validateHistoricBlocks(
  trx: Trx,
  values: readonly ValueRow[],
): Promise<ValidationViolation[]> {
  const disabled = new Set(
    (
      await trx
        .selectFrom('stat_validation_rule')
        .select('code')
        .where('is_enabled', '=', false)
        .execute()
    ).map((r) => r.code),
  );
  const rules = BUILT_IN_VALIDATION_RULES.filter((r) => !disabled.has(r.code));
  const horizon = Math.max(0, ...rules.map((r) => (r.kind === 'PastRange' ? r.periods : 0)));
  const targets = new Map<string, Set<string>>();
  for (const v of values) {
    const set = targets.get(v.data_element) ?? new Set<string>();
    set.add(v.period);
    targets.set(v.data_element, set);
  }
  const found: ValidationViolation[] = [];
  const blocks = new Set<string>();
  for (const [dataElement, periods] of [...targets].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const wanted = new Set<string>();
    for (const p of periods) {
      wanted.add(p);
      for (const h of periodsBefore(p, horizon)) {
        wanted.add(h);
      }
    }
    const rows = await trx
      .selectFrom('stat_value')
      .select([...CELL_COLUMNS, 'status', 'value'])
      .where('data_element', '=', dataElement)
      .where('period', 'in', [...wanted])
      .execute();
    const byPeriod = new Map<string, StatCell[]>();
    for (const r of rows) {
      const list = byPeriod.get(r.period) ?? [];
      list.push(cellOfRow(r));
      byPeriod.set(r.period, list);
    }
    for (const period of [...periods].sort()) {
      const cells = byPeriod.get(period) ?? [];
      const history = periodsBefore(period, horizon).flatMap((p) => byPeriod.get(p) ?? []);
      for (const c of cells) {
        blocks.add(`${dataElement}|${c.country}|${period}`);
      }
      found.push(...runValidation(rules, cells, history));
    }
  }
  await recordFindings(trx, found, blocks);
  return found;
}

/** JSON with object keys sorted (jsonb does not keep key order). */
function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) =>
    v !== null && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  );
}

async function recordFindings(
  trx: Trx,
  found: readonly ValidationViolation[],
  blocks: ReadonlySet<string>,
): Promise<void> {
  const keys = new Set(found.map((v) => v.key));
  const existing =
    found.length === 0
      ? []
      : await trx
          .selectFrom('stat_violation')
          .selectAll()
          .where(
            'violation_key',
            'in',
            found.map((v) => v.key),
          )
          .execute();
  const byKey = new Map(existing.map((e) => [e.violation_key, e]));
  for (const v of found) {
    const cells = JSON.stringify(v.cells);
    const row = byKey.get(v.key);
    if (!row) {
      await trx
        .insertInto('stat_violation')
        .values({
          id: stableUuid(`stat_violation:${v.key}`),
          violation_key: v.key,
          rule_code: v.ruleCode,
          data_element: v.dataElement,
          country: v.country,
          period: v.period,
          cells,
          actual: v.actual,
          expected: v.expected,
          status: 'Open',
        })
        .execute();
      continue;
    }
    const status = row.status === 'Annotated' ? 'Annotated' : 'Open';
    const same =
      row.status === status &&
      Number(row.actual) === v.actual &&
      Number(row.expected) === v.expected &&
      canonicalJson(row.cells) === canonicalJson(v.cells);
    if (same) {
      continue;
    }
    await trx
      .updateTable('stat_violation')
      .set({
        status,
        cells,
        actual: v.actual,
        expected: v.expected,
        last_seen_at: sql<Date>`now()`,
        resolved_at: null,
        ...(row.status === 'Resolved'
          ? { annotation: null, annotated_by: null, annotated_at: null }
          : {}),
      })
      .where('id', '=', row.id)
      .execute();
  }
  // Open findings of the validated blocks that the data no longer shows are resolved.
  const open = await trx
    .selectFrom('stat_violation')
    .select(['id', 'violation_key', 'data_element', 'country', 'period'])
    .where('status', '=', 'Open')
    .execute();
  const gone = open.filter(
    (o) => !keys.has(o.violation_key) && blocks.has(`${o.data_element}|${o.country}|${o.period}`),
  );
  for (const o of gone) {
    await trx
      .updateTable('stat_violation')
      .set({ status: 'Resolved', resolved_at: sql<Date>`now()` })
      .where('id', '=', o.id)
      .execute();
  }
}

/** Upsert the sources and values; values change only where the printed figure differs. */
export async function loadStatisticsHistoric(trx: Trx): Promise<ValidationViolation[]> {
  const { sources, values } = buildStatisticsHistoricRows();
  for (const batch of batchRows(sources)) {
    await trx
      .insertInto('stat_source')
      .values(batch)
      .onConflict((oc) =>
        oc
          .column('code')
          .doUpdateSet((eb) => ({
            title: eb.ref('excluded.title'),
            citation: eb.ref('excluded.citation'),
            publisher: eb.ref('excluded.publisher'),
            seed_file: eb.ref('excluded.seed_file'),
          }))
          .where((eb) =>
            eb.or([
              eb('stat_source.title', 'is distinct from', eb.ref('excluded.title')),
              eb('stat_source.citation', 'is distinct from', eb.ref('excluded.citation')),
              eb('stat_source.publisher', 'is distinct from', eb.ref('excluded.publisher')),
              eb('stat_source.seed_file', 'is distinct from', eb.ref('excluded.seed_file')),
            ]),
          ),
      )
      .execute();
  }
  // The source ids by code as stored (a source created before under the same code keeps its id).
  const stored = await trx.selectFrom('stat_source').select(['id', 'code']).execute();
  const idByCode = new Map(stored.map((s) => [s.code, s.id]));
  const idByKey = new Map(
    (Object.keys(HISTORIC_SOURCES) as SourceKey[]).map((k) => [
      sourceId(k),
      idByCode.get(HISTORIC_SOURCES[k].code) ?? sourceId(k),
    ]),
  );
  const rows = values.map((v) => ({ ...v, source_id: idByKey.get(v.source_id ?? '') ?? null }));
  for (const batch of batchRows(rows)) {
    await trx
      .insertInto('stat_value')
      .values(batch)
      .onConflict((oc) =>
        oc
          .columns([...CELL_COLUMNS])
          .doUpdateSet((eb) => ({
            period_type: eb.ref('excluded.period_type'),
            status: eb.ref('excluded.status'),
            value: eb.ref('excluded.value'),
            printed: eb.ref('excluded.printed'),
            note: eb.ref('excluded.note'),
            source_id: eb.ref('excluded.source_id'),
            updated_at: sql<Date>`now()`,
          }))
          .where((eb) =>
            eb.or([
              eb('stat_value.period_type', 'is distinct from', eb.ref('excluded.period_type')),
              eb('stat_value.status', 'is distinct from', eb.ref('excluded.status')),
              eb('stat_value.value', 'is distinct from', eb.ref('excluded.value')),
              eb('stat_value.printed', 'is distinct from', eb.ref('excluded.printed')),
              eb('stat_value.note', 'is distinct from', eb.ref('excluded.note')),
              eb('stat_value.source_id', 'is distinct from', eb.ref('excluded.source_id')),
            ]),
          ),
      )
      .execute();
  }
  return validateHistoricBlocks(trx, rows);
}

/** The `statistics_historic` dataset. */
export function statisticsHistoricDataset(): ReferenceDataset {
  const rows = buildStatisticsHistoricRows();
  return {
    name: 'statistics_historic',
    version: contentVersion({ rows, rules: BUILT_IN_VALIDATION_RULES }),
    rowCount: rows.sources.length + rows.values.length,
    load: async (trx) => {
      await loadStatisticsHistoric(trx);
    },
  };
}
