import type { DbTarget } from '@ctip/db';
import { closePdfRenderer } from '@ctip/services';
import { CliError, type CliIo, writeLine } from '../context';
import { formatTable } from '../output';
import {
  authAs,
  cliContext,
  generatePlansReport,
  prepareReportDatabase,
} from '../plans/plans-report';
import { openScratchDb } from './scratch-db';

/** The ceiling for one full regional report (issue 6): generation must finish within it. */
export const PLANS_REPORT_LIMIT_MS = 30_000;

export type PlansReportBenchResult = {
  report: string;
  runs: number;
  pages: number | null;
  pdfKiB: number;
  minMs: number;
  maxMs: number;
};

export type PlansReportBenchReport = {
  database: string;
  seeded: string[];
  setupMs: number;
  limitMs: number;
  results: PlansReportBenchResult[];
};

/**
 * `ctip bench --suite plans-report`: a scratch database with the reference data and the
 * demonstration plans; then the full regional final evaluation (all six countries, SPA III, Thai
 * beside English) and a regional annual report, each generated `runs` times end to end (collect,
 * charts, HTML, Paged.js PDF in Chromium, XLSX, store). Fails if any run exceeds 30 s.
 */
export async function runPlansReportBench(
  target: DbTarget,
  runs: number,
  log: CliIo['stderr'],
): Promise<PlansReportBenchReport> {
  const scratch = await openScratchDb(target);
  writeLine(log, `Database: ${scratch.description}`);
  try {
    const ctx = cliContext(scratch.handle);
    const t0 = performance.now();
    const seeded = await prepareReportDatabase(scratch.handle.db, ctx);
    const setupMs = Math.round(performance.now() - t0);
    writeLine(
      log,
      `Seeded reference and demonstration data (${seeded.join(', ')}) in ${setupMs} ms.`,
    );
    const auth = await authAs(ctx, 'secretariat');
    const scenarios = [
      { name: 'final evaluation, 6 countries (th)', kind: 'Final' as const, year: null },
      { name: 'annual report 2014, 6 countries (km)', kind: 'Annual' as const, year: 2014 },
    ];
    const results: PlansReportBenchResult[] = [];
    for (const s of scenarios) {
      const times: number[] = [];
      let pages: number | null = null;
      let pdfKiB = 0;
      for (let i = 0; i < runs; i += 1) {
        const r = await generatePlansReport(ctx, auth, {
          frameworkId: 'SPA3',
          kind: s.kind,
          year: s.year,
          secondLanguage: s.kind === 'Final' ? 'th' : 'km',
          countries: [],
        });
        times.push(r.ms);
        pages = r.pageCount;
        pdfKiB = Math.round(r.pdf.length / 1024);
      }
      results.push({
        report: s.name,
        runs,
        pages,
        pdfKiB,
        minMs: Math.round(Math.min(...times)),
        maxMs: Math.round(Math.max(...times)),
      });
    }
    return {
      database: scratch.description,
      seeded,
      setupMs,
      limitMs: PLANS_REPORT_LIMIT_MS,
      results,
    };
  } finally {
    await closePdfRenderer();
    await scratch.drop();
  }
}

/** Run the suite, print the table (or JSON), and fail over the limit. */
export async function runPlansReportSuite(
  io: CliIo,
  target: DbTarget,
  options: { runs: number; json?: boolean },
): Promise<void> {
  const report = await runPlansReportBench(target, options.runs, io.stderr);
  const table = formatTable(
    ['report', 'runs', 'pages', 'PDF KiB', 'min ms', 'max ms', 'limit ms'],
    report.results.map((r) => [
      r.report,
      String(r.runs),
      String(r.pages ?? '-'),
      String(r.pdfKiB),
      String(r.minMs),
      String(r.maxMs),
      String(report.limitMs),
    ]),
    ['left', 'right', 'right', 'right', 'right', 'right', 'right'],
  );
  if (options.json) {
    io.stderr.write(table);
    writeLine(io.stdout, JSON.stringify(report, null, 2));
  } else {
    io.stdout.write(table);
  }
  const slow = report.results.filter((r) => r.maxMs > report.limitMs);
  if (slow.length > 0) {
    throw new CliError(
      slow.map((r) => `${r.report}: ${r.maxMs} ms exceeds ${report.limitMs} ms`).join('; '),
    );
  }
}
