import type { DbTarget } from '@ctip/db';
import { type FederationBenchReport, runFederationBench } from '../bench/run-federation-bench';
import { CliError, type CliIo, writeLine } from '../context';
import { formatTable } from '../output';

const fixed = (n: number, digits: number) => (Number.isFinite(n) ? n.toFixed(digits) : '-');

/**
 * The federation results as a table: delivery latency (p50/p95/max) and the drain of the messages
 * in flight (time, throughput, exactly-once check).
 * @param report - from runFederationBench
 */
export function federationBenchTable(report: FederationBenchReport): string {
  const d = report.drain;
  return formatTable(
    ['operation', 'n', 'p50 ms', 'p95 ms', 'max ms', 'throughput/s'],
    [
      [
        'delivery latency (outbox → applied), one at a time',
        String(report.latency.n),
        fixed(report.latency.p50Ms, 0),
        fixed(report.latency.p95Ms, 0),
        fixed(report.latency.maxMs, 0),
        '-',
      ],
      [
        'referral.offer latency (outbox → applied), one at a time',
        String(report.offerLatency.n),
        fixed(report.offerLatency.p50Ms, 0),
        fixed(report.offerLatency.p95Ms, 0),
        fixed(report.offerLatency.maxMs, 0),
        '-',
      ],
      [
        `drain ${d.messages} referrals in flight (${d.drainMs} ms; applied ${d.applied}, lost ${d.lost}, duplicated ${d.duplicates}: ${d.exactlyOnce ? 'exactly once' : 'FAILED'})`,
        String(d.applied),
        '-',
        '-',
        String(d.drainMs),
        String(d.throughputPerSecond),
      ],
      [
        `receipts of the ${d.messages} referrals back at the sender`,
        String(d.messages),
        '-',
        '-',
        fixed(d.roundTripMs, 0),
        '-',
      ],
    ],
    ['left', 'right', 'right', 'right', 'right', 'right'],
  );
}

/** `ctip bench --suite federation`: run it, print the table (or JSON), exit 1 on loss. */
export async function runFederationSuite(
  io: CliIo,
  target: DbTarget,
  options: {
    messages: number;
    referrals: number;
    offerSamples: number;
    concurrency: number;
    json?: boolean;
  },
): Promise<void> {
  writeLine(
    io.stderr,
    `Federation benchmark: two nodes on loopback, ${options.messages} messages one at a time, ` +
      `${options.offerSamples} referrals one at a time, ${options.referrals} referrals in flight.`,
  );
  const report = await runFederationBench(
    {
      target,
      messages: options.messages,
      referrals: options.referrals,
      offerSamples: options.offerSamples,
      concurrency: options.concurrency,
    },
    io.stderr,
  );
  const table = federationBenchTable(report);
  if (options.json) {
    io.stderr.write(table);
    writeLine(io.stdout, JSON.stringify(report, null, 2));
  } else {
    io.stdout.write(table);
  }
  if (!report.drain.exactlyOnce) {
    throw new CliError(
      `the drain lost ${report.drain.lost} and duplicated ${report.drain.duplicates} messages`,
    );
  }
}
