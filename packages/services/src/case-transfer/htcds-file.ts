import { DomainError } from '@ctip/domain';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { spreadsheetCellText } from '../common/spreadsheet';

// The writers moved to common/spreadsheet.ts (statistics export uses them too).
export { writeCsv, writeXlsx } from '../common/spreadsheet';

/** The two file formats of case import and export. */
export const CASE_FILE_FORMATS = ['csv', 'xlsx'] as const;
export type CaseFileFormat = (typeof CASE_FILE_FORMATS)[number];

/** Media types of the formats. */
export const CASE_FILE_MEDIA_TYPES: Record<CaseFileFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

/** A parsed file: the header row, the data rows as cell texts, and each data row's file row number. */
export type CaseSheet = { headers: string[]; rows: string[][]; rowNumbers: number[] };

/** The largest file accepted (rows beyond the header). */
export const MAX_IMPORT_ROWS = 200_000;

function tooMany(): never {
  throw new DomainError('INVALID_INPUT', `file: more than ${MAX_IMPORT_ROWS} rows`, {
    field: 'file',
  });
}

/**
 * Read a CSV file (UTF-8, optional BOM, comma or semicolon separated).
 * @throws INVALID_INPUT when it is not CSV or too long
 */
export function readCsv(data: Buffer | string): CaseSheet {
  const text = typeof data === 'string' ? data : data.toString('utf8');
  if (text.includes('\u0000')) {
    // PostgreSQL cannot store NUL in text: refuse the file rather than fail midway.
    throw new DomainError('INVALID_INPUT', 'file: contains a NUL character (not a text file?)', {
      field: 'file',
    });
  }
  const firstLine = text.slice(0, text.indexOf('\n') >>> 0);
  const delimiter = firstLine.split(';').length > firstLine.split(',').length ? ';' : ',';
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(text, {
      bom: true,
      delimiter,
      info: true,
      relax_column_count: true,
      skip_empty_lines: true,
    }) as unknown as { record: string[]; info: { lines: number } }[];
  } catch (err) {
    // csv-parse messages can quote the offending line: name only where it is.
    const line = (err as { lines?: number }).lines;
    throw new DomainError(
      'INVALID_INPUT',
      `file: not a valid CSV file${line ? ` (line ${line})` : ''}`,
      {
        field: 'file',
      },
    );
  }
  const [head, ...rest] = records;
  if (rest.length > MAX_IMPORT_ROWS) {
    tooMany();
  }
  return {
    headers: (head?.record ?? []).map((h) => h.trim()),
    rows: rest.map((r) => r.record),
    rowNumbers: rest.map((r) => r.info.lines),
  };
}

/**
 * Read the first worksheet of an XLSX workbook.
 * @throws INVALID_INPUT when it is not a workbook or too long
 */
export async function readXlsx(data: Buffer): Promise<CaseSheet> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(data as unknown as ArrayBuffer);
  } catch {
    throw new DomainError('INVALID_INPUT', 'file: not a valid XLSX workbook', { field: 'file' });
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) {
    return { headers: [], rows: [], rowNumbers: [] };
  }
  if (sheet.rowCount > MAX_IMPORT_ROWS + 1) {
    tooMany();
  }
  const width = sheet.columnCount;
  const all: { cells: string[]; number: number }[] = [];
  sheet.eachRow({ includeEmpty: false }, (row) => {
    const cells: string[] = [];
    for (let c = 1; c <= width; c += 1) {
      cells.push(spreadsheetCellText(row.getCell(c).value).trim());
    }
    if (cells.some((c) => c !== '')) {
      all.push({ cells, number: row.number });
    }
  });
  const [head, ...rest] = all;
  return {
    headers: head?.cells ?? [],
    rows: rest.map((r) => r.cells),
    rowNumbers: rest.map((r) => r.number),
  };
}

/** Read a case file of either format. */
export async function readCaseFile(format: CaseFileFormat, data: Buffer): Promise<CaseSheet> {
  return format === 'csv' ? readCsv(data) : readXlsx(data);
}
