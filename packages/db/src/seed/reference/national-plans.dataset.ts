import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Insertable } from 'kysely';
import type { NationalPlanTable } from '../../tables/plans.table';
import { batchRows, contentVersion, type ReferenceDataset, stableUuid } from './dataset';

const DATA_DIR = join(import.meta.dirname, 'data');
export const NATIONAL_PLANS_FILE = 's002_table2_national_plans_of_action.csv';

/** Country names as S002 Table 2 prints them. */
const COUNTRY_CODES: Readonly<Record<string, string>> = {
  Cambodia: 'KH',
  China: 'CN',
  'Lao PDR': 'LA',
  Myanmar: 'MM',
  Thailand: 'TH',
  'Viet Nam': 'VN',
};

/** Stable id of a seeded national plan of action. */
export function nationalPlanId(countryCode: string, ordinal: number): string {
  return stableUuid(`national_plan:${countryCode}:${ordinal}`);
}

/**
 * One row per national plan of action in S002 Table 2: country, ordinal, year approved and
 * period as printed. The table gives no titles, scopes or status notes: they stay NULL.
 * @returns Rows in the file's order.
 */
export function buildNationalPlanRows(): Insertable<NationalPlanTable>[] {
  const text = readFileSync(join(DATA_DIR, NATIONAL_PLANS_FILE), 'utf8');
  const lines = text.split(/\r?\n/).filter((l) => l.trim() !== '');
  const header = lines[0]?.split(',') ?? [];
  const expected = ['country', 'npa_ordinal', 'year_approved', 'period_start', 'period_end'];
  if (header.join(',') !== expected.join(',')) {
    throw new Error(`${NATIONAL_PLANS_FILE}: unexpected header ${header.join(',')}`);
  }
  return lines.slice(1).map((line, i) => {
    const [country, ordinal, approved, start, end] = line.split(',').map((c) => c.trim());
    const code = COUNTRY_CODES[country ?? ''];
    if (!code) {
      throw new Error(`${NATIONAL_PLANS_FILE} line ${i + 2}: unknown country ${country}`);
    }
    const n = Number(ordinal);
    return {
      id: nationalPlanId(code, n),
      country_code: code,
      ordinal: n,
      title: null,
      year_approved: approved ? Number(approved) : null,
      period_start: Number(start),
      period_end: Number(end),
      scope: null,
      status_note: null,
      source: `${NATIONAL_PLANS_FILE} (S002 Table 2)`,
      is_seeded: true,
    };
  });
}

/**
 * The `national_plans` dataset: the national plans of action of S002 Table 2.
 * @returns The dataset with its rows, content version and loader.
 */
export function nationalPlansDataset(): ReferenceDataset {
  const rows = buildNationalPlanRows();
  return {
    name: 'national_plans',
    version: contentVersion(rows),
    rowCount: rows.length,
    load: async (trx) => {
      for (const batch of batchRows(rows)) {
        await trx
          .insertInto('national_plan')
          .values(batch)
          .onConflict((oc) =>
            oc.column('id').doUpdateSet((eb) => ({
              ordinal: eb.ref('excluded.ordinal'),
              year_approved: eb.ref('excluded.year_approved'),
              period_start: eb.ref('excluded.period_start'),
              period_end: eb.ref('excluded.period_end'),
              source: eb.ref('excluded.source'),
              is_seeded: eb.ref('excluded.is_seeded'),
            })),
          )
          .execute();
      }
    },
  };
}
