import type { Database } from '@ctip/db';
import { STAT_DIMENSIONS } from '@ctip/domain';
import { CompiledQuery, sql, type Transaction } from 'kysely';
import { from as copyFrom } from 'pg-copy-streams';
import type { RevalidateBlock } from '../core/revalidate';
import type { ValidValue } from './validate-import';

/** Columns of the staging table, in order. */
const STAGE_COLUMNS = [
  'data_element',
  'country',
  'province',
  'period',
  'period_type',
  ...STAT_DIMENSIONS,
  'status',
  'value',
  'note',
  'printed',
] as const;

/** Values per staging chunk (unnest path) or per stream write (COPY). */
export const STAGE_CHUNK = 10_000;

export type WriteOutcome = {
  inserted: number;
  updated: number;
  unchanged: number;
  /** Blocks with an inserted or updated value (for revalidation). */
  touched: RevalidateBlock[];
  method: 'copy' | 'unnest';
};

function stageRow(v: ValidValue): (string | number | null)[] {
  return [
    v.dataElement,
    v.country,
    v.province,
    v.period,
    v.periodType,
    ...v.dims,
    v.status,
    v.value,
    v.note,
    v.printed,
  ];
}

/** Escape a text for COPY's text format. */
function copyText(v: string | number | null): string {
  if (v === null) {
    return '\\N';
  }
  if (typeof v === 'number') {
    return String(v);
  }
  return /[\\\t\n\r]/.test(v)
    ? v.replace(/[\\\t\n\r]/g, (c) =>
        c === '\\' ? '\\\\' : c === '\t' ? '\\t' : c === '\n' ? '\\n' : '\\r',
      )
    : v;
}

/** Is this transaction on PGlite (WASM, no COPY FROM STDIN through the driver)? */
async function isPglite(trx: Transaction<Database>): Promise<boolean> {
  const { rows } = await sql<{ v: string }>`select version() as v`.execute(trx);
  return /pglite|emscripten|wasm/i.test(rows[0]?.v ?? '');
}

/**
 * COPY rows into the staging table on the transaction's own connection: the COPY stream is a pg
 * Submittable, handed to the connection as the "query" (Kysely passes it to `client.query`
 * untouched), so it runs inside the open transaction; the next statement queues behind it.
 */
async function copyIntoStage(
  trx: Transaction<Database>,
  values: readonly ValidValue[],
  onProgress: (staged: number) => void,
): Promise<void> {
  const stream = copyFrom(`COPY stat_import_stage (${STAGE_COLUMNS.join(', ')}) FROM STDIN`);
  const done = new Promise<void>((resolve, reject) => {
    stream.on('finish', () => resolve());
    stream.on('error', reject);
  });
  // Errors surface through `done`; keep the handle from rejecting unobserved.
  done.catch(() => {});
  const query = CompiledQuery.raw('');
  await trx.executeQuery({ ...query, sql: stream as unknown as string });
  for (let start = 0; start < values.length; start += STAGE_CHUNK) {
    const end = Math.min(values.length, start + STAGE_CHUNK);
    let text = '';
    for (let i = start; i < end; i += 1) {
      text += `${stageRow(values[i] as ValidValue)
        .map(copyText)
        .join('\t')}\n`;
    }
    if (!stream.write(text)) {
      await Promise.race([new Promise((r) => stream.once('drain', r)), done]);
    }
    onProgress(end);
  }
  stream.end();
  await done;
}

const STAGE_TYPES: Record<string, string> = { value: 'float8' };

/** Insert rows into the staging table with `INSERT … SELECT FROM unnest(arrays)`, one per chunk. */
async function unnestIntoStage(
  trx: Transaction<Database>,
  values: readonly ValidValue[],
  onProgress: (staged: number) => void,
): Promise<void> {
  for (let start = 0; start < values.length; start += STAGE_CHUNK) {
    const chunk = values.slice(start, start + STAGE_CHUNK).map(stageRow);
    const arrays = STAGE_COLUMNS.map((c, j) => {
      const type = STAGE_TYPES[c] ?? 'text';
      return sql`${chunk.map((r) => r[j] ?? null)}::${sql.raw(type)}[]`;
    });
    await sql`insert into stat_import_stage (${sql.join(STAGE_COLUMNS.map((c) => sql.ref(c)))})
      select * from unnest(${sql.join(arrays)})`.execute(trx);
    onProgress(start + chunk.length);
  }
}

