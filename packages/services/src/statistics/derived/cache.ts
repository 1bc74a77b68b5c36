import type { Db } from '@ctip/db';
import { sql } from 'kysely';
import type { Reader } from './cell-store';

/**
 * A result cache for the analytics, keyed by the request (query and access) and the statistics
 * data version: a row bumped by a statement-level trigger on every write to the values, published
 * values, violations, approvals and settings (migration 2026_12_02_0930), in the writer's
 * transaction, so a cached result never outlives the data it was computed from. Per database
 * handle, in process memory, least recently used out first. Each server process has its own; a
 * fresh process starts cold. Cached results are shared: callers must not change them.
 */
const MAX_ENTRIES = 500;

type Entry = { version: string; value: unknown };
const caches = new WeakMap<object, Map<string, Entry>>();

/** The current statistics data version. */
export async function statDataVersion(db: Reader): Promise<string> {
  const { rows } = await sql<{ v: string | number }>`
    select version as v from stat_data_version where id = 1`.execute(db);
  return String(rows[0]?.v ?? '0');
}

/**
 * The cached result for `key` at the current data version, or compute and keep it.
 * @param key - JSON-serialisable request identity (the access it was computed under included)
 */
export async function cachedStat<T>(db: Db, key: unknown, compute: () => Promise<T>): Promise<T> {
  const version = await statDataVersion(db);
  let cache = caches.get(db);
  if (!cache) {
    cache = new Map();
    caches.set(db, cache);
  }
  const k = JSON.stringify(key);
  const hit = cache.get(k);
  if (hit && hit.version === version) {
    cache.delete(k);
    cache.set(k, hit);
    return hit.value as T;
  }
  const value = await compute();
  cache.set(k, { version, value });
  while (cache.size > MAX_ENTRIES) {
    const oldest = cache.keys().next().value as string;
    cache.delete(oldest);
  }
  return value;
}

/** Forget every cached result of a database handle (the benchmark's cold runs). */
export function clearStatCache(db: Db): void {
  caches.delete(db);
}
