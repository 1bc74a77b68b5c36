import { spreadsheetSafe } from '@ctip/domain';
import { stringify } from 'csv-stringify/sync';
import ExcelJS from 'exceljs';

// Spreadsheet reading and writing shared by the case and statistics imports and exports.

/** The text of an XLSX cell as shown (dates as ISO days, rich text joined, formulas' results). */
export function spreadsheetCellText(value: ExcelJS.CellValue): string {
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
      return value.result == null ? '' : spreadsheetCellText(value.result as ExcelJS.CellValue);
    }
    return '';
  }
  return String(value);
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
 * Write rows as an XLSX workbook: sheet `sheetName` (`cases` by default), and a `summary` sheet of label/value lines (e.g.
 * how many cases were left out for lack of consent). Cells are written as text (never formulas) and
 * also pass {@link spreadsheetSafe}, for programs that re-evaluate text on import.
 */
export async function writeXlsx(
  headers: readonly string[],
  rows: readonly string[][],
  summary: readonly [string, string | number][],
  sheetName = 'cases',
): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Mekong CTIP';
  const sheet = workbook.addWorksheet(sheetName);
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
