/**
 * The p-th percentile of ascending values by the nearest-rank method (no interpolation).
 * ### Example
 * `percentile([1, 2, 3, 4], 50)` → 2; `percentile([1, 2, 3, 4], 95)` → 4; `percentile([], 50)` → NaN
 * @param sorted - values in ascending order
 * @param p - percentile, 0 < p ≤ 100
 */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) {
    return Number.NaN;
  }
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1] as number;
}

/** Latency and throughput of one measured operation. */
export type LatencySummary = {
  /** Successful requests measured. */
  n: number;
  p50Ms: number;
  p95Ms: number;
  /** Successful requests per second of wall-clock time. */
  throughputPerSecond: number;
};

/**
 * Summarise request latencies measured over a wall-clock window.
 * ### Example
 * `summarizeLatencies([10, 20, 30, 40], 1000)` → `{ n: 4, p50Ms: 20, p95Ms: 40, throughputPerSecond: 4 }`
 * @param latenciesMs - one per successful request, any order
 * @param wallMs - duration of the whole run
 */
export function summarizeLatencies(latenciesMs: readonly number[], wallMs: number): LatencySummary {
  const sorted = [...latenciesMs].sort((a, b) => a - b);
  return {
    n: sorted.length,
    p50Ms: percentile(sorted, 50),
    p95Ms: percentile(sorted, 95),
    throughputPerSecond: wallMs > 0 ? (sorted.length * 1000) / wallMs : 0,
  };
}
