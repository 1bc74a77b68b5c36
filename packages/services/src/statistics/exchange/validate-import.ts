import type { Database } from '@ctip/db';
import {
  type Actor,
  can,
  dimensionAllows,
  type PeriodType,
  parsePeriod,
  REGION_UNIT,
  STAT_DIMENSIONS,
  type StatImportError,
  TOTAL,
} from '@ctip/domain';
import type { Kysely, Transaction } from 'kysely';
import { loadFiscalStartMonths } from '../core/settings';
import type { Candidate } from './parse-rows';

type Reader = Kysely<Database> | Transaction<Database>;

/** What validation needs to know of the node's metadata. */
export type ImportMetadata = {
  elements: Map<string, { dimensions: Set<string>; valueType: string }>;
  /** Data sets of each element with their period types. */
  dataSetsOf: Map<string, { code: string; periodType: PeriodType }[]>;
  dataSetElements: Map<string, Set<string>>;
  countries: Set<string>;
  fiscalStartMonths: Record<string, number>;
  /** `dataSet|country|period` of approved (locked) sets. */
  approved: Set<string>;
};

export async function loadImportMetadata(db: Reader): Promise<ImportMetadata> {
  const [elements, sets, members, countries, approvals, fiscalStartMonths] = await Promise.all([
    db.selectFrom('stat_data_element').select(['code', 'dimensions', 'value_type']).execute(),
    db.selectFrom('stat_data_set').select(['code', 'period_type']).execute(),
    db.selectFrom('stat_data_set_element').select(['data_set', 'data_element']).execute(),
    db.selectFrom('country').select('code').execute(),
    db
      .selectFrom('stat_approval')
      .select(['data_set', 'country', 'period'])
      .where('status', '=', 'Approved')
      .execute(),
    loadFiscalStartMonths(db as Kysely<Database>),
  ]);
  const periodTypeOf = new Map(sets.map((s) => [s.code, s.period_type as PeriodType]));
  const dataSetsOf = new Map<string, { code: string; periodType: PeriodType }[]>();
  const dataSetElements = new Map<string, Set<string>>();
  for (const m of members) {
    const list = dataSetsOf.get(m.data_element) ?? [];
    list.push({ code: m.data_set, periodType: periodTypeOf.get(m.data_set) ?? 'Yearly' });
    dataSetsOf.set(m.data_element, list);
    const s = dataSetElements.get(m.data_set) ?? new Set();
    s.add(m.data_element);
    dataSetElements.set(m.data_set, s);
  }
  return {
    elements: new Map(
      elements.map((e) => {
        const dims = typeof e.dimensions === 'string' ? JSON.parse(e.dimensions) : e.dimensions;
        return [e.code, { dimensions: new Set(dims as string[]), valueType: e.value_type }];
      }),
    ),
    dataSetsOf,
    dataSetElements,
    countries: new Set([...countries.map((c) => c.code), REGION_UNIT]),
    fiscalStartMonths,
    approved: new Set(approvals.map((a) => `${a.data_set}|${a.country}|${a.period}`)),
  };
}

/** A validated value, ready to write. */
export type ValidValue = Candidate & { periodType: PeriodType };

export type ValidationResult = { values: ValidValue[]; errors: StatImportError[] };

/** The cell key of a candidate (the unique index of stat_value). */
export function cellKey(c: Candidate): string {
  return `${c.dataElement}\u0001${c.country}\u0001${c.province}\u0001${c.period}\u0001${c.dims.join('\u0001')}`;
}

/**
 * Check every candidate against the metadata and the caller's scope: known element, period of a
 * type the element's data sets take (fiscal years starting in the country's month), options the
 * element's dimensions allow, a country the caller may write, no approved (locked) period, and no
 * cell twice with different values. Identical repeats are kept once.
 * @param adxDataSets - for ADX: each candidate's group data set (the element must belong to it)
 */