/**
 * Write validated values inside the caller's transaction: stage them (COPY on PostgreSQL, batched
 * unnest inserts on PGlite) in a temporary table dropped at commit, then ONE
 * `INSERT … ON CONFLICT (cell) DO UPDATE … WHERE changed`, so an unchanged value is not touched
 * (re-importing a file changes nothing). `printed` and `note` are only replaced when the file has
 * them (or the number changed), so a round trip through an export keeps them.
 */
export async function writeStatValues(
  trx: Transaction<Database>,
  values: readonly ValidValue[],
  meta: { importId: string; userId: string | null; sourceId: string | null; now: Date },
  onProgress: (staged: number) => void = () => {},
  method?: 'copy' | 'unnest',
): Promise<WriteOutcome> {
  await sql
    .raw(
      `create temp table stat_import_stage (
        data_element varchar(60) not null, country varchar(2) not null, province varchar(10) not null,
        period varchar(10) not null, period_type varchar(16) not null,
        ${STAT_DIMENSIONS.map((d) => `${d} varchar(40) not null`).join(', ')},
        status varchar(20) not null, value double precision, note text, printed varchar(200)
      ) on commit drop`,
    )
    .execute(trx);
  const how = method ?? ((await isPglite(trx)) ? 'unnest' : 'copy');
  if (how === 'copy') {
    await copyIntoStage(trx, values, onProgress);
  } else {
    await unnestIntoStage(trx, values, onProgress);
  }
  const cols = STAGE_COLUMNS.join(', ');
  const match = ['data_element', 'country', 'province', 'period', ...STAT_DIMENSIONS]
    .map((c) => `v.${c} = s.${c}`)
    .join(' and ');
  await sql`analyze stat_import_stage`.execute(trx);
  // Writers of values wait for each other from here to commit (readers do not), so the
  // update-then-insert below sees every cell another writer could add: no lost or duplicate cell.
  await sql`lock table stat_value in share row exclusive mode`.execute(trx);
  // Existing cells whose number, status, printed text, note or source changed (an unchanged value is
  // not touched, so re-importing a file changes nothing). Then the new cells, by anti-join: cheaper
  // than a speculative INSERT … ON CONFLICT per row.
  const updatedRows = await sql<{
    data_element: string;
    country: string;
    period: string;
    n: number;
  }>`
    with up as (
      update stat_value v set
        period_type = s.period_type,
        status = s.status,
        value = s.value,
        printed = case when (v.status, v.value) is distinct from (s.status, s.value)
          then s.printed else coalesce(s.printed, v.printed) end,
        note = coalesce(s.note, v.note),
        source_id = coalesce(${meta.sourceId}::uuid, v.source_id),
        import_id = ${meta.importId}::uuid,
        updated_by = ${meta.userId}::uuid,
        updated_at = ${meta.now.toISOString()}::timestamptz
      from stat_import_stage s
      where ${sql.raw(match)}
        and ((v.status, v.value) is distinct from (s.status, s.value)
          or (s.printed is not null and s.printed is distinct from v.printed)
          or (s.note is not null and s.note is distinct from v.note)
          or (${meta.sourceId}::uuid is not null and ${meta.sourceId}::uuid is distinct from v.source_id))
      returning v.data_element, v.country, v.period
    )
    select data_element, country, period, count(*)::int as n from up
    group by data_element, country, period`.execute(trx);
  const insertedRows = await sql<{
    data_element: string;
    country: string;
    period: string;
    n: number;
  }>`
    with ins as (
      insert into stat_value (${sql.raw(cols)}, source_id, import_id, updated_by, updated_at)
      select ${sql.raw(cols.replace(/(^|, )/g, '$1s.'))}, ${meta.sourceId}::uuid, ${meta.importId}::uuid,
        ${meta.userId}::uuid, ${meta.now.toISOString()}::timestamptz
      from stat_import_stage s
      where not exists (select 1 from stat_value v where ${sql.raw(match)})
      returning data_element, country, period
    )
    select data_element, country, period, count(*)::int as n from ins
    group by data_element, country, period`.execute(trx);
  let inserted = 0;
  let updated = 0;
  const touched = new Map<string, RevalidateBlock>();
  for (const [rows, add] of [
    [insertedRows.rows, (n: number) => (inserted += n)],
    [updatedRows.rows, (n: number) => (updated += n)],
  ] as const) {
    for (const r of rows) {
      add(Number(r.n));
      touched.set(`${r.data_element}|${r.country}|${r.period}`, {
        dataElement: r.data_element,
        country: r.country,
        period: r.period,
      });
    }
  }
  return {
    inserted,
    updated,
    unchanged: values.length - inserted - updated,
    touched: [...touched.values()],
    method: how,
  };
}
