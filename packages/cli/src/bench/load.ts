import { performance } from 'node:perf_hooks';
import { type LatencySummary, summarizeLatencies } from './stats';

/** How hard and how long to drive one operation. */
export type LoadOptions = {
  /** Requests in flight at once. */
  concurrency: number;
  /** Requests to measure (the run stops earlier when `maxDurationMs` passes). */
  requests: number;
  maxDurationMs: number;
  /** Unmeasured requests first (connections, caches, JIT). */
  warmup: number;
  onProgress?: (done: number, total: number) => void;
};

/** Result of one operation. */
export type OperationResult = LatencySummary & {
  operation: string;
  /** Requests that failed (non-2xx or network error); not in n or the latencies. */
  errors: number;
  firstError: string | null;
};

async function drive(
  send: (i: number) => Promise<Response>,
  count: number,
  concurrency: number,
  deadline: number,
  onDone: (latencyMs: number | null, error: string | null) => void,
): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < count && performance.now() < deadline) {
      const i = next;
      next += 1;
      const t0 = performance.now();
      try {
        const res = await send(i);
        const body = await res.text();
        if (res.ok) {
          onDone(performance.now() - t0, null);
        } else {
          onDone(null, `${res.status} ${body.slice(0, 200)}`);
        }
      } catch (err) {
        onDone(null, (err as Error).message);
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
}

/**
 * Send requests with a fixed concurrency until `requests` are done or the time is up, and summarise
 * the latencies of the successful ones.
 * @param operation - label for the report
 * @param send - sends request number `i` (the body is read before timing stops)
 */
export async function runOperation(
  operation: string,
  send: (i: number) => Promise<Response>,
  options: LoadOptions,
): Promise<OperationResult> {
  await drive(send, options.warmup, options.concurrency, Number.POSITIVE_INFINITY, () => {});
  const latencies: number[] = [];
  let errors = 0;
  let firstError: string | null = null;
  const start = performance.now();
  await drive(
    (i) => send(i + options.warmup),
    options.requests,
    options.concurrency,
    start + options.maxDurationMs,
    (latency, error) => {
      if (latency === null) {
        errors += 1;
        firstError ??= error;
      } else {
        latencies.push(latency);
      }
      options.onProgress?.(latencies.length + errors, options.requests);
    },
  );
  const wallMs = performance.now() - start;
  return { operation, ...summarizeLatencies(latencies, wallMs), errors, firstError };
}

/**
 * Like {@link runOperation} for work that is not an HTTP request (a use case called directly): a
 * task that resolves counts as a success, one that throws as an error.
 * @param operation - label for the report
 * @param task - runs task number `i`
 */
export function runTask(
  operation: string,
  task: (i: number) => Promise<unknown>,
  options: LoadOptions,
): Promise<OperationResult> {
  return runOperation(
    operation,
    async (i) => {
      await task(i);
      return new Response(null, { status: 204 });
    },
    options,
  );
}
