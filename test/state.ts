/**
 * Database state probes for tests that must prove a refused request changed nothing: row counts and
 * content hashes of the main tables, and the audit events written since a point.
 */
import type { Db } from '@ctip/db';
import { sql } from 'kysely';

/** The tables a refused request must leave untouched. */
export const MAIN_TABLES = [
  'app_user',
  'agency',
  'role',
  'role_permission',
  'user_role',
  'session',
] as const;
export type MainTable = (typeof MAIN_TABLES)[number];

/**
 * Columns that change without a change of data: a session's last-seen time is touched by any request.
 * Failed-login counters are left out only when a test asks (they count refused logins on purpose).
 */
const ALWAYS_IGNORED: Partial<Record<MainTable, string[]>> = { session: ['last_seen_at'] };

export type Snapshot = Record<MainTable, { rows: number; hash: string }>;

const columnCache = new WeakMap<Db, Promise<Map<string, string[]>>>();

function columnsOf(db: Db): Promise<Map<string, string[]>> {
  let cached = columnCache.get(db);
  if (!cached) {
    cached = sql<{ table_name: string; column_name: string }>`
      select table_name, column_name from information_schema.columns
      where table_schema = current_schema() and table_name in (${sql.join([...MAIN_TABLES])})
      order by table_name, ordinal_position`
      .execute(db)
      .then((r) => {
        const map = new Map<string, string[]>();
        for (const row of r.rows) {
          map.set(row.table_name, [...(map.get(row.table_name) ?? []), row.column_name]);
        }
        return map;
      });
    columnCache.set(db, cached);
  }
  return cached;
}

/**
 * Row count and an order-independent hash of every main table, in one round trip.
 * @param ignore - further columns to leave out, per table
 */
export async function snapshot(
  db: Db,
  ignore: Partial<Record<MainTable, string[]>> = {},
): Promise<Snapshot> {
  const columns = await columnsOf(db);
  const parts = MAIN_TABLES.map((table) => {
    const skip = new Set([...(ALWAYS_IGNORED[table] ?? []), ...(ignore[table] ?? [])]);
    const cols = (columns.get(table) ?? []).filter((c) => !skip.has(c));
    const row = cols.map((c) => `"${c}"`).join(', ');
    return `(select json_build_array(count(*), md5(coalesce(string_agg(x, E'\\n' order by x), '')))
       from (select row(${row})::text as x from "${table}") s) as "${table}"`;
  });
  const result = await sql<
    Record<MainTable, [number, string]>
  >`select ${sql.raw(parts.join(',\n'))}`.execute(db);
  const r = result.rows[0] as Record<MainTable, [number | string, string] | string>;
  const out = {} as Snapshot;
  for (const table of MAIN_TABLES) {
    const v = r[table];
    const [rows, hash] = typeof v === 'string' ? (JSON.parse(v) as [number, string]) : v;
    out[table] = { rows: Number(rows), hash };
  }
  return out;
}

/** The sequence number of the newest audit event (0 when none). */
export async function auditHead(db: Db): Promise<number> {
  const row = await db
    .selectFrom('audit_event')
    .select((eb) => eb.fn.max('seq').as('seq'))
    .executeTakeFirst();
  return Number(row?.seq ?? 0);
}

/** Audit events written after `seq`, oldest first. */
export function auditSince(db: Db, seq: number) {
  return db.selectFrom('audit_event').selectAll().where('seq', '>', seq).orderBy('seq').execute();
}
