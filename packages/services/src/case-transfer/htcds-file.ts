import { DomainError, spreadsheetSafe } from '@ctip/domain';
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import ExcelJS from 'exceljs';

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

function cellToText(value: ExcelJS.CellValue): string {
  if (value == null) {
    return '';
  }
  if (value instanceof Date) {
    return value.toISOString().slice(0, 10);
  }
  if (typeof value === 'object') {
    if ('richText' in value) {
      return value.richText.map((r) => r.text).join('');
    }
    if ('text' in value) {
      return String(value.text);
    }
    if ('result' in value) {
      return value.result == null ? '' : cellToText(value.result as ExcelJS.CellValue);
    }
    return '';
  }
  return String(value);
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
      cells.push(cellToText(row.getCell(c).value).trim());
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

/**
 * Write rows as CSV (UTF-8 with BOM, so spreadsheet programs detect the encoding). Every cell goes
 * through {@link spreadsheetSafe}: a cell starting with = + - @ is never run as a formula.
 */
export function writeCsv(headers: readonly string[], rows: readonly string[][]): Buffer {
  const body = stringify([headers as string[], ...rows.map((r) => r.map(spreadsheetSafe))], {
    record_delimiter: '\r\n',
  });
  return Buffer.from(`\uFEFF${body}`, 'utf8');
}

/**
 * Write rows as an XLSX workbook: sheet `cases`, and a `summary` sheet of label/value lines (e.g.
 * how many cases were left out for lack of consent). Cells are written as text (never formulas) and
 * also pass {@link spreadsheetSafe}, for programs that re-evaluate text on import.
 */
export async function writeXlsx(
  headers: readonly string[],
  rows: readonly string[][],
  summary: readonly [string, string | number][],
): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Mekong CTIP';
  const sheet = workbook.addWorksheet('cases');
  sheet.addRow([...headers]);
  sheet.getRow(1).font = { bold: true };
  for (const r of rows) {
    sheet.addRow(r.map(spreadsheetSafe));
  }
  const info = workbook.addWorksheet('summary');
  for (const [label, value] of summary) {
    info.addRow([label, value]);
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
