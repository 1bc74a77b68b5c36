import { describe, expect, it } from 'vitest';
import type { FederationBenchReport } from '../bench/run-federation-bench';
import { federationBenchTable } from './federation-bench';

const report: FederationBenchReport = {
  database: 'PGlite (two data directories)',
  node: 'v24',
  cpus: 2,
  setupMs: 9000,
  latency: { n: 300, p50Ms: 12, p95Ms: 33, maxMs: 90 },
  offerLatency: { n: 50, p50Ms: 25, p95Ms: 60, maxMs: 120 },
  drain: {
    messages: 1000,
    enqueueMs: 40_000,
    drainMs: 11_000,
    roundTripMs: 15_000,
    throughputPerSecond: 91,
    applied: 1000,
    duplicates: 0,
    lost: 0,
    exactlyOnce: true,
  },
};

describe(federationBenchTable.name, () => {
  it('prints the latency percentiles and the drain with its exactly-once check', () => {
    const lines = federationBenchTable(report).trim().split('\n');
    expect(lines[0]).toMatch(/^operation\s+\|\s+n \| p50 ms \| p95 ms \| max ms \| throughput\/s$/);
    expect(lines[2]).toMatch(/delivery latency .*\|\s+300 \|\s+12 \|\s+33 \|\s+90 \|\s+-$/);
    expect(lines[3]).toMatch(/referral\.offer latency .*\|\s+50 \|\s+25 \|\s+60 \|\s+120 \|/);
    expect(lines[4]).toMatch(
      /drain 1000 referrals in flight .*exactly once.*\|\s+1000 \|.*\|\s+11000 \|\s+91$/,
    );
    expect(lines[5]).toMatch(/receipts .*\|\s+15000 \|/);
    const failed = federationBenchTable({
      ...report,
      drain: { ...report.drain, lost: 2, applied: 998, exactlyOnce: false },
    });
    expect(failed).toMatch(/lost 2.*FAILED/);
  });
});
