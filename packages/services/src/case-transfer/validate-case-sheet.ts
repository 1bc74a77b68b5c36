import { type HtcdsRowValue, htcdsHeaderCheck, htcdsParseRow } from '@ctip/domain';
import type { CaseSheet } from './htcds-file';
import { type ImportRowError, MAX_REPORTED_ERRORS } from './import-job';

/** The outcome of validating every row of a file. */
export type SheetValidation = {
  values: HtcdsRowValue[];
  errorCount: number;
  /** At most MAX_REPORTED_ERRORS, in file order. */
  errors: ImportRowError[];
};

const yieldToLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Validate every row of a case file with the domain row parser, plus what only the node knows
 * (country codes exist in the reference data). Pure apart from yielding to the event loop every
 * 1,000 rows, so a large file does not stall other requests.
 * @param countries - the known ISO country codes
 * @param onProgress - rows validated so far
 */
export async function validateCaseSheet(
  sheet: CaseSheet,
  countries: ReadonlySet<string>,
  onProgress: (processed: number) => void = () => {},
): Promise<SheetValidation> {
  const errors: ImportRowError[] = [];
  let errorCount = 0;
  const report = (e: ImportRowError) => {
    errorCount += 1;
    if (errors.length < MAX_REPORTED_ERRORS) {
      errors.push(e);
    }
  };
  const header = htcdsHeaderCheck(sheet.headers);
  for (const d of header.duplicated) {
    report({ row: 1, column: d, message: 'appears more than once' });
  }
  if (header.known.length === 0) {
    report({ row: 1, column: '', message: 'no HTCDS column found in the header row' });
  }
  if (sheet.rows.length === 0) {
    report({ row: 1, column: '', message: 'the file has no data rows' });
  }
  if (errorCount > 0) {
    return { values: [], errorCount, errors };
  }
  const values: HtcdsRowValue[] = [];
  for (const [i, cells] of sheet.rows.entries()) {
    const rowNumber = sheet.rowNumbers[i] ?? i + 2;
    const record: Record<string, string> = {};
    for (const { index, column } of header.known) {
      record[column.name] = cells[index] ?? '';
    }
    const parsed = htcdsParseRow(record);
    if (!parsed.ok) {
      for (const e of parsed.errors) {
        report({ row: rowNumber, ...e });
      }
    } else {
      const { input } = parsed.value;
      const checks: [string, string | undefined][] = [
        ['prs_Nationality', input.person.nationality],
        ['vic_CountryOfExploitation', input.victim?.countryOfExploitation],
        ...(input.events ?? []).map(
          (e) => [`hte_${e.type}Country`, e.country] as [string, string | undefined],
        ),
      ];
      let rowOk = true;
      for (const [column, code] of checks) {
        if (code && !countries.has(code)) {
          report({ row: rowNumber, column, message: 'is not a known country code' });
          rowOk = false;
        }
      }
      if (rowOk && errorCount === 0) {
        values.push(parsed.value);
      }
    }
    if ((i + 1) % 1000 === 0) {
      onProgress(i + 1);
      await yieldToLoop();
    }
  }
  onProgress(sheet.rows.length);
  return { values: errorCount > 0 ? [] : values, errorCount, errors };
}
