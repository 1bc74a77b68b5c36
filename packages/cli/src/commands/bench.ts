import type { DbTarget } from '@ctip/db';
import type { Command } from 'commander';
import { Option } from 'commander';
import { runPlansReportSuite } from '../bench/plans-report-bench';
import { type BenchReport, runBench } from '../bench/run-bench';
import { type CasesBenchReport, runCasesBench } from '../bench/run-cases-bench';
import { runStatisticsSuite } from '../bench/statistics-bench';
import { runStatsImportSuite } from '../bench/stats-import-bench';
import { CliError, type CliIo, parsePositiveInt, withDatabaseOption, writeLine } from '../context';
import { formatTable } from '../output';
import { runFederationSuite } from './federation-bench';

type BenchCommandOptions = {
  databaseUrl?: DbTarget;
  users: number;
  concurrency: number;
  requests: number;
  duration: number;
  json?: boolean;
  suite: 'users' | 'cases' | 'federation' | 'stats-import' | 'statistics' | 'plans-report';
  values: number;
  cases: number;
  importRows: number;
  messages: number;
  referrals: number;
  offerSamples: number;
  statValues: number;
};

/** Parse a non-negative integer option value. */
function parseCount(value: string): number {
  return value === '0' ? 0 : parsePositiveInt(value);
}

const fixed = (n: number, digits: number) => (Number.isFinite(n) ? n.toFixed(digits) : '-');

/**
 * The results as a table: operation | n | p50 ms | p95 ms | throughput/s.
 * @param report - from runBench
 */
export function benchTable(report: BenchReport): string {
  return formatTable(
    ['operation', 'n', 'p50 ms', 'p95 ms', 'throughput/s'],
    report.results.map((r) => [
      r.operation,
      String(r.n),
      fixed(r.p50Ms, 1),
      fixed(r.p95Ms, 1),
      fixed(r.throughputPerSecond, 1),
    ]),
    ['left', 'right', 'right', 'right', 'right'],
  );
}

/**
 * The cases results as a table, the bulk import as its last line (rows/s as throughput).
 * @param report - from runCasesBench
 */
export function casesBenchTable(report: CasesBenchReport): string {
  const rows = report.results.map((r) => [
    r.operation,
    String(r.n),
    fixed(r.p50Ms, 1),
    fixed(r.p95Ms, 1),
    fixed(r.throughputPerSecond, 1),
  ]);
  if (report.import) {
    rows.push([
      `bulk import ${report.import.rows} rows (rows/s; all-or-nothing ${report.import.allOrNothingChecked ? 'ok' : 'FAILED'})`,
      '1',
      String(report.import.ms),
      '-',
      String(report.import.rowsPerSecond),
    ]);
  }
  return formatTable(['operation', 'n', 'p50 ms', 'p95 ms', 'throughput/s'], rows, [
    'left',
    'right',
    'right',
    'right',
    'right',
  ]);
}

async function runCasesSuite(io: CliIo, target: DbTarget, options: BenchCommandOptions) {
  writeLine(
    io.stderr,
    `Cases benchmark: ${options.cases} cases, concurrency ${options.concurrency}, ` +
      `${options.requests} calls or ${options.duration} s per operation, import ${options.importRows} rows.`,
  );
  const report = await runCasesBench(
    {
      target,
      cases: options.cases,
      importRows: options.importRows,
      concurrency: options.concurrency,
      requests: options.requests,
      maxSecondsPerOperation: options.duration,
    },
    io.stderr,
  );
  const table = casesBenchTable(report);
  if (options.json) {
    io.stderr.write(table);
    writeLine(io.stdout, JSON.stringify(report, null, 2));
  } else {
    io.stdout.write(table);
  }
  const failed = report.results.filter((r) => r.errors > 0);
  if (failed.length > 0 || report.import?.allOrNothingChecked === false) {
    throw new CliError(
      failed.map((r) => `${r.operation}: ${r.errors} failed (${r.firstError})`).join('; ') ||
        'the bad-row import committed rows',
    );
  }
}

