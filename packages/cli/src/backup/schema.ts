import type { Database } from '@ctip/db';
import { type Kysely, sql } from 'kysely';

/**
 * Not copied as data: Kysely's own bookkeeping (compared through the migration list) and the
 * statistics data version (a cache key every write bumps; a restore's own writes bump the target's).
 */
export const MIGRATION_TABLES = ['kysely_migration', 'kysely_migration_lock', 'stat_data_version'];

/** A column as the catalogue describes it. */
export type ColumnInfo = {
  name: string;
  /** SQL type as `format_type` prints it (`timestamp with time zone`, `character(2)`, …). */
  type: string;
  /** `a` for GENERATED ALWAYS AS IDENTITY (needs OVERRIDING SYSTEM VALUE on insert). */
  identity: string;
};

/** A table to copy, with what ordering and loading need. */
export type TableInfo = {
  name: string;
  /** Stored columns in attribute order (generated columns are left out: they are recomputed). */
  columns: ColumnInfo[];
  /** Primary-key columns in key order; empty when the table has none. */
  primaryKey: string[];
  /** Other tables this one references by foreign key. */
  references: string[];
};

/** A sequence and where it stands. Values are kept as text: bigint may exceed 2^53. */
export type SequenceInfo = { name: string; lastValue: string | null; startValue: string };

type Executor = Kysely<Database>;

/**
 * Order tables so every table comes after the tables it references (self-references are ignored:
 * rows of one table are loaded in one statement per batch, and PostgreSQL checks immediate foreign
 * keys at the end of each statement). Ties are broken by name, so the order is stable.
 * @throws Error when foreign keys form a cycle between tables
 */
export function foreignKeyOrder<T extends { name: string; references: string[] }>(
  tables: T[],
): T[] {
  const byName = new Map(tables.map((t) => [t.name, t]));
  const done = new Set<string>();
  const ordered: T[] = [];
  const pending = [...tables].sort((a, b) => a.name.localeCompare(b.name));
  while (pending.length > 0) {
    const index = pending.findIndex((t) =>
      t.references.every((r) => r === t.name || done.has(r) || !byName.has(r)),
    );
    if (index < 0) {
      throw new Error(
        `foreign keys form a cycle between tables ${pending.map((t) => t.name).join(', ')}`,
      );
    }
    const [next] = pending.splice(index, 1) as [T];
    done.add(next.name);
    ordered.push(next);
  }
  return ordered;
}

/**
 * Describe every table of the current schema except the migration bookkeeping, in foreign-key order.
 * Works the same on PostgreSQL and PGlite: it reads only the system catalogue.
 * @param db - the database or transaction to inspect
 */
export async function loadTables(db: Executor): Promise<TableInfo[]> {
  const columns = await sql<{
    table_name: string;
    name: string;
    type: string;
    identity: string;
    generated: string;
  }>`
    select c.relname as table_name, a.attname as name, format_type(a.atttypid, a.atttypmod) as type,
           a.attidentity::text as identity, a.attgenerated::text as generated
    from pg_class c
    join pg_namespace n on n.oid = c.relnamespace
    join pg_attribute a on a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped
    where n.nspname = current_schema() and c.relkind in ('r', 'p') and not c.relispartition
    order by c.relname, a.attnum`.execute(db);
  const keys = await sql<{ table_name: string; name: string }>`
    select c.relname as table_name, a.attname as name
    from pg_constraint con
    join pg_class c on c.oid = con.conrelid
    join pg_namespace n on n.oid = c.relnamespace
    cross join lateral unnest(con.conkey) with ordinality as k(attnum, ord)
    join pg_attribute a on a.attrelid = c.oid and a.attnum = k.attnum
    where n.nspname = current_schema() and con.contype = 'p'
    order by c.relname, k.ord`.execute(db);
  const refs = await sql<{ table_name: string; referenced: string }>`
    select distinct c.relname as table_name, r.relname as referenced
    from pg_constraint con
    join pg_class c on c.oid = con.conrelid
    join pg_class r on r.oid = con.confrelid
    join pg_namespace n on n.oid = c.relnamespace
    where n.nspname = current_schema() and con.contype = 'f'`.execute(db);
  const tables = new Map<string, TableInfo>();
  for (const col of columns.rows) {
    if (MIGRATION_TABLES.includes(col.table_name)) {
      continue;
    }
    let table = tables.get(col.table_name);
    if (!table) {
      table = { name: col.table_name, columns: [], primaryKey: [], references: [] };
      tables.set(col.table_name, table);
    }
    if (col.generated === '') {
      table.columns.push({ name: col.name, type: col.type, identity: col.identity });
    }
  }
  for (const key of keys.rows) {
    tables.get(key.table_name)?.primaryKey.push(key.name);
  }
  for (const ref of refs.rows) {
    tables.get(ref.table_name)?.references.push(ref.referenced);
  }
  return foreignKeyOrder([...tables.values()]);
}

/**
 * The sequences of the current schema and their positions.
 * @param db - the database or transaction to inspect
 */
export async function loadSequences(db: Executor): Promise<SequenceInfo[]> {
  const rows = await sql<{ name: string; last_value: string | null; start_value: string }>`
    select sequencename as name, last_value::text as last_value, start_value::text as start_value
    from pg_sequences where schemaname = current_schema() order by sequencename`.execute(db);
  return rows.rows.map((r) => ({
    name: r.name,
    lastValue: r.last_value,
    startValue: r.start_value,
  }));
}

/**
 * Names of the migrations applied, in order.
 * @param db - the database or transaction to inspect
 * @throws Error when the database has never been migrated
 */
export async function loadAppliedMigrations(db: Executor): Promise<string[]> {
  const exists = await sql<{ present: boolean }>`
    select to_regclass('kysely_migration') is not null as present`.execute(db);
  if (!exists.rows[0]?.present) {
    throw new Error('the database is not migrated (run `ctip migrate`)');
  }
  const rows = await sql<{ name: string }>`select name from kysely_migration order by name`.execute(
    db,
  );
  return rows.rows.map((r) => r.name);
}

/**
 * Fix the text forms of values for this transaction, so a backup reads and writes the same text on
 * every engine and server (timestamps in UTC, ISO dates, hex bytea, floats exactly).
 * @param db - a transaction (the settings are `SET LOCAL`)
 */
export async function setPortableTextFormat(db: Executor): Promise<void> {
  await sql`set local timezone = 'UTC'`.execute(db);
  await sql`set local datestyle = 'ISO, YMD'`.execute(db);
  await sql`set local intervalstyle = 'postgres'`.execute(db);
  await sql`set local extra_float_digits = 3`.execute(db);
  await sql`set local bytea_output = 'hex'`.execute(db);
}