export function validateCandidates(
  candidates: readonly Candidate[],
  meta: ImportMetadata,
  actor: Actor,
  adxDataSets: readonly (string | null)[] | null = null,
  onProgress: (processed: number) => void = () => {},
): ValidationResult {
  const errors: StatImportError[] = [];
  const values: ValidValue[] = [];
  const seen = new Map<string, Candidate>();
  const scopeCache = new Map<string, boolean>();
  const mayWrite = (country: string): boolean => {
    let ok = scopeCache.get(country);
    if (ok === undefined) {
      ok = can(actor, 'create', 'statistic', { countryCode: country });
      scopeCache.set(country, ok);
    }
    return ok;
  };
  const e = (c: Candidate, field: string, code: string, message: string) =>
    errors.push({ row: c.row, column: c.columns[field] ?? null, field, code, message });
  candidates.forEach((c, i) => {
    if (i % 10_000 === 0) {
      onProgress(i);
    }
    const before = errors.length;
    const element = meta.elements.get(c.dataElement);
    if (!element) {
      e(c, 'dataElement', 'unknown_element', `unknown data element ${c.dataElement.slice(0, 60)}`);
    }
    if (!meta.countries.has(c.country)) {
      e(c, 'country', 'unknown_country', `unknown country ${c.country.slice(0, 10)}`);
    } else if (!mayWrite(c.country)) {
      e(c, 'country', 'out_of_scope', `you may not import values of ${c.country}`);
    }
    if (c.province.length > 10) {
      e(c, 'province', 'bad_province', 'a province code has at most 10 characters');
    }
    const period = parsePeriod(c.period);
    const sets = meta.dataSetsOf.get(c.dataElement) ?? [];
    const adxSet = adxDataSets?.[i] ?? null;
    if (adxSet !== null && element && !meta.dataSetElements.get(adxSet)?.has(c.dataElement)) {
      e(
        c,
        'dataElement',
        'not_in_data_set',
        `${c.dataElement} is not in data set ${adxSet.slice(0, 60)}`,
      );
    }
    if (!period) {
      e(c, 'period', 'bad_period', `not a period: ${c.period.slice(0, 12)}`);
    } else if (element && sets.length > 0) {
      const fiscal = meta.fiscalStartMonths[c.country] ?? 1;
      const fits = sets.some(
        (s) =>
          (adxSet === null || s.code === adxSet) &&
          s.periodType === period.type &&
          (period.type !== 'FinancialYear' || period.index === fiscal),
      );
      if (!fits) {
        e(
          c,
          'period',
          'period_not_allowed',
          `period ${c.period} does not fit the data set of ${c.dataElement}`,
        );
      } else {
        const locked = sets.find((s) => meta.approved.has(`${s.code}|${c.country}|${c.period}`));
        if (locked) {
          e(
            c,
            'period',
            'period_approved',
            `${locked.code} ${c.country} ${c.period} is approved (locked)`,
          );
        }
      }
    }
    if (element) {
      STAT_DIMENSIONS.forEach((dim, d) => {
        const option = c.dims[d] ?? TOTAL;
        if (option === TOTAL) {
          return;
        }
        if (!element.dimensions.has(dim)) {
          e(c, dim, 'dimension_not_allowed', `${c.dataElement} is not broken down by ${dim}`);
        } else if (!dimensionAllows(dim, option)) {
          e(c, dim, 'option_not_allowed', `${option.slice(0, 40)} is not an option of ${dim}`);
        }
      });
      if (c.value !== null && element.valueType === 'Integer' && !Number.isInteger(c.value)) {
        e(c, 'value', 'not_integer', 'the element counts whole numbers');
      }
    }
    if (errors.length > before) {
      return;
    }
    const key = cellKey(c);
    const prior = seen.get(key);
    if (prior) {
      if (prior.status !== c.status || prior.value !== c.value) {
        e(c, 'value', 'duplicate_cell', `the same cell as row ${prior.row} with another value`);
      }
      return;
    }
    seen.set(key, c);
    values.push({ ...c, periodType: (period as { type: PeriodType }).type });
  });
  onProgress(candidates.length);
  return { values, errors };
}