/**
 * `ctip bench`: generate data in a fresh database, start the real server in-process, and measure
 * login, user list pages, user search and the audit list over HTTP. Needs no arguments: PGlite in
 * memory by default; PostgreSQL with --database-url (or DATABASE_URL) in a scratch database that is
 * dropped afterwards. Exits 1 if any request failed.
 * @param program - the root command
 * @param io - streams and configuration
 */
export function registerBench(program: Command, io: CliIo): void {
  withDatabaseOption(program.command('bench'))
    .description('benchmark the API over HTTP against a fresh, generated database')
    .option('--users <n>', 'users to generate', parsePositiveInt, 10_000)
    .option('--concurrency <n>', 'requests in flight at once', parsePositiveInt, 20)
    .option('--requests <n>', 'requests measured per operation', parsePositiveInt, 1000)
    .option('--duration <seconds>', 'time limit per operation', parsePositiveInt, 15)
    .option('--json', 'print the results as JSON on stdout (the table goes to stderr)')
    .addOption(
      new Option(
        '--suite <suite>',
        'users: the API over HTTP; cases: case search, list, open, import; federation: two nodes',
      )
        .choices(['users', 'cases', 'federation', 'stats-import', 'statistics', 'plans-report'])
        .default('users'),
    )
    .option('--cases <n>', 'cases to generate (cases suite)', parsePositiveInt, 1_000_000)
    .option(
      '--values <n>',
      'aggregate values to generate (statistics suite)',
      parsePositiveInt,
      5_000_000,
    )
    .option(
      '--import-rows <n>',
      'rows of the bulk import (cases suite; 0 skips)',
      parseCount,
      100_000,
    )
    .option(
      '--messages <n>',
      'messages sent one at a time (federation suite)',
      parsePositiveInt,
      300,
    )
    .option(
      '--referrals <n>',
      'referrals in flight at once (federation suite)',
      parsePositiveInt,
      1000,
    )
    .option(
      '--offer-samples <n>',
      'referrals sent one at a time for the offer latency (federation suite)',
      parsePositiveInt,
      50,
    )
    .option(
      '--stat-values <n>',
      'values of the statistics import (stats-import suite)',
      parsePositiveInt,
      1_000_000,
    )
    .action(async (options: BenchCommandOptions) => {
      const target: DbTarget = options.databaseUrl ?? io.config?.db ?? { kind: 'pglite' };
      if (options.suite === 'plans-report') {
        // Each run is a whole report: at most 3 per scenario (--requests lowers it).
        await runPlansReportSuite(io, target, {
          runs: Math.min(options.requests, 3),
          json: options.json,
        });
        return;
      }
      if (options.suite === 'stats-import') {
        await runStatsImportSuite(io, target, options.statValues);
        return;
      }
      if (options.suite === 'federation') {
        await runFederationSuite(io, target, options);
        return;
      }
      if (options.suite === 'statistics') {
        await runStatisticsSuite(io, target, {
          ...options,
          requests: Math.min(options.requests, 100),
        });
        return;
      }
      if (options.suite === 'cases') {
        await runCasesSuite(io, target, options);
        return;
      }
      writeLine(
        io.stderr,
        `Benchmark: ${options.users} users, concurrency ${options.concurrency}, ` +
          `${options.requests} requests or ${options.duration} s per operation.`,
      );
      const report = await runBench(
        {
          target,
          users: options.users,
          concurrency: options.concurrency,
          requests: options.requests,
          maxSecondsPerOperation: options.duration,
        },
        io.stderr,
      );
      const table = benchTable(report);
      if (options.json) {
        io.stderr.write(table);
        writeLine(io.stdout, JSON.stringify(report, null, 2));
      } else {
        io.stdout.write(table);
      }
      const failed = report.results.filter((r) => r.errors > 0);
      if (failed.length > 0) {
        throw new CliError(
          failed.map((r) => `${r.operation}: ${r.errors} failed (${r.firstError})`).join('; '),
        );
      }
    });
}
