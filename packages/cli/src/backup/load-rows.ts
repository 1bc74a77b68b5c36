import type { Database } from '@ctip/db';
import { type Kysely, sql } from 'kysely';
import { type BackupHeader, type BackupRow, type BackupTable, CorruptBackupError } from './format';
import type { TableInfo } from './schema';

// Bind parameters per INSERT, well under PostgreSQL's limit of 65,535.
const MAX_PARAMS = 30_000;

type Trx = Kysely<Database>;

/** `overriding system value` when a GENERATED ALWAYS identity column is written. */
function overriding(table: TableInfo, columns: string[]) {
  return table.columns.some((c) => c.identity === 'a' && columns.includes(c.name))
    ? sql`overriding system value`
    : sql``;
}

/**
 * Insert a batch of rows with one statement into `into` (the table, or its staging copy); each text
 * value goes through its column's type.
 */
async function insertRows(
  trx: Trx,
  table: TableInfo,
  into: string,
  columns: string[],
  rows: BackupRow[],
): Promise<void> {
  const byName = new Map(table.columns.map((c) => [c.name, c]));
  // Types come from this database's catalogue, never from the file.
  const types = columns.map((name) => sql.raw(byName.get(name)?.type ?? 'text'));
  const values = sql.join(
    rows.map((row) => sql`(${sql.join(row.map((v, i) => sql`${v}::text::${types[i]}`))})`),
  );
  await sql`insert into ${sql.id(into)} (${sql.join(columns.map((c) => sql.id(c)))})
    ${into === table.name ? overriding(table, columns) : sql``} values ${values}`.execute(trx);
}

/**
 * A table that references itself (agency.parent_id) may list a child before its parent, in another
 * batch. Its rows go to a constraint-free temporary copy first, then into the table with ONE
 * statement: PostgreSQL checks immediate foreign keys at the end of each statement.
 * @returns the name to insert batches into, and a function that moves the rows at the end
 */
async function stagingFor(
  trx: Trx,
  table: TableInfo,
  columns: string[],
): Promise<{ into: string; finish: () => Promise<void> }> {
  if (!table.references.includes(table.name)) {
    return { into: table.name, finish: async () => {} };
  }
  const into = `ctip_restore_${table.name}`;
  await sql`create temporary table ${sql.id(into)} on commit drop as
    select * from ${sql.id(table.name)} with no data`.execute(trx);
  const list = sql.join(columns.map((c) => sql.id(c)));
  return {
    into,
    finish: async () => {
      await sql`insert into ${sql.id(table.name)} (${list}) ${overriding(table, columns)}
        select ${list} from ${sql.id(into)}`.execute(trx);
      await sql`drop table ${sql.id(into)}`.execute(trx);
    },
  };
}

function parseRow(line: string, width: number, lineNo: number): BackupRow {
  let row: unknown;
  try {
    row = JSON.parse(line);
  } catch {
    throw new CorruptBackupError(`line ${lineNo} is not JSON`);
  }
  if (
    !Array.isArray(row) ||
    row.length !== width ||
    !row.every((v) => v === null || typeof v === 'string')
  ) {
    throw new CorruptBackupError(`line ${lineNo} is not a row of ${width} values`);
  }
  return row as BackupRow;
}

/**
 * Load every section of the backup after the header, checking the table order and row counts, and
 * the trailer. Throws (so the caller's transaction rolls back) on anything unexpected.
 * @param trx - the restore transaction
 * @param lines - the file's lines, after the header
 * @param header - the parsed header
 * @param tables - this database's tables
 * @param onRows - called with the number of rows of each batch loaded
 * @returns the number of rows loaded
 * @throws CorruptBackupError, database errors
 */
export async function loadSections(
  trx: Trx,
  lines: AsyncIterator<string>,
  header: BackupHeader,
  tables: TableInfo[],
  onRows: (n: number) => void,
): Promise<number> {
  let lineNo = 1;
  const next = async (): Promise<string | null> => {
    const r = await lines.next();
    lineNo += 1;
    return r.done ? null : r.value;
  };
  let total = 0;
  for (const section of header.tables) {
    const start = await next();
    if (start === null) {
      throw new CorruptBackupError(`the file ends before table ${section.name}`);
    }
    if (start !== JSON.stringify({ table: section.name })) {
      throw new CorruptBackupError(`line ${lineNo}: expected the start of table ${section.name}`);
    }
    total += await loadTable(trx, section, tables, next, () => lineNo, onRows);
  }
  const end = await next();
  let trailer: unknown = null;
  try {
    trailer = end === null ? null : JSON.parse(end);
  } catch {
    // reported below
  }
  const t = trailer as { end?: unknown; rows?: unknown } | null;
  if (t?.end !== true || t.rows !== total) {
    throw new CorruptBackupError('the file ends early or its end marker is wrong');
  }
  if ((await next()) !== null) {
    throw new CorruptBackupError('data after the end marker');
  }
  return total;
}

async function loadTable(
  trx: Trx,
  section: BackupTable,
  tables: TableInfo[],
  next: () => Promise<string | null>,
  lineNo: () => number,
  onRows: (n: number) => void,
): Promise<number> {
  const table = tables.find((t) => t.name === section.name) as TableInfo;
  const columns = section.columns.map((c) => c.name);
  const batchSize = Math.max(1, Math.min(2000, Math.floor(MAX_PARAMS / columns.length)));
  const staging = await stagingFor(trx, table, columns);
  let batch: BackupRow[] = [];
  for (let i = 0; i < section.rows; i += 1) {
    const line = await next();
    if (line === null) {
      throw new CorruptBackupError(`the file ends inside table ${section.name}`);
    }
    batch.push(parseRow(line, columns.length, lineNo()));
    if (batch.length === batchSize) {
      await insertRows(trx, table, staging.into, columns, batch);
      onRows(batch.length);
      batch = [];
    }
  }
  if (batch.length > 0) {
    await insertRows(trx, table, staging.into, columns, batch);
    onRows(batch.length);
  }
  await staging.finish();
  return section.rows;
}
