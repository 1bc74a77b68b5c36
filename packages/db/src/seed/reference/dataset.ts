import { createHash } from 'node:crypto';
import type { Transaction } from 'kysely';
import type { Database } from '../../tables/database';

/** One reference dataset: its rows are built in memory, then upserted inside the load transaction. */
export type ReferenceDataset = {
  /** Key in `reference_version.dataset`, e.g. `countries`. */
  name: string;
  /** Content hash of every row the dataset writes; a new value makes the next seed reload it. */
  version: string;
  /** Rows written by `load`, summed over all tables of the dataset. */
  rowCount: number;
  /** Upsert every row; never deletes (agencies and cases reference these tables). */
  load: (trx: Transaction<Database>) => Promise<void>;
};

/** PostgreSQL's limit on bind parameters in one statement (the wire protocol counts them in 16 bits). */
const BIND_PARAMETER_LIMIT = 65_535;

/**
 * Version a dataset by the hash of its rows, so a changed source file, library upgrade or mapping
 * change reloads it without anyone remembering to bump a constant.
 * @param rows - Every row the dataset writes, in a stable order.
 * @returns `sha256:` followed by the first 16 hex digits of the SHA-256 of the rows' JSON.
 */
export function contentVersion(rows: unknown): string {
  const digest = createHash('sha256').update(JSON.stringify(rows)).digest('hex');
  return `sha256:${digest.slice(0, 16)}`;
}

/**
 * Split rows into batches whose multi-row INSERT stays below PostgreSQL's bind-parameter limit.
 * @param rows - Rows of one table, each with the same columns.
 * @returns The batches, in order; none when `rows` is empty.
 */
export function batchRows<T extends object>(rows: readonly T[]): T[][] {
  const first = rows[0];
  if (first === undefined) {
    return [];
  }
  const columns = Math.max(1, Object.keys(first).length);
  const size = Math.floor((BIND_PARAMETER_LIMIT - 1) / columns);
  const batches: T[][] = [];
  for (let i = 0; i < rows.length; i += size) {
    batches.push(rows.slice(i, i + size));
  }
  return batches;
}

/**
 * A stable UUID for a seeded row, from a name that identifies it (`plan_node:SPA3:activity:P&C 1`),
 * so reloading a dataset updates the same rows instead of adding new ones. Shaped as a version-5
 * style UUID (SHA-256 based, not SHA-1; nothing here needs the RFC's exact hash).
 */
export function stableUuid(name: string): string {
  const h = createHash('sha256').update(name).digest('hex');
  const variant = ((Number.parseInt(h.slice(16, 17), 16) & 0x3) | 0x8).toString(16);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}
